/** `chokepoint stats`: counts by node kind, edge kind and domain. */
import type { StoreStats } from '@chokepoint/queries';
import { output, storeFrom, table, type GlobalOptions } from '../context.js';

export function statsText(stats: StoreStats): string {
  const sum = (r: Record<string, number | undefined>) => Object.values(r).reduce<number>((a, b) => a + (b ?? 0), 0);
  const rows = (r: Record<string, number | undefined>) => Object.entries(r).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, v ?? 0] as [string, number]);
  return [
    `nodes: ${sum(stats.nodes)}`, table(rows(stats.nodes)),
    `edges: ${sum(stats.edges)}`, table(rows(stats.edges)),
    'nodes by domain:', table(rows(stats.domains)),
  ].join('\n');
}

export async function statsCommand(options: GlobalOptions): Promise<void> {
  const store = await storeFrom(options);
  try {
    const stats = await store.stats();
    output(options, stats, () => statsText(stats));
  } finally {
    await store.close();
  }
}
