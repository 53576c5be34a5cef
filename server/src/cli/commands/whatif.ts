/** `chokepoint whatif`: re-score with fixes applied or nodes/steps removed, without touching the store. */
import { ChokepointError, loadModel, whatIf } from '@chokepoint/queries';
import { output, storeFrom, type GlobalOptions } from '../context.js';
import { analysisOptions, type AnalysisCliOptions } from './analysis-options.js';
import { fmt } from '../render.js';

export interface WhatIfOptions extends GlobalOptions, AnalysisCliOptions {
  fix?: string[];
  removeNode?: string[];
  removeEdge?: string[];
}

export async function whatIfCommand(options: WhatIfOptions): Promise<void> {
  if (!options.fix?.length && !options.removeNode?.length && !options.removeEdge?.length) {
    throw new ChokepointError('USAGE', 'give at least one --fix, --remove-node or --remove-edge');
  }
  const store = await storeFrom(options);
  try {
    const model = await loadModel(store, analysisOptions(options));
    const { scoring: _scoring, ...result } = whatIf(model, { fixes: options.fix ?? [], removeNodes: options.removeNode ?? [], removeEdges: options.removeEdge ?? [] });
    output(options, result, () => [
      `what-if: total risk ${fmt(result.before)} → ${fmt(result.after)} (−${fmt(result.removed)}); the store is unchanged`,
      ...result.targets.slice(0, 20).map((t) => `  ${t.name}: ${fmt(t.before)} → ${fmt(t.after)}`),
    ].join('\n'));
  } finally {
    await store.close();
  }
}
