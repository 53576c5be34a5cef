/** `chokepoint paths`: the top-k most likely routes to targets, from the entries or from any nodes (assume breach). */
import { findRoutes, loadModel, noRouteReason, routeGaps, scoreModel, storeCoverage } from '@chokepoint/queries';
import { output, storeFrom, type GlobalOptions } from '../context.js';
import { analysisOptions, numberOption, type AnalysisCliOptions } from './analysis-options.js';
import { routeText } from '../render.js';

export interface PathsOptions extends GlobalOptions, AnalysisCliOptions {
  from?: string[];
  to?: string[];
  entry?: string;
  k: string;
  maxSteps: string;
  targets: string;
  group: boolean;
}

export async function pathsCommand(options: PathsOptions): Promise<void> {
  const k = numberOption(options.k, '--k', (n) => Number.isInteger(n) && n > 0 && n <= 100, 'a whole number from 1 to 100')!;
  const maxSteps = numberOption(options.maxSteps, '--max-steps', (n) => Number.isInteger(n) && n > 0, 'a positive whole number')!;
  const howMany = numberOption(options.targets, '--targets', (n) => Number.isInteger(n) && n > 0, 'a positive whole number')!;
  const store = await storeFrom(options);
  try {
    const model = await loadModel(store, analysisOptions(options));
    const scoring = scoreModel(model);
    const { byNode } = await storeCoverage(store);
    const result = findRoutes(model, scoring, { from: options.from, to: options.to, entry: options.entry, k, maxSteps, targets: howMany, groupEntries: options.group }).map((t) => ({
      ...t,
      routes: t.routes.map((r) => ({ ...r, gaps: routeGaps([r.entry, ...r.steps.map((s) => s.to)], [r.entryName, ...r.steps.map((s) => s.toName)], byNode) })),
      ...(t.routes.length === 0 ? { reason: noRouteReason(t.target, t.targetName, byNode) } : {}),
    }));
    output(options, result, () => result.map((r) => [
      `${r.targetName} (${r.target}): ${r.routes.length} route(s)${r.reason ? ` — ${r.reason}` : ''}`,
      ...r.routes.map((route, i) => [routeText(route, i), ...route.gaps.map((g) => `    unknown at ${g.name}: ${g.missing.join('; ')}`)].join('\n')),
    ].join('\n')).join('\n\n') || 'no reachable targets');
  } finally {
    await store.close();
  }
}
