/**
 * Full scoring (DESIGN §3): one Dijkstra from the virtual root over w = −ln p gives every node's most
 * likely route from any entry. Target risk R(t) = p₀ · Π p · criticality(t) = e^(−dist(t)) · I(t).
 * Targets form groups (model.ts, ADR 0010) whose risk is their best member's: R(g) = max R(t), t ∈ g;
 * total risk = Σ R(g), so one chain through a domain's Tier Zero counts once.
 */
import type { AnalysisModel } from './model.js';
import { multiSourceDijkstra, type ShortestPaths } from './dijkstra.js';

export interface Scoring {
  readonly weights: Float64Array;
  readonly paths: ShortestPaths;
  /** R(t) per node (0 for non-targets and unreachable targets). */
  readonly risk: Float64Array;
  /** R(g) per target group. */
  readonly groupRisk: Float64Array;
  readonly total: number;
  readonly reachableTargets: number;
}

export function targetRisk(model: AnalysisModel, dist: number, node: number): number {
  return dist === Infinity ? 0 : Math.exp(-dist) * model.impact[node]!;
}

/** R(g) of every group from per-target risks. */
export function groupRisks(model: AnalysisModel, risk: Float64Array): Float64Array {
  const out = new Float64Array(model.groups.length);
  for (const t of model.targets) { const g = model.groupOf[t]!; if (risk[t]! > out[g]!) out[g] = risk[t]!; }
  return out;
}

export function sum(values: Float64Array): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}

/** Scores every target from every entry in one pass, on the model's weights or modified ones. */
export function scoreModel(model: AnalysisModel, weights: Float64Array = model.graph.weights): Scoring {
  const paths = multiSourceDijkstra(model.graph, [{ node: model.root, cost: 0 }], weights);
  const risk = new Float64Array(model.nodes.length);
  let reachableTargets = 0;
  for (const t of model.targets) {
    const r = targetRisk(model, paths.dist[t]!, t);
    risk[t] = r;
    if (r > 0) reachableTargets++;
  }
  const groupRisk = groupRisks(model, risk);
  return { weights, paths, risk, groupRisk, total: sum(groupRisk), reachableTargets };
}

/** Targets by descending risk (reachable ones only). */
export function riskiestTargets(model: AnalysisModel, scoring: Scoring, limit = Infinity): number[] {
  return model.targets.filter((t) => scoring.risk[t]! > 0).sort((a, b) => scoring.risk[b]! - scoring.risk[a]! || (model.nodes[a]!.id < model.nodes[b]!.id ? -1 : 1)).slice(0, limit);
}
