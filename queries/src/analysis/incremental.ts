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
  /** Total risk removed (≥ 0): the fall of Σ R(g) over target groups. */
  removed: number;
  /** Targets whose risk changed, with their new risk. */
  targets: Map<number, number>;
  /** Target groups whose risk changed, with their new risk. */
  groups: Map<number, number>;
}

export class RiskEvaluator {
  private readonly childOffsets: Uint32Array;
  private readonly children: Uint32Array;
  private readonly stamp: Uint32Array;
  private readonly nd: Float64Array;
  private readonly nvia: Int32Array;
  /** 1 where a step has an override in the current evaluation (1 byte per step; the values sit in a Map). */
  private readonly overridden: Uint8Array;
  private affectedBuffer: Uint32Array;
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
    this.nvia = new Int32Array(n);
    this.overridden = new Uint8Array(model.graph.targets.length);
    this.affectedBuffer = new Uint32Array(Math.min(n, 1024));
  }

  /** The risk that disappears when the given steps take the given (higher) weights. */
  evaluate(changes: readonly WeightChange[]): RiskChange {
    return this.run_(changes).change;
  }

  /**
   * Like evaluate, but gives up early — returning null — once the removed risk provably cannot exceed
   * `threshold`: after seeding, each affected target's seed is a route that still exists, so
   * Σ (old risk − risk along the seed) bounds what can disappear. The plan uses it to skip candidates
   * that cannot beat the best ratio found so far.
   */
  evaluateAbove(changes: readonly WeightChange[], threshold: number): RiskChange | null {
    const r = this.run_(changes, threshold);
    return r.pruned ? null : r.change;
  }

  /**
   * The scoring after the changes, patched from this one (only the affected nodes are recomputed):
   * what the plan uses after each pick instead of a full re-score.
   */
  rescore(changes: readonly WeightChange[]): Scoring {
    const { affected, change } = this.run_(changes);
    const weights = this.scoring.weights.slice();
    for (const c of changes) if (c.weight > weights[c.position]!) weights[c.position] = c.weight;
    const dist = this.scoring.paths.dist.slice(), via = this.scoring.paths.via.slice(), risk = this.scoring.risk.slice();
    for (const v of affected) {
      dist[v] = this.nd[v]!;
      via[v] = this.nd[v] === Infinity ? -1 : this.nvia[v]!;
    }
    let total = this.scoring.total - change.removed, reachableTargets = this.scoring.reachableTargets;
    for (const [t, r] of change.targets) { if (r <= 0 && risk[t]! > 0) reachableTargets--; risk[t] = r; }
    const groupRisk = this.scoring.groupRisk.slice();
    for (const [g, r] of change.groups) groupRisk[g] = r;
    if (Math.abs(total) < 1e-12) total = 0;
    return { weights, paths: { dist, via }, risk, groupRisk, total, reachableTargets };
  }

  /**
   * The best route to `target` after the changes, as step positions from the root (null when it is cut
   * off) — without building the patched scoring: affected nodes take their new predecessor, the rest keep
   * theirs. What the plan's cut sets ask after each fix they add.
   */
  routeAfter(changes: readonly WeightChange[], target: number): number[] | null {
    const { affected } = this.run_(changes);
    const run = this.run;
    const { sources } = this.model.graph;
    const { via, dist } = this.scoring.paths;
    const viaOf = (v: number) => (this.stamp[v] === run && affected.length > 0 ? (this.nd[v] === Infinity ? -2 : this.nvia[v]!) : dist[v] === Infinity ? -2 : via[v]!);
    const steps: number[] = [];
    let k = viaOf(target);
    if (k === -2) return null;
    for (; k >= 0; k = viaOf(sources[k]!)) {
      steps.push(k);
      if (steps.length > this.model.graph.n) throw new Error('routeAfter: predecessor cycle');
    }
    return k === -2 ? null : steps.reverse();
  }

  private run_(changes: readonly WeightChange[], threshold = -Infinity): { affected: Uint32Array; change: RiskChange; pruned: boolean } {
    const { model, scoring } = this;
    const { targets, sources, rOffsets, rPositions, offsets } = model.graph;
    const { dist, via } = scoring.paths;
    const weights = scoring.weights;
    const override = new Map<number, number>();
    for (const c of changes) if (c.weight > Math.max(weights[c.position]!, override.get(c.position) ?? -Infinity)) override.set(c.position, c.weight);
    const run = ++this.run;
    const { stamp, nd, nvia, childOffsets, children, heap, overridden } = this;
    // 1. The affected subtrees (collected in a reused buffer: evaluations run by the thousand).
    let count = 0;
    const add = (v: number) => {
      if (count === this.affectedBuffer.length) { const grown = new Uint32Array(count * 2); grown.set(this.affectedBuffer); this.affectedBuffer = grown; }
      stamp[v] = run; this.affectedBuffer[count++] = v;
    };
    for (const [pos] of override) {
      const v = targets[pos]!;
      if (via[v] !== pos || stamp[v] === run) continue;
      add(v);
    }
    for (let i = 0; i < count; i++) {
      const u = this.affectedBuffer[i]!;
      for (let c = childOffsets[u]!; c < childOffsets[u + 1]!; c++) {
        const v = children[c]!;
        if (stamp[v] !== run) add(v);
      }
    }
    const affected = this.affectedBuffer.subarray(0, count);
    const result: RiskChange = { removed: 0, targets: new Map(), groups: new Map() };
    if (count === 0) return { affected, change: result, pruned: threshold >= 0 };
    // 2. Seeds from unaffected in-neighbours, then Dijkstra inside the affected set.
    heap.clear();
    for (const pos of override.keys()) overridden[pos] = 1;
    const w = (pos: number) => (overridden[pos] ? override.get(pos)! : weights[pos]!);
    for (const v of affected) {
      let best = Infinity, bestPos = -1;
      for (let r = rOffsets[v]!; r < rOffsets[v + 1]!; r++) {
        const pos = rPositions[r]!, u = sources[pos]!;
        if (stamp[u] === run) continue;
        const d = dist[u]! + w(pos);
        if (d < best) { best = d; bestPos = pos; }
      }
      nd[v] = best; nvia[v] = bestPos;
      if (best < Infinity) heap.push(v, best);
    }
    if (threshold > -Infinity) {
      let bound = 0;
      for (const v of affected) if (model.impact[v]! > 0) bound += Math.max(0, scoring.risk[v]! - targetRisk(model, nd[v]!, v));
      if (bound <= threshold) {
        for (const pos of override.keys()) overridden[pos] = 0;
        return { affected, change: result, pruned: true };
      }
    }
    while (heap.size > 0) {
      const key = heap.peekKey();
      const u = heap.pop();
      if (key > nd[u]!) continue;
      for (let pos = offsets[u]!; pos < offsets[u + 1]!; pos++) {
        const v = targets[pos]!;
        if (stamp[v] !== run) continue;
        const d = key + w(pos);
        if (d < nd[v]!) { nd[v] = d; nvia[v] = pos; heap.push(v, d); }
      }
    }
    const touched: number[] = [];
    for (const v of affected) {
      if (model.impact[v]! <= 0) continue;
      const before = scoring.risk[v]!, after = targetRisk(model, nd[v]!, v);
      if (after === before) continue;
      result.targets.set(v, after);
      // A group changes only when its best member falls (risks never rise here).
      const g = model.groupOf[v]!;
      if (before >= scoring.groupRisk[g]! && !result.groups.has(g)) { result.groups.set(g, NaN); touched.push(g); }
    }
    for (const g of touched) {
      let best = 0;
      for (const m of model.groups[g]!.members) { const r = result.targets.get(m) ?? scoring.risk[m]!; if (r > best) best = r; }
      if (best === scoring.groupRisk[g]) { result.groups.delete(g); continue; }
      result.groups.set(g, best);
      result.removed += scoring.groupRisk[g]! - best;
    }
    for (const pos of override.keys()) overridden[pos] = 0;
    if (result.removed < 0) result.removed = 0;
    return { affected, change: result, pruned: false };
  }
}
