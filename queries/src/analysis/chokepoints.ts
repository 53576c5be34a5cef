/**
 * Choke points: the nodes and steps that the most risk flows through. Ranked by the risk of the best
 * routes (one per target) crossing them — entries and targets themselves are not choke points — then
 * the top candidates are confirmed by the risk that actually disappears when each is removed (other
 * routes may take over, so the confirmed figure can be much lower than the crossing one).
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
  /** Risk that disappears when it is removed (confirmed for the top candidates only, else null). */
  riskRemoved: number | null;
  explain: string;
}

const fmt = (x: number) => String(Math.round(x * 1000) / 1000);
const explain = (routes: number, crossing: number, removed: number | null, what: string) =>
  `${routes} best route(s) cross it, carrying risk ${fmt(crossing)}; ${removed === null ? 'removal not re-scored (outside the top candidates)' : `re-scored without ${what}: risk falls by ${fmt(removed)}${removed < crossing - 1e-9 ? ' (other routes take over the rest)' : ''}`}`;

export interface ChokePoints { nodes: ChokePoint[]; edges: ChokePoint[] }

export function chokePoints(model: AnalysisModel, scoring: Scoring, options: { limit?: number; confirm?: number } = {}): ChokePoints {
  const limit = options.limit ?? 20, confirm = options.confirm ?? 10;
  const { graph, nodes, steps, root } = model;
  const { via } = scoring.paths;
  const nodeRisk = new Float64Array(graph.n), nodeRoutes = new Uint32Array(graph.n);
  for (const t of model.targets) {
    const r = scoring.risk[t]!;
    if (r <= 0) continue;
    for (let k = via[t]!; k !== -1; k = via[graph.sources[k]!]!) {
      const u = graph.sources[k]!;
      if (u === root || graph.sources[k] === root || via[u]! < 0 || graph.sources[via[u]!] === root) continue; // root, entry
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
  const nodeRows = [...nodeRisk.keys()].filter((v) => nodeRisk[v]! > 0).sort((a, b) => nodeRisk[b]! - nodeRisk[a]!).slice(0, limit)
    .map((v, i): ChokePoint => {
      const riskRemoved = i < confirm ? evaluator.evaluate(removeOutSteps(v)).removed : null;
      return {
        id: nodes[v]!.id, name: nodes[v]!.name, kind: nodes[v]!.kind, crossingRisk: nodeRisk[v]!, routes: nodeRoutes[v]!, riskRemoved,
        explain: explain(nodeRoutes[v]!, nodeRisk[v]!, riskRemoved, 'its outgoing steps'),
      };
    });
  const edgeRows = [...crossing.risk.keys()].filter((p) => crossing.risk[p]! > 0 && graph.sources[p] !== root).sort((a, b) => crossing.risk[b]! - crossing.risk[a]!).slice(0, limit)
    .map((p, i): ChokePoint => {
      const s = steps[graph.edgeOf[p]!]!;
      const riskRemoved = i < confirm ? evaluator.evaluate([{ position: p, weight: Infinity }]).removed : null;
      return {
        id: s.eid, name: `${nodes[s.from]!.name} → ${nodes[s.to]!.name}`, kind: s.kind, crossingRisk: crossing.risk[p]!, routes: crossing.routes[p]!, riskRemoved,
        explain: explain(crossing.routes[p]!, crossing.risk[p]!, riskRemoved, 'this step'),
      };
    });
  return { nodes: nodeRows, edges: edgeRows };
}
