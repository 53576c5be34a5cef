/** `chokepoint score`: build the analysis model from the store, score it, store the score run, diff with the previous one. */
import { chokePoints, diffStoredScoreRuns, riskiestTargets, scoreRunsInOrder, routeTo, describeRoute, scoreAndTrack, type GraphStore, type ScoreDiff } from '@chokepoint/queries';
import { output, storeFrom, type GlobalOptions } from '../context.js';
import { analysisOptions, type AnalysisCliOptions } from './analysis-options.js';
import { chokeText, diffText, fmt, routeText } from '../render.js';

export async function diffWithPrevious(store: GraphStore, currentId: string): Promise<ScoreDiff | null> {
  const runs = await scoreRunsInOrder(store);
  const at = runs.findIndex((r) => r.id === currentId);
  return at <= 0 ? null : diffStoredScoreRuns(store, runs[at - 1]!, runs[at]!);
}

export async function scoreCommand(options: GlobalOptions & AnalysisCliOptions): Promise<void> {
  const store = await storeFrom(options);
  try {
    const started = performance.now();
    const { model, scoring, run, lifecycle } = await scoreAndTrack(store, analysisOptions(options));
    const top = riskiestTargets(model, scoring, 5).map((t) => describeRoute(model, routeTo(model.graph, scoring.paths, t)!));
    const choke = chokePoints(model, scoring);
    const diff = await diffWithPrevious(store, run.id);
    const elapsedMs = Math.round(performance.now() - started);
    output(options, { scoreRun: run.id, totals: run.payload.totals, topRoutes: top, chokePoints: choke, diff, lifecycle, elapsedMs }, () => [
      `score run ${run.id}: total risk ${fmt(scoring.total)} over ${scoring.reachableTargets} reachable of ${model.targets.length} targets (${model.entries.length} entries, ${model.steps.length} steps) in ${elapsedMs} ms`,
      'top routes:', ...top.map((r, i) => routeText(r, i)),
      chokeText(choke),
      diff ? diffText(diff) : 'no earlier score run to diff with',
      ...(lifecycle.length ? ['fix lifecycle:', ...lifecycle.map((e) => `  ${e.type}  ${e.fixId}  ${e.summary}`)] : []),
    ].join('\n'));
  } finally {
    await store.close();
  }
}
