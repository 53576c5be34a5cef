/**
 * Scoring with assumptions for what no source collected (ADR 0011), beside the observed score: the same
 * store scored twice, once as observed and once with the assumed steps (marked `assumed`). Nothing is
 * stored — assumptions never enter score runs or plans. The CLI (`chokepoint assume`) and the API share it.
 */
import type { GraphStore } from '../store/port.js';
import { loadModel } from './load.js';
import type { Assumption, ModelOptions } from './model.js';
import { routeTo } from './dijkstra.js';
import { describeRoute, type Route } from './routes.js';
import { scoreModel } from './score.js';

export interface AssumptionComparison {
  assumptions: Assumption[];
  assumedSteps: number;
  observed: number;
  assumed: number;
  /** Targets whose risk rises under the assumptions, riskiest first, with their new best route. */
  targets: Array<{ id: string; name: string; observed: number; assumed: number; route: Route }>;
}

export async function compareAssumptions(store: GraphStore, assumptions: Assumption[], options: ModelOptions = {}, limit = 20): Promise<AssumptionComparison> {
  const observedModel = await loadModel(store, options);
  const assumedModel = await loadModel(store, { ...options, assume: assumptions });
  const observed = scoreModel(observedModel), assumed = scoreModel(assumedModel);
  const before = (id: string) => { const i = observedModel.indexOf.get(id); return i === undefined ? 0 : observed.risk[i]!; };
  const targets = assumedModel.targets
    .filter((t) => assumed.risk[t]! > before(assumedModel.nodes[t]!.id) + 1e-12)
    .sort((a, b) => assumed.risk[b]! - assumed.risk[a]!)
    .slice(0, limit)
    .map((t) => ({
      id: assumedModel.nodes[t]!.id, name: assumedModel.nodes[t]!.name, observed: before(assumedModel.nodes[t]!.id), assumed: assumed.risk[t]!,
      route: describeRoute(assumedModel, routeTo(assumedModel.graph, assumed.paths, t)!, assumed.weights),
    }));
  return { assumptions, assumedSteps: assumedModel.steps.filter((s) => s.assumed).length, observed: observed.total, assumed: assumed.total, targets };
}
