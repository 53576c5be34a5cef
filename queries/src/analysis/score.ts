/**
 * Full scoring (DESIGN §3): one Dijkstra from the virtual root over w = −ln p gives every node's most
 * likely route from any entry. Target risk R(t) = p₀ · Π p · criticality(t) = e^(−dist(t)) · I(t);
 * total risk = Σ R(t).
 */
import type { AnalysisModel } from './model.js';
import { multiSourceDijkstra, type ShortestPaths } from './dijkstra.js';

export interface Scoring {
  readonly weights: Float64Array;
  readonly paths: ShortestPaths;
  /** R(t) per node (0 for non-targets and unreachable targets). */
  readonly risk: Float64Array;
  readonly total: number;
  readonly reachableTargets: number;
}

export function targetRisk(model: AnalysisModel, dist: number, node: number): number {
  return dist === Infinity ? 0 : Math.exp(-dist) * model.impact[node]!;
}

/** Scores every target from every entry in one pass, on the model's weights or modified ones. */
export function scoreModel(model: AnalysisModel, weights: Float64Array = model.graph.weights): Scoring {
  const paths = multiSourceDijkstra(model.graph, [{ node: model.root, cost: 0 }], weights);
  const risk = new Float64Array(model.nodes.length);
  let total = 0, reachableTargets = 0;
  for (const t of model.targets) {
    const r = targetRisk(model, paths.dist[t]!, t);
    risk[t] = r; total += r;
    if (r > 0) reachableTargets++;
  }
  return { weights, paths, risk, total, reachableTargets };
}

/** Targets by descending risk (reachable ones only). */
export function riskiestTargets(model: AnalysisModel, scoring: Scoring, limit = Infinity): number[] {
  return model.targets.filter((t) => scoring.risk[t]! > 0).sort((a, b) => scoring.risk[b]! - scoring.risk[a]! || (model.nodes[a]!.id < model.nodes[b]!.id ? -1 : 1)).slice(0, limit);
}
