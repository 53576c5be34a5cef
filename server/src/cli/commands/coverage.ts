/** `chokepoint coverage`: what each source collected and when, and what the graph does not know (ADR 0011). */
import { storeCoverage } from '@chokepoint/queries';
import { output, storeFrom, type GlobalOptions } from '../context.js';

export async function coverageCommand(options: GlobalOptions): Promise<void> {
  const store = await storeFrom(options);
  try {
    const { byNode: _byNode, ...report } = await storeCoverage(store);
    output(options, report, () => [
      'sources:',
      ...report.sources.map((s) => [
        `  ${s.source} (${s.format}): ${s.runs} run(s), latest ${s.lastRun} at ${s.lastRunAt}; asserts ${s.nodes} node(s), ${s.edges} edge(s)${s.notReconfirmed.nodes + s.notReconfirmed.edges ? ` — ${s.notReconfirmed.nodes} node(s) and ${s.notReconfirmed.edges} edge(s) not re-confirmed by that run (kept)` : ''}`,
        s.scopes === null ? '    covers: the whole source' : `    covers: ${s.scopes.join('; ') || 'nothing it could re-confirm'}`,
        ...(s.observations ? [`    observations (${s.observations.edgeKinds?.join(', ') ?? 'everything'}) kept ${s.observations.retentionDays} days after the last run that saw them`] : []),
      ].join('\n')),
      'unknown:',
      ...(report.gaps.length ? report.gaps.map((g) => `  ${g.message}`) : ['  (no gap found)']),
    ].join('\n'));
  } finally {
    await store.close();
  }
}
