/** Format options shared by several importers (values arrive as CLI/API strings). */
import { ChokepointError } from '@chokepoint/queries';
import type { ParseContext } from './registry.js';

/** `--retention-days N`: how long an observation counts as current without a newer one (ADR 0011). */
export function retentionDays(context: ParseContext, fallback: number): number {
  const v = context.options?.retentionDays;
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  if (!(Number.isInteger(n) && n >= 1 && n <= 3650)) throw new ChokepointError('USAGE', `--retention-days must be a whole number of days from 1 to 3650, got ${JSON.stringify(v)}`);
  return n;
}
