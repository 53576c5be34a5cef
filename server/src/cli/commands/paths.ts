/** `chokepoint paths`: the top-k most likely routes to a target (default: the riskiest targets). */
import { ChokepointError, describeRoute, loadModel, riskiestTargets, scoreModel, topKPaths, type Route } from '@chokepoint/queries';
import { output, storeFrom, type GlobalOptions } from '../context.js';
import { analysisOptions, numberOption, type AnalysisCliOptions } from './analysis-options.js';
import { routeText } from '../render.js';

export interface PathsOptions extends GlobalOptions, AnalysisCliOptions {
  target?: string;
  entry?: string;
  k: string;
  maxSteps: string;
  targets: string;
}

export async function pathsCommand(options: PathsOptions): Promise<void> {
  const k = numberOption(options.k, '--k', (n) => Number.isInteger(n) && n > 0 && n <= 100, 'a whole number from 1 to 100')!;
  const maxSteps = numberOption(options.maxSteps, '--max-steps', (n) => Number.isInteger(n) && n > 0, 'a positive whole number')!;
  const howMany = numberOption(options.targets, '--targets', (n) => Number.isInteger(n) && n > 0, 'a positive whole number')!;
  const store = await storeFrom(options);
  try {
    const model = await loadModel(store, analysisOptions(options));
    const nodeIndex = (id: string, flag: string) => {
      const i = model.indexOf.get(id);
      if (i === undefined) throw new ChokepointError('NOT_FOUND', `${flag}: no node with id ${JSON.stringify(id)}`);
      return i;
    };
    const entries = options.entry !== undefined ? new Set([nodeIndex(options.entry, '--entry')]) : undefined;
    const scoring = scoreModel(model);
    const targets = options.target !== undefined ? [nodeIndex(options.target, '--target')] : riskiestTargets(model, scoring, howMany);
    const result = targets.map((t) => ({
      target: model.nodes[t]!.id,
      routes: topKPaths(model, t, k, { maxSteps, forward: scoring.paths.dist, ...(entries ? { entries } : {}) }).map((p): Route => describeRoute(model, p.positions)),
    }));
    output(options, result, () => result.map((r) => [`${r.target}: ${r.routes.length} route(s)`, ...r.routes.map((route, i) => routeText(route, i))].join('\n')).join('\n\n') || 'no reachable targets');
  } finally {
    await store.close();
  }
}
