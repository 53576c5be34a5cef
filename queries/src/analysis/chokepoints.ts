/**
 * Choke points: the nodes and steps whose removal takes the most risk away. Candidates are those the
 * most risk flows through (the risk of the best routes, one per target, crossing them); each candidate
 * is then re-scored without it, and the list is ranked by the risk that actually disappears — other
 * routes may take over, so a node every best route crosses can remove nothing, and it then ranks below
 * every useful cut. Entries and targets are not choke points: an entry is where the attacker already
 * is (its fix is on the entry: MFA, exposure), a target is what is protected, not a way through.
 */
import { RiskEvaluator, type WeightChange } from './incremental.js';
import type { AnalysisModel } from './model.js';
import { routeCrossings } from './plan.js';
import type { Scoring } from './score.js';

export interface ChokePoint {
  /** Node id, or step id for edges. */
  id: string;
  name: string;
  kind: string;
  /** Risk of the best routes that cross it. */
  crossingRisk: number;
  routes: number;
  /** Risk that disappears when it is removed (re-scored for the top candidates; null beyond them). */
  riskRemoved: number | null;
  explain: string;
}

const fmt = (x: number) => String(Math.round(x * 1000) / 1000);
const explain = (routes: number, crossing: number, removed: number | null, what: string) =>
  `${routes} best route(s) cross it, carrying risk ${fmt(crossing)}; ${removed === null ? 'removal not re-scored (outside the top candidates)' : `re-scored without ${what}: risk falls by ${fmt(removed)}${removed < crossing - 1e-9 ? ' (other routes take over the rest)' : ''}`}`;

export interface ChokePoints { nodes: ChokePoint[]; edges: ChokePoint[] }

export function chokePoints(model: AnalysisModel, scoring: Scoring, options: { limit?: number; confirm?: number } = {}): ChokePoints {
  const limit = options.limit ?? 20;
  // Every candidate that can make the list is re-scored (at least `confirm`, default 2 × limit).
  const confirm = Math.max(options.confirm ?? 0, limit * 2);
  const { graph, nodes, steps, root } = model;
  const { via } = scoring.paths;
  const excluded = new Set<number>([root, ...model.entries, ...model.targets]);
  const nodeRisk = new Float64Array(graph.n), nodeRoutes = new Uint32Array(graph.n);
  for (const t of model.targets) {
    const r = scoring.risk[t]!;
    if (r <= 0) continue;
    for (let k = via[t]!; k !== -1; k = via[graph.sources[k]!]!) {
      const u = graph.sources[k]!;
      if (excluded.has(u)) continue;
      nodeRisk[u]! += r; nodeRoutes[u]!++;
    }
  }
  const crossing = routeCrossings(model, scoring);
  const evaluator = new RiskEvaluator(model, scoring);
  // A node is removed as a stepping stone (its out-steps), so its own risk as a target stays and removed ≤ crossing.
  const removeOutSteps = (v: number): WeightChange[] => {
    const changes: WeightChange[] = [];
    for (let p = graph.offsets[v]!; p < graph.offsets[v + 1]!; p++) changes.push({ position: p, weight: Infinity });
    return changes;
  };
  const rank = (a: ChokePoint, b: ChokePoint) => (b.riskRemoved ?? -1) - (a.riskRemoved ?? -1) || b.crossingRisk - a.crossingRisk || (a.id < b.id ? -1 : 1);
  const nodeRows = [...nodeRisk.keys()].filter((v) => nodeRisk[v]! > 0).sort((a, b) => nodeRisk[b]! - nodeRisk[a]!).slice(0, confirm)
    .map((v): ChokePoint => {
      const riskRemoved = evaluator.evaluate(removeOutSteps(v)).removed;
      return {
        id: nodes[v]!.id, name: nodes[v]!.name, kind: nodes[v]!.kind, crossingRisk: nodeRisk[v]!, routes: nodeRoutes[v]!, riskRemoved,
        explain: explain(nodeRoutes[v]!, nodeRisk[v]!, riskRemoved, 'its outgoing steps'),
      };
    }).sort(rank).slice(0, limit);
  const edgeRows = [...crossing.risk.keys()].filter((p) => crossing.risk[p]! > 0 && graph.sources[p] !== root).sort((a, b) => crossing.risk[b]! - crossing.risk[a]!).slice(0, confirm)
    .map((p): ChokePoint => {
      const s = steps[graph.edgeOf[p]!]!;
      const riskRemoved = evaluator.evaluate([{ position: p, weight: Infinity }]).removed;
      return {
        id: s.eid, name: `${nodes[s.from]!.name} → ${nodes[s.to]!.name}`, kind: s.kind, crossingRisk: crossing.risk[p]!, routes: crossing.routes[p]!, riskRemoved,
        explain: explain(crossing.routes[p]!, crossing.risk[p]!, riskRemoved, 'this step'),
      };
    }).sort(rank).slice(0, limit);
  return { nodes: nodeRows, edges: edgeRows };
}
