/**
 * Dijkstra on a CompactGraph. `multiSourceDijkstra` gives every entry its own start cost (−ln p₀): the
 * virtual super-source of DESIGN §3 without materialising it, so one pass gives every node's most likely
 * route from any entry. `distancesTo` is the reverse search ("what can reach my crown jewel, and how
 * well"), the exact heuristic the top-k search uses. Both take optional weights so what-if and plan
 * passes run on modified copies without touching the graph.
 */
import type { CompactGraph } from './compact-graph.js';
import { MinHeap } from './heap.js';
import { runToEnd } from '../cooperative.js';

export interface ShortestPaths {
  /** −ln of the best route's likelihood to each node (Infinity when unreachable). */
  readonly dist: Float64Array;
  /** CSR position of the step that reaches each node on its best route, −1 at sources or when unreachable. */
  readonly via: Int32Array;
}

export function multiSourceDijkstra(graph: CompactGraph, sources: ReadonlyArray<{ node: number; cost: number }>, weights: Float64Array = graph.weights): ShortestPaths {
  const { n, offsets, targets } = graph;
  const dist = new Float64Array(n).fill(Infinity);
  const via = new Int32Array(n).fill(-1);
  const heap = new MinHeap(sources.length * 2);
  for (const { node, cost } of sources) {
    if (!(node >= 0 && node < n)) throw new RangeError(`multiSourceDijkstra: source ${node} is not a node index`);
    if (!(cost >= 0)) throw new RangeError(`multiSourceDijkstra: source cost must be ≥ 0, got ${cost}`);
    if (cost < dist[node]!) { dist[node] = cost; via[node] = -1; heap.push(node, cost); }
  }
  while (heap.size > 0) {
    const key = heap.peekKey();
    const u = heap.pop();
    if (key > dist[u]!) continue; // stale entry
    for (let k = offsets[u]!, end = offsets[u + 1]!; k < end; k++) {
      const v = targets[k]!, d = key + weights[k]!;
      if (d < dist[v]!) { dist[v] = d; via[v] = k; heap.push(v, d); }
    }
  }
  return { dist, via };
}

/**
 * −ln of the best likelihood from every node to `target` (Infinity when it cannot reach it). With a
 * `bound` and the forward distances `from` (from the entries), nodes that no route of cost ≤ bound can
 * cross (from[u] + dist[u] > bound) are left at Infinity; every node that such a route crosses still
 * gets its exact distance, since its best suffix only crosses nodes within the bound too.
 */
export function distancesTo(graph: CompactGraph, target: number, weights: Float64Array = graph.weights, prune?: { from: Float64Array; bound: number }): { dist: Float64Array; pruned: number } {
  return runToEnd(distancesToSteps(graph, target, weights, prune));
}

/** distancesTo as a cooperative generator (yields every 16,384 settled nodes; see cooperative.ts). */
export function* distancesToSteps(graph: CompactGraph, target: number, weights: Float64Array = graph.weights, prune?: { from: Float64Array; bound: number }): Generator<void, { dist: Float64Array; pruned: number }> {
  const { n, rOffsets, rPositions, sources } = graph;
  const dist = new Float64Array(n).fill(Infinity);
  const heap = new MinHeap();
  let pruned = 0, settled = 0;
  dist[target] = 0; heap.push(target, 0);
  while (heap.size > 0) {
    const key = heap.peekKey();
    const v = heap.pop();
    if (key > dist[v]!) continue;
    if ((++settled & 16383) === 0) yield;
    for (let r = rOffsets[v]!, end = rOffsets[v + 1]!; r < end; r++) {
      const k = rPositions[r]!, u = sources[k]!, d = key + weights[k]!;
      if (d >= dist[u]!) continue;
      if (prune && prune.from[u]! + d > prune.bound) {
        if (prune.from[u] !== Infinity) pruned++; // no entry reaches u: never on a route, whatever the bound
        continue;
      }
      dist[u] = d; heap.push(u, d);
    }
  }
  return { dist, pruned };
}

/** The best route to `target` as step positions (CSR indexes) from its entry, or null when unreachable. */
export function routeTo(graph: CompactGraph, paths: ShortestPaths, target: number): number[] | null {
  if (paths.dist[target] === Infinity) return null;
  const steps: number[] = [];
  for (let k = paths.via[target]!; k !== -1; k = paths.via[graph.sources[k]!]!) {
    steps.push(k);
    if (steps.length > graph.n) throw new Error('routeTo: predecessor cycle');
  }
  return steps.reverse();
}
