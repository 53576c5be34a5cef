/** `chokepoint expire`: observations past their retention leave, as a visible, recorded operation (ADR 0011). */
import { ChokepointError } from '@chokepoint/queries';
import { expireObservations } from '@chokepoint/importers';
import { output, storeFrom, type GlobalOptions } from '../context.js';

export async function expireCommand(options: GlobalOptions & { now?: string }): Promise<void> {
  const now = options.now !== undefined ? new Date(options.now) : new Date();
  if (Number.isNaN(now.getTime())) throw new ChokepointError('USAGE', `--now must be an ISO time, got ${JSON.stringify(options.now)}`);
  const store = await storeFrom(options);
  try {
    const report = await expireObservations(store, now);
    const r = report.result;
    output(options, report, () => [
      `expire run ${report.runId}: ${report.expiredRuns.length} import run(s) past their retention`,
      ...report.expiredRuns.map((x) => `  ${x.source} run ${x.id} (${x.startedAt}, retention ${x.retentionDays} d${x.edgeKinds ? `: ${x.edgeKinds.join(', ')}` : ''})`),
      `removed ${r.edgesDeleted} edge(s) and ${r.nodesDeleted} node(s); ${r.edgesReleased + r.nodesReleased} still asserted by other sources or newer runs`,
    ].join('\n'));
  } finally {
    await store.close();
  }
}
