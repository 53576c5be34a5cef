/** `chokepoint import <format> <files…>`: parse with the format's importer, load as one run. */
import { ChokepointError, type GraphBatch } from '@chokepoint/queries';
import { IMPORTERS, findImporter, formatOptions, loadBatch, openInput, type LoadReport } from '@chokepoint/importers';
import { output, storeFrom, table, type GlobalOptions } from '../context.js';

export interface ImportOptions extends GlobalOptions {
  source?: string;
  from?: string;
  internet?: boolean;
  access?: string;
  agent?: string;
  mapping?: string;
  retentionDays?: string;
}

function countBy<T>(items: T[], key: (t: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) out[key(item)] = (out[key(item)] ?? 0) + 1;
  return out;
}

export function importSummary(batch: GraphBatch, report: LoadReport): Record<string, unknown> {
  return {
    ...report,
    merges: report.merges.length,
    mergeDetails: report.merges.slice(0, 100),
    read: { nodes: countBy(batch.nodes, (n) => n.kind), edges: countBy(batch.edges, (e) => e.kind) },
  };
}

export async function importCommand(format: string, files: string[], options: ImportOptions): Promise<void> {
  const importer = findImporter(format);
  if (!importer) throw new ChokepointError('USAGE', `unknown format ${JSON.stringify(format)}; known: ${IMPORTERS.map((i) => i.id).join(', ')}`);
  const inputs = await Promise.all(files.map(openInput));
  const batch = await importer.parse(inputs, { source: options.source, options: formatOptions(importer, options) });
  const store = await storeFrom(options);
  try {
    const report = await loadBatch(store, batch, { source: options.source });
    const summary = importSummary(batch, report);
    output(options, summary, () => [
      `imported ${files.length} file(s) as ${report.format} run ${report.runId} (source ${report.source})`,
      table([
        ['nodes read / written', `${report.nodes.read} / ${report.nodes.written}`],
        ['edges read / written', `${report.edges.read} / ${report.edges.written}`],
        ['merged into existing or each other', report.merges.length],
        ['read but not written', Object.entries(report.rejected).map(([k, v]) => `${v} (${k})`).join(', ') || 0],
        ['stale removed (nodes, edges)', report.cleanup ? `${report.cleanup.nodesDeleted}, ${report.cleanup.edgesDeleted}` : 'no cleanup (partial batch)'],
      ]),
      ...report.warnings.slice(0, 20).map((w) => `warning: ${w}`),
    ].join('\n'));
  } finally {
    await store.close();
  }
}
