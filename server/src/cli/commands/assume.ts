/**
 * `chokepoint assume <assumption…>`: scores with assumptions for what no source collected, beside the
 * observed score (ADR 0011). Nothing is stored: assumptions never enter score runs or plans.
 */
import { ASSUMPTIONS, ChokepointError, describeRoute, loadModel, routeTo, scoreModel, type Assumption } from '@chokepoint/queries';
import { output, storeFrom, type GlobalOptions } from '../context.js';
import { analysisOptions, type AnalysisCliOptions } from './analysis-options.js';
import { fmt, routeText } from '../render.js';

export async function assumeCommand(assumptions: string[], options: GlobalOptions & AnalysisCliOptions): Promise<void> {
  const unknown = assumptions.filter((a) => !(ASSUMPTIONS as readonly string[]).includes(a));
  if (unknown.length) throw new ChokepointError('USAGE', `unknown assumption ${unknown.join(', ')}; known: ${ASSUMPTIONS.join(', ')}`);
  const store = await storeFrom(options);
  try {
    const observedModel = await loadModel(store, analysisOptions(options));
    const assumedModel = await loadModel(store, { ...analysisOptions(options), assume: assumptions as Assumption[] });
    const observed = scoreModel(observedModel), assumed = scoreModel(assumedModel);
    const assumedSteps = assumedModel.steps.filter((s) => s.assumed).length;
    const risen = assumedModel.targets
      .filter((t) => assumed.risk[t]! > (observed.risk[observedModel.indexOf.get(assumedModel.nodes[t]!.id) ?? -1] ?? 0) + 1e-12)
      .sort((a, b) => assumed.risk[b]! - assumed.risk[a]!)
      .map((t) => ({ id: assumedModel.nodes[t]!.id, name: assumedModel.nodes[t]!.name, observed: observed.risk[observedModel.indexOf.get(assumedModel.nodes[t]!.id)!] ?? 0, assumed: assumed.risk[t]!, route: describeRoute(assumedModel, routeTo(assumedModel.graph, assumed.paths, t)!) }));
    const result = { assumptions, assumedSteps, observed: observed.total, assumed: assumed.total, targets: risen };
    output(options, result, () => [
      `observed total risk ${fmt(observed.total)}; with ${assumptions.join(', ')} (${assumedSteps} assumed step(s)): ${fmt(assumed.total)} — nothing stored`,
      ...risen.slice(0, 10).map((t) => `${t.name}: ${fmt(t.observed)} → ${fmt(t.assumed)}\n${routeText(t.route)}`),
    ].join('\n'));
  } finally {
    await store.close();
  }
}
