/**
 * The importer registry: every input format Chokepoint reads, by id. `chokepoint formats` lists it;
 * `chokepoint import <format> <files…>` and the API's upload route run it. An importer is pure:
 * it reads the files it is handed and returns a GraphBatch — no store, no environment, no clock.
 */
import type { GraphBatch } from '@chokepoint/queries';
import type { InputFile } from './input.js';
import type { ImportOptionName } from './option-specs.js';
import { batchImporter } from './formats/batch.js';
import { epssImporter } from './formats/intel/epss.js';
import { kevImporter } from './formats/intel/kev.js';
import { inventoryImporter } from './formats/inventory/inventory.js';
import { nessusImporter } from './formats/it/nessus.js';
import { nmapImporter } from './formats/it/nmap.js';
import { zeekImporter } from './formats/ot/zeek.js';
import { sharphoundImporter } from './formats/identity/sharphound.js';
import { awsImporter } from './formats/cloud/aws.js';
import { vendorAccessImporter } from './formats/vendor/vendor-access.js';
import { openVpnImporter } from './formats/vendor/openvpn.js';
import { agentsImporter } from './formats/ai/agents.js';
import { mcpImporter } from './formats/ai/mcp.js';
import { openGraphImporter } from './formats/opengraph/opengraph.js';
import { suricataImporter } from './formats/signals/suricata.js';
import { zeekNoticeImporter } from './formats/signals/zeek-notice.js';
import { genericSignalsImporter } from './formats/signals/generic.js';
import { vpnLogImporter } from './formats/signals/vpn-log.js';

export interface ParseContext {
  /** Source name to stamp (defaults to the importer's id). */
  source?: string;
  /** Format-specific options from the CLI or API (e.g. nmap's `from`, `internet`); a file option is a path. */
  options?: Record<string, string | boolean>;
  /** File options already opened (an upload), named as the user named them; they win over a path in `options`. */
  optionFiles?: Partial<Record<ImportOptionName, InputFile>>;
}

export interface Importer {
  id: string;
  title: string;
  /** What files it reads, for `chokepoint formats`. */
  accepts: string;
  /** The format options it reads (see IMPORT_OPTIONS); others are refused. */
  options?: readonly ImportOptionName[];
  parse(files: InputFile[], context: ParseContext): Promise<GraphBatch>;
}

export const IMPORTERS: readonly Importer[] = [batchImporter, nmapImporter, nessusImporter, inventoryImporter, zeekImporter, kevImporter, epssImporter, sharphoundImporter, awsImporter, vendorAccessImporter, openVpnImporter, agentsImporter, mcpImporter, openGraphImporter, suricataImporter, zeekNoticeImporter, genericSignalsImporter, vpnLogImporter];

export function findImporter(id: string): Importer | undefined {
  return IMPORTERS.find((i) => i.id === id);
}
