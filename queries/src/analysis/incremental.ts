/**
 * Exact risk change of raising some step weights (removing steps, or lowering their p), without a full
 * re-score: only nodes in the best-route tree below a changed tree step can get worse, so those are
 * reset and re-settled by a Dijkstra seeded from their unaffected in-neighbours. Everything else keeps
 * its distance (raising weights never shortens a route). Used by the plan, choke points and what-if.
 */
import type { AnalysisModel } from './model.js';
import { MinHeap } from './heap.js';
import { targetRisk, type Scoring } from './score.js';

export interface WeightChange {
  position: number;
  weight: number;
}

export interface RiskChange {
  /** Total risk removed (≥ 0). */
  removed: number;
  /** Targets whose risk changed, with their new risk. */
  targets: Map<number, number>;
}

export class RiskEvaluator {
  private readonly childOffsets: Uint32Array;
  private readonly children: Uint32Array;
  private readonly stamp: Uint32Array;
  private readonly nd: Float64Array;
  private run = 0;
  private readonly heap = new MinHeap();

  constructor(private readonly model: AnalysisModel, private readonly scoring: Scoring) {
    const { n, sources } = model.graph;
    const { via } = scoring.paths;
    this.childOffsets = new Uint32Array(n + 1);
    for (let v = 0; v < n; v++) if (via[v]! >= 0) this.childOffsets[sources[via[v]!]! + 1]!++;
    for (let v = 0; v < n; v++) this.childOffsets[v + 1]! += this.childOffsets[v]!;
    const cursor = this.childOffsets.slice(0, n);
    this.children = new Uint32Array(this.childOffsets[n]!);
    for (let v = 0; v < n; v++) if (via[v]! >= 0) this.children[cursor[sources[via[v]!]!]!++] = v;
    this.stamp = new Uint32Array(n);
    this.nd = new Float64Array(n);
  }

  /** The risk that disappears when the given steps take the given (higher) weights. */
  evaluate(changes: readonly WeightChange[]): RiskChange {
    const { model, scoring } = this;
    const { targets, sources, rOffsets, rPositions, offsets } = model.graph;
    const { dist, via } = scoring.paths;
    const weights = scoring.weights;
    const override = new Map<number, number>();
    for (const c of changes) if (c.weight > weights[c.position]!) override.set(c.position, c.weight);
    const run = ++this.run;
    const { stamp, nd, childOffsets, children, heap } = this;
    // 1. The affected subtrees.
    const affected: number[] = [];
    for (const [pos] of override) {
      const v = targets[pos]!;
      if (via[v] !== pos || stamp[v] === run) continue;
      stamp[v] = run; affected.push(v);
    }
    for (let i = 0; i < affected.length; i++) {
      const u = affected[i]!;
      for (let c = childOffsets[u]!; c < childOffsets[u + 1]!; c++) {
        const v = children[c]!;
        if (stamp[v] !== run) { stamp[v] = run; affected.push(v); }
      }
    }
    const result: RiskChange = { removed: 0, targets: new Map() };
    if (affected.length === 0) return result;
    // 2. Seeds from unaffected in-neighbours, then Dijkstra inside the affected set.
    heap.clear();
    const w = (pos: number) => override.get(pos) ?? weights[pos]!;
    for (const v of affected) {
      let best = Infinity;
      for (let r = rOffsets[v]!; r < rOffsets[v + 1]!; r++) {
        const pos = rPositions[r]!, u = sources[pos]!;
        if (stamp[u] === run) continue;
        const d = dist[u]! + w(pos);
        if (d < best) best = d;
      }
      nd[v] = best;
      if (best < Infinity) heap.push(v, best);
    }
    while (heap.size > 0) {
      const key = heap.peekKey();
      const u = heap.pop();
      if (key > nd[u]!) continue;
      for (let pos = offsets[u]!; pos < offsets[u + 1]!; pos++) {
        const v = targets[pos]!;
        if (stamp[v] !== run) continue;
        const d = key + w(pos);
        if (d < nd[v]!) { nd[v] = d; heap.push(v, d); }
      }
    }
    for (const v of affected) {
      if (model.impact[v]! <= 0) continue;
      const before = scoring.risk[v]!, after = targetRisk(model, nd[v]!, v);
      if (after !== before) { result.targets.set(v, after); result.removed += before - after; }
    }
    if (result.removed < 0) result.removed = 0;
    return result;
  }
}
