/**
 * Top-k most likely simple routes to one target: Yen's algorithm on the multigraph (routes are step
 * positions, so parallel steps of different kinds are different routes), with each spur search an A*
 * guided by the exact reverse distances to the target (one reverse Dijkstra per target). Removing steps
 * only lengthens distances, so those distances stay an admissible, consistent heuristic for every spur
 * search, which then expands little more than the route it finds.
 *
 * The reverse search is bounded: only routes within a likelihood factor e^slack of the best are looked
 * for (slack starts at 0.5, a factor of 1.65). If fewer than k such routes exist, the slack doubles and the search runs
 * again, until k are found or the bound no longer prunes anything — so the answer is exact either way.
 */
import type { AnalysisModel } from './model.js';
import { distancesToSteps, multiSourceDijkstra } from './dijkstra.js';
import { runCooperatively, runToEnd } from '../cooperative.js';
import { MinHeap } from './heap.js';

export interface KPath {
  /** CSR positions from the root: the first is the Entry step. */
  positions: number[];
  /** −ln of p₀ · Π p. */
  cost: number;
}

export interface TopKOptions {
  /** Routes with more steps than this (entry step excluded) are not reported (default 12). */
  maxSteps?: number;
  weights?: Float64Array;
  /** Only routes from these entry nodes. */
  entries?: ReadonlySet<number>;
  /** Distances from the root on the same weights (pass them when asking for many targets). */
  forward?: Float64Array;
}

/** Reusable scratch space for A* searches on one model (stamps avoid clearing O(n) arrays per search). */
class Search {
  private readonly g: Float64Array;
  private readonly stamp: Uint32Array;
  private readonly via: Int32Array;
  private run = 0;
  private readonly heap = new MinHeap();

  constructor(private readonly model: AnalysisModel, private readonly weights: Float64Array, private readonly h: Float64Array) {
    const n = model.graph.n;
    this.g = new Float64Array(n); this.stamp = new Uint32Array(n); this.via = new Int32Array(n);
  }

  /** Best route from `start` to `target` avoiding blocked nodes and steps, as positions; null when none. */
  shortest(start: number, target: number, blockedNode: Uint8Array, blockedPos: Uint8Array): { positions: number[]; cost: number } | null {
    const { offsets, targets, sources } = this.model.graph;
    const { g, stamp, via, h, heap, weights } = this;
    const run = ++this.run;
    heap.clear();
    if (h[start] === Infinity) return null;
    g[start] = 0; stamp[start] = run; via[start] = -1;
    heap.push(start, h[start]!);
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
}

export function topKPaths(model: AnalysisModel, target: number, k: number, options: TopKOptions = {}): KPath[] {
  return runToEnd(topKSteps(model, target, k, options));
}

/** topKPaths yielding to the event loop between slices of work (for the server). */
export function topKPathsCooperatively(model: AnalysisModel, target: number, k: number, options: TopKOptions = {}): Promise<KPath[]> {
  return runCooperatively(topKSteps(model, target, k, options));
}

function* topKSteps(model: AnalysisModel, target: number, k: number, options: TopKOptions): Generator<void, KPath[]> {
  const weights = options.weights ?? model.graph.weights;
  const maxSteps = options.maxSteps ?? 12;
  const { graph, root } = model;
  const blockedNode = new Uint8Array(graph.n), blockedPos = new Uint8Array(graph.targets.length);
  // Entry restriction: block root steps to other entries, for good.
  const permanent: number[] = [];
  if (options.entries) {
    for (let p = graph.offsets[root]!; p < graph.offsets[root + 1]!; p++) if (!options.entries.has(graph.targets[p]!)) { blockedPos[p] = 1; permanent.push(p); }
  }
  const restricted = options.entries ? weightsWithout(weights, permanent) : weights;
  const forward = options.forward && !options.entries ? options.forward : multiSourceDijkstra(graph, [{ node: root, cost: 0 }], restricted).dist;
  if (forward[target] === Infinity) return [];
  for (let slack = 0.5; ; slack *= 2) {
    const bound = forward[target]! + slack;
    const { dist: h, pruned } = yield* distancesToSteps(graph, target, restricted, { from: forward, bound });
    const all = yield* yen(model, target, k, maxSteps, restricted, h, blockedNode, blockedPos, permanent);
    if (pruned === 0) return all; // nothing was left out: exact without the bound
    const within = all.filter((p) => p.cost <= bound + 1e-9);
    if (within.length >= k) return within;
  }
}

function* yen(model: AnalysisModel, target: number, k: number, maxSteps: number, restricted: Float64Array, h: Float64Array, blockedNode: Uint8Array, blockedPos: Uint8Array, permanent: number[]): Generator<void, KPath[]> {
  const { graph, root } = model;
  const search = new Search(model, restricted, h);
  const costOf = (positions: number[]) => positions.reduce((acc, p) => acc + restricted[p]!, 0);
  const found: KPath[] = [];
  const candidates: KPath[] = [];
  const seen = new Set<string>();
  const first = search.shortest(root, target, blockedNode, blockedPos);
  if (!first) return [];
  seen.add(first.positions.join(','));
  candidates.push(first);
  // Long routes filtered by maxSteps still seed spurs; the guard bounds the work they can cause.
  let budget = k * 50 + 100;
  while (found.length < k && candidates.length > 0 && budget-- > 0) {
    let best = 0;
    for (let i = 1; i < candidates.length; i++) if (candidates[i]!.cost < candidates[best]!.cost) best = i;
    const path = candidates.splice(best, 1)[0]!;
    if (path.positions.length - 1 <= maxSteps) found.push(path);
    // Spur from every node of the route but the target.
    for (let j = 0; j < path.positions.length; j++) {
      const rootPath = path.positions.slice(0, j);
      const spur = j === 0 ? root : graph.targets[rootPath[j - 1]!]!;
      const touched: number[] = [];
      for (const other of [...found, path]) {
        if (other.positions.length > j && rootPath.every((p, i) => other.positions[i] === p)) { blockedPos[other.positions[j]!] = 1; touched.push(other.positions[j]!); }
      }
      blockedNode[root] = j > 0 ? 1 : 0;
      for (const p of rootPath) if (graph.targets[p] !== spur) blockedNode[graph.targets[p]!] = 1;
      yield;
      const spurPath = search.shortest(spur, target, blockedNode, blockedPos);
      for (const p of touched) blockedPos[p] = permanent.includes(p) ? 1 : 0;
      blockedNode[root] = 0;
      for (const p of rootPath) blockedNode[graph.targets[p]!] = 0;
      if (!spurPath) continue;
      const positions = [...rootPath, ...spurPath.positions];
      const id = positions.join(',');
      if (seen.has(id)) continue;
      seen.add(id);
      candidates.push({ positions, cost: costOf(positions) });
    }
  }
  return found;
}

function weightsWithout(weights: Float64Array, positions: number[]): Float64Array {
  const copy = weights.slice();
  for (const p of positions) copy[p] = Infinity;
  return copy;
}
