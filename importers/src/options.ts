/** Format options as importers receive them: checked against what the format reads, then parsed. */
import { ChokepointError } from '@chokepoint/queries';
import { IMPORT_OPTIONS, IMPORT_OPTION_NAMES, type ImportOptionName } from './option-specs.js';
import type { Importer, ParseContext } from './registry.js';

/**
 * The options a caller gave (CLI flags or upload fields, unset ones undefined or empty) as the importer's
 * context expects them; an option the format does not read is a usage error, not silently ignored.
 */
export function formatOptions(importer: Importer, given: Partial<Record<ImportOptionName, string | boolean | undefined>>): Record<string, string | boolean> {
  const out: Record<string, string | boolean> = {};
  for (const name of IMPORT_OPTION_NAMES) {
    const value = given[name];
    if (value === undefined || value === '' || value === false) continue;
    if (!importer.options?.includes(name)) {
      const reads = importer.options?.length ? `it reads ${importer.options.map((o) => IMPORT_OPTIONS[o].flag.split(' ')[0]).join(', ')}` : 'it takes no options';
      throw new ChokepointError('USAGE', `${IMPORT_OPTIONS[name].flag.split(' ')[0]} does not apply to the ${importer.id} format (${reads})`);
    }
    out[name] = IMPORT_OPTIONS[name].type === 'boolean' ? value === true || value === 'true' || value === 'on' : String(value);
  }
  return out;
}

/** A text option's value (`--from`, `--access`, `--agent`), or `fallback` when it was not given or is empty. */
export function textOption<F extends string | undefined>(context: ParseContext, name: 'from' | 'access' | 'agent', fallback: F): string | F {
  const v = context.options?.[name];
  return typeof v === 'string' && v !== '' ? v : fallback;
}

/** `--retention-days N`: how long an observation counts as current without a newer one (ADR 0011). */
export function retentionDays(context: ParseContext, fallback: number): number {
  const v = context.options?.retentionDays;
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  if (!(Number.isInteger(n) && n >= 1 && n <= 3650)) throw new ChokepointError('USAGE', `--retention-days must be a whole number of days from 1 to 3650, got ${JSON.stringify(v)}`);
  return n;
}
