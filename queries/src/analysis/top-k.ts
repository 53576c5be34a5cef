/**
 * Top-k most likely simple routes to one target: Yen's algorithm on the multigraph (routes are step
 * positions, so parallel steps of different kinds are different routes), with each spur search an A*
 * guided by the exact reverse distances to the target (one reverse Dijkstra per target). Removing steps
 * only lengthens distances, so those distances stay an admissible, consistent heuristic for every spur
 * search, which then expands little more than the route it finds.
 *
 * The step cap (`maxSteps`) is part of every spur search: a spur from the j-th node may use only the
 * steps the cap leaves (a hop-constrained A* over (node, steps used) labels, run only when the plain
 * search's answer is too long), so every candidate respects the cap and Yen's argument stays exact.
 *
 * Routes start at the virtual root (their first step is an Entry step) or, with `starts`, at any given
 * nodes (assume breach: p₀ 1, no Entry step). With `groupEntries`, routes that differ only in which of
 * several interchangeable entries starts them (members of one group, one vendor's users: the same kind
 * of first step into the same node, the same rest) count once, with the others listed as `alike`.
 *
 * The reverse search is bounded: only routes within a likelihood factor e^slack of the best are looked
 * for (slack starts at 0.5). If fewer than k such routes exist, the slack doubles and the search runs
 * again, until k are found or the bound no longer prunes anything — so the answer is exact either way.
 */
import type { AnalysisModel } from './model.js';
import { distancesToSteps, multiSourceDijkstra } from './dijkstra.js';
import { runCooperatively, runToEnd } from '../cooperative.js';
import { MinHeap } from './heap.js';

export interface KPath {
  /** CSR positions: from the root (the first is the Entry step), or from one of the `starts`. */
  positions: number[];
  /** −ln of p₀ · Π p (p₀ = 1 from a start). */
  cost: number;
  /** With groupEntries: the other entry nodes whose otherwise identical routes this one stands for. */
  alike: number[];
}

export interface TopKOptions {
  /** Routes with more steps than this (entry step excluded) are not reported (default 12). */
  maxSteps?: number;
  weights?: Float64Array;
  /** Only routes from these entry nodes. */
  entries?: ReadonlySet<number>;
  /** Routes from these nodes instead of the entries (assume breach); `entries` is then ignored. */
  starts?: readonly number[];
  /** Distances from the root (or from `starts`) on the same weights (pass them when asking for many targets). */
  forward?: Float64Array;
  /** Count routes that differ only by an interchangeable entry once (see above). */
  groupEntries?: boolean;
}

interface Found { positions: number[]; cost: number }

/** Reusable scratch space for A* searches on one model (stamps avoid clearing O(n) arrays per search). */
class Search {
  private readonly g: Float64Array;
  private readonly stamp: Uint32Array;
  private readonly via: Int32Array;
  private run = 0;
  private readonly heap = new MinHeap();
  /** Fewest steps from each node to the target (ignoring blocks): prunes hop-constrained labels. */
  private hops: Int32Array | null = null;

  constructor(private readonly model: AnalysisModel, private readonly weights: Float64Array, private readonly h: Float64Array, private readonly target: number) {
    const n = model.graph.n;
    this.g = new Float64Array(n); this.stamp = new Uint32Array(n); this.via = new Int32Array(n);
  }

  /** Best route from any of `starts` to the target with at most `maxHops` steps, avoiding blocked nodes and steps. */
  shortest(starts: readonly number[], blockedNode: Uint8Array, blockedPos: Uint8Array, maxHops: number): Found | null {
    const plain = this.plain(starts, blockedNode, blockedPos);
    if (!plain || plain.positions.length <= maxHops) return plain;
    return this.capped(starts, blockedNode, blockedPos, maxHops);
  }

  private plain(starts: readonly number[], blockedNode: Uint8Array, blockedPos: Uint8Array): Found | null {
    const { offsets, targets, sources } = this.model.graph;
    const { g, stamp, via, h, heap, weights, target } = this;
    const run = ++this.run;
    heap.clear();
    for (const s of starts) {
      if (h[s] === Infinity || blockedNode[s]) continue;
      g[s] = 0; stamp[s] = run; via[s] = -1;
      heap.push(s, h[s]!);
    }
    while (heap.size > 0) {
      const f = heap.peekKey();
      const u = heap.pop();
      const gu = g[u]!;
      if (f > gu + h[u]! + 1e-12) continue; // stale
      if (u === target) {
        const positions: number[] = [];
        for (let k = via[u]!; k !== -1; k = via[sources[k]!]!) positions.push(k);
        return { positions: positions.reverse(), cost: gu };
      }
      for (let k = offsets[u]!, end = offsets[u + 1]!; k < end; k++) {
        if (blockedPos[k]) continue;
        const v = targets[k]!;
        if (blockedNode[v] || h[v] === Infinity) continue;
        const d = gu + weights[k]!;
        if (d === Infinity) continue;
        if (stamp[v] !== run || d < g[v]!) { g[v] = d; stamp[v] = run; via[v] = k; heap.push(v, d + h[v]!); }
      }
    }
    return null;
  }

  /** Fewest steps to the target from every node (reverse BFS over unblocked finite steps), once. */
  private hopsToTarget(): Int32Array {
    if (this.hops) return this.hops;
    const { n, rOffsets, rPositions, sources } = this.model.graph;
    const hops = new Int32Array(n).fill(-1);
    hops[this.target] = 0;
    const queue = [this.target];
    for (let i = 0; i < queue.length; i++) {
      const v = queue[i]!;
      for (let r = rOffsets[v]!; r < rOffsets[v + 1]!; r++) {
        const pos = rPositions[r]!, u = sources[pos]!;
        if (hops[u] === -1 && this.weights[pos] !== Infinity) { hops[u] = hops[v]! + 1; queue.push(u); }
      }
    }
    return (this.hops = hops);
  }

  /**
   * The hop-constrained search: labels (node, steps used, cost) in A* order; a label is dropped when a
   * label at the same node used no more steps for no more cost (so no label revisits a node: the
   * answer is a simple route), or when even the fewest remaining steps would break the cap.
   */
  private capped(starts: readonly number[], blockedNode: Uint8Array, blockedPos: Uint8Array, maxHops: number): Found | null {
    const { offsets, targets } = this.model.graph;
    const { h, weights, target } = this;
    const hops = this.hopsToTarget();
    const lNode: number[] = [], lHops: number[] = [], lCost: number[] = [], lPrev: number[] = [], lPos: number[] = [];
    const kept = new Map<number, number[]>(); // node → its undominated labels
    const heap = new MinHeap();
    const add = (v: number, steps: number, cost: number, prev: number, pos: number) => {
      if (hops[v] === -1 || steps + hops[v]! > maxHops) return;
      const at = kept.get(v);
      if (at?.some((l) => lHops[l]! <= steps && lCost[l]! <= cost + 1e-12)) return;
      const id = lNode.length;
      lNode.push(v); lHops.push(steps); lCost.push(cost); lPrev.push(prev); lPos.push(pos);
      if (at) at.push(id); else kept.set(v, [id]);
      heap.push(id, cost + h[v]!);
    };
    for (const s of starts) if (h[s] !== Infinity && !blockedNode[s]) add(s, 0, 0, -1, -1);
    while (heap.size > 0) {
      const l = heap.pop();
      const u = lNode[l]!;
      if (u === target) {
        const positions: number[] = [];
        for (let x = l; lPrev[x] !== -1; x = lPrev[x]!) positions.push(lPos[x]!);
        return { positions: positions.reverse(), cost: lCost[l]! };
      }
      for (let k = offsets[u]!, end = offsets[u + 1]!; k < end; k++) {
        if (blockedPos[k]) continue;
        const v = targets[k]!;
        if (blockedNode[v] || h[v] === Infinity) continue;
        const d = lCost[l]! + weights[k]!;
        if (d !== Infinity) add(v, lHops[l]! + 1, d, l, k);
      }
    }
    return null;
  }
}

export function topKPaths(model: AnalysisModel, target: number, k: number, options: TopKOptions = {}): KPath[] {
  return runToEnd(topKSteps(model, target, k, options));
}

/** topKPaths yielding to the event loop between slices of work (for the server). */
export function topKPathsCooperatively(model: AnalysisModel, target: number, k: number, options: TopKOptions = {}): Promise<KPath[]> {
  return runCooperatively(topKSteps(model, target, k, options));
}

export function* topKSteps(model: AnalysisModel, target: number, k: number, options: TopKOptions): Generator<void, KPath[]> {
  const weights = options.weights ?? model.graph.weights;
  const { graph, root } = model;
  const starts = options.starts ? [...new Set(options.starts)] : null;
  // The cap in positions: the Entry step is a position too.
  const maxPositions = (options.maxSteps ?? 12) + (starts ? 0 : 1);
  const blockedNode = new Uint8Array(graph.n), blockedPos = new Uint8Array(graph.targets.length);
  // Entry restriction: block root steps to other entries, for good.
  const permanent: number[] = [];
  if (options.entries && !starts) {
    for (let p = graph.offsets[root]!; p < graph.offsets[root + 1]!; p++) if (!options.entries.has(graph.targets[p]!)) { blockedPos[p] = 1; permanent.push(p); }
  }
  if (starts) blockedNode[root] = 1; // from a start, no route passes through another entry's foothold step
  const restricted = permanent.length ? weightsWithout(weights, permanent) : weights;
  const sources = starts ?? [root];
  if (starts?.includes(target)) return []; // a route needs at least one step
  const forward = options.forward && !(options.entries && !starts)
    ? options.forward
    : multiSourceDijkstra(graph, sources.map((node) => ({ node, cost: 0 })), restricted).dist;
  if (forward[target] === Infinity) return [];
  for (let slack = 0.5; ; slack *= 2) {
    const bound = forward[target]! + slack;
    const { dist: h, pruned } = yield* distancesToSteps(graph, target, restricted, { from: forward, bound });
    const all = yield* yen(model, target, k, maxPositions, sources, restricted, h, blockedNode, blockedPos, permanent, options.groupEntries === true && !starts);
    if (pruned === 0) return all; // nothing was left out: exact without the bound
    const within = all.filter((p) => p.cost <= bound + 1e-9);
    if (within.length >= k) return within;
  }
}

function* yen(
  model: AnalysisModel, target: number, k: number, maxPositions: number, sources: readonly number[], restricted: Float64Array, h: Float64Array,
  blockedNode: Uint8Array, blockedPos: Uint8Array, permanent: readonly number[], group: boolean,
): Generator<void, KPath[]> {
  const { graph, root } = model;
  const search = new Search(model, restricted, h, target);
  const costOf = (positions: number[]) => positions.reduce((acc, p) => acc + restricted[p]!, 0);
  const popped: Found[] = [];
  const found: KPath[] = [];
  const byKey = new Map<string, KPath>();
  const candidates: Found[] = [];
  const seen = new Set<string>();
  const first = search.shortest(sources, blockedNode, blockedPos, maxPositions);
  if (!first) return [];
  seen.add(first.positions.join(','));
  candidates.push(first);
  const fromRoot = sources.length === 1 && sources[0] === root;
  // Grouping may pop many look-alike routes per reported one; the guard bounds that work.
  let budget = group ? k * 50 + 200 : Infinity;
  while (found.length < k && candidates.length > 0 && budget-- > 0) {
    let best = 0;
    for (let i = 1; i < candidates.length; i++) if (candidates[i]!.cost < candidates[best]!.cost) best = i;
    const path = candidates.splice(best, 1)[0]!;
    popped.push(path);
    const key = group ? entryKey(model, path.positions) : null;
    const twin = key !== null ? byKey.get(key) : undefined;
    if (!twin) {
      const route: KPath = { positions: path.positions, cost: path.cost, alike: [] };
      found.push(route);
      if (key !== null) byKey.set(key, route);
    }
    if (found.length >= k) break;
    const start = fromRoot ? root : graph.sources[path.positions[0]!]!;
    // Spur from every node of the route but the target.
    for (let j = 0; j < path.positions.length; j++) {
      const rootPath = path.positions.slice(0, j);
      const spur = j === 0 ? null : graph.targets[rootPath[j - 1]!]!;
      const touched: number[] = [];
      for (const other of popped) {
        if (other.positions.length > j && rootPath.every((p, i) => other.positions[i] === p)) { blockedPos[other.positions[j]!] = 1; touched.push(other.positions[j]!); }
      }
      const blockStart = j > 0 && !blockedNode[start];
      if (blockStart) blockedNode[start] = 1;
      for (const p of rootPath) if (graph.targets[p] !== spur) blockedNode[graph.targets[p]!] = 1;
      yield;
      const spurPath = search.shortest(spur === null ? sources : [spur], blockedNode, blockedPos, maxPositions - j);
      for (const p of touched) blockedPos[p] = permanent.includes(p) ? 1 : 0;
      if (blockStart) blockedNode[start] = 0;
      for (const p of rootPath) blockedNode[graph.targets[p]!] = 0;
      if (!spurPath) continue;
      const positions = [...rootPath, ...spurPath.positions];
      const id = positions.join(',');
      if (seen.has(id)) continue;
      seen.add(id);
      candidates.push({ positions, cost: costOf(positions) });
    }
  }
  if (group) for (const route of found) route.alike = interchangeable(model, restricted, route.positions);
  return found;
}

/**
 * The other entries that start a route identical to this one after its first step: an Entry step and a
 * step of the same kind into the same node, and not on the rest of the route (which must stay simple).
 */
function interchangeable(model: AnalysisModel, weights: Float64Array, positions: readonly number[]): number[] {
  if (positions.length < 2) return [];
  const { graph, steps, root } = model;
  const first = positions[1]!, entry = graph.targets[positions[0]!]!, via = graph.targets[first]!;
  const kind = steps[graph.edgeOf[first]!]!.kind;
  const onRoute = new Set(positions.map((p) => graph.targets[p]!));
  const entryStep = new Map<number, number>();
  for (let p = graph.offsets[root]!; p < graph.offsets[root + 1]!; p++) if (weights[p] !== Infinity) entryStep.set(graph.targets[p]!, p);
  const out = new Set<number>();
  for (let r = graph.rOffsets[via]!; r < graph.rOffsets[via + 1]!; r++) {
    const p = graph.rPositions[r]!, u = graph.sources[p]!;
    if (u !== entry && !onRoute.has(u) && entryStep.has(u) && weights[p] !== Infinity && steps[graph.edgeOf[p]!]!.kind === kind) out.add(u);
  }
  return [...out];
}

/**
 * What a route is apart from its entry: the kind and end of its first step after the Entry step, and
 * everything after. Null when the route has no such step (its entry is the target).
 */
function entryKey(model: AnalysisModel, positions: readonly number[]): string | null {
  if (positions.length < 2) return null;
  const first = positions[1]!;
  return `${model.steps[model.graph.edgeOf[first]!]!.kind}>${model.graph.targets[first]}|${positions.slice(2).join(',')}`;
}

function weightsWithout(weights: Float64Array, positions: readonly number[]): Float64Array {
  const copy = weights.slice();
  for (const p of positions) copy[p] = Infinity;
  return copy;
}
