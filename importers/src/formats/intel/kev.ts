/**
 * `kev`: the CISA Known Exploited Vulnerabilities catalogue (JSON, as published). An enrichment: each
 * entry adds `kev`, `kevDateAdded`, `kevDueDate`, `kevRansomware` and `kevCatalogVersion` to the
 * Vulnerability node of its CVE, if one was imported; a CVE nobody saw is counted, not an error.
 */
import { BadInputError, alias, type BatchNode } from '@chokepoint/queries';
import { assertSize, decodeUtf8, parseJson, type InputFile } from '../../input.js';
import type { Importer } from '../../registry.js';
import { enrichmentBatch } from './enrichment.js';

const EXPECTED = 'the CISA KEV JSON catalogue {catalogVersion, vulnerabilities: [{cveID, dateAdded, knownRansomwareCampaignUse, …}]}';
const RANSOMWARE: Record<string, boolean> = { Known: true, Unknown: false };

async function readKev(file: InputFile): Promise<BatchNode[]> {
  assertSize(file, 256 * 1024 * 1024, EXPECTED);
  const doc = parseJson(decodeUtf8(await file.read(), file.name), file.name, EXPECTED) as Record<string, unknown>;
  const at = (path: string, problem: string, expected: string): never => { throw new BadInputError({ file: file.name, path }, problem, expected); };
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) at('$', 'not an object', EXPECTED);
  if (!Array.isArray(doc.vulnerabilities)) at('$.vulnerabilities', 'missing or not an array', 'an array of KEV entries');
  const version = typeof doc.catalogVersion === 'string' ? doc.catalogVersion : null;
  return (doc.vulnerabilities as unknown[]).map((raw, i) => {
    const p = `$.vulnerabilities[${i}]`;
    const v = raw as Record<string, unknown>;
    if (v === null || typeof v !== 'object') at(p, 'not an object', 'a KEV entry object');
    if (typeof v.cveID !== 'string' || !/^CVE-\d{4}-\d{4,}$/.test(v.cveID)) at(`${p}.cveID`, `${JSON.stringify(v.cveID)} is not a CVE id`, 'CVE-YYYY-NNNN');
    const ransomware = v.knownRansomwareCampaignUse === undefined ? undefined : RANSOMWARE[String(v.knownRansomwareCampaignUse)];
    if (v.knownRansomwareCampaignUse !== undefined && ransomware === undefined) {
      at(`${p}.knownRansomwareCampaignUse`, `${JSON.stringify(v.knownRansomwareCampaignUse)} is not a known value`, 'Known or Unknown');
    }
    const cve = v.cveID as string;
    return {
      id: `cve:${cve}`, kind: 'Vulnerability', name: cve, aliases: [alias('cve', cve)],
      props: {
        kev: true,
        ...(typeof v.dateAdded === 'string' ? { kevDateAdded: v.dateAdded } : {}),
        ...(typeof v.dueDate === 'string' ? { kevDueDate: v.dueDate } : {}),
        ...(ransomware !== undefined ? { kevRansomware: ransomware } : {}),
        ...(version ? { kevCatalogVersion: version } : {}),
      },
    } satisfies BatchNode;
  });
}

export const kevImporter: Importer = {
  id: 'kev',
  title: 'CISA KEV catalogue (JSON) — enriches Vulnerability nodes',
  accepts: 'known_exploited_vulnerabilities.json',
  parse: (files, context) => enrichmentBatch('kev', files, context, readKev),
};
