/**
 * Multi-source Dijkstra on a CompactGraph: every entry point starts with its own cost (−ln p₀), which
 * is the virtual super-source of DESIGN §3 without materialising it — one pass gives every node's most
 * likely route from any entry. A binary heap over typed arrays; stale heap entries are skipped.
 */
import type { CompactGraph } from './compact-graph.js';

export interface ShortestPaths {
  /** −ln of the best route's likelihood to each node (Infinity when unreachable). */
  readonly dist: Float64Array;
  /** CSR position of the step that reaches each node on its best route, −1 at sources or when unreachable. */
  readonly via: Int32Array;
}

export function multiSourceDijkstra(graph: CompactGraph, sources: ReadonlyArray<{ node: number; cost: number }>): ShortestPaths {
  const n = graph.ids.length;
  const dist = new Float64Array(n).fill(Infinity);
  const via = new Int32Array(n).fill(-1);
  let heapNodes = new Uint32Array(Math.max(16, sources.length * 2));
  let heapKeys = new Float64Array(heapNodes.length);
  let size = 0;
  const push = (node: number, key: number) => {
    if (size === heapNodes.length) {
      const nn = new Uint32Array(size * 2); nn.set(heapNodes); heapNodes = nn;
      const nk = new Float64Array(size * 2); nk.set(heapKeys); heapKeys = nk;
    }
    let i = size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (heapKeys[parent]! <= key) break;
      heapNodes[i] = heapNodes[parent]!; heapKeys[i] = heapKeys[parent]!; i = parent;
    }
    heapNodes[i] = node; heapKeys[i] = key;
  };
  const pop = (): number => {
    const top = heapNodes[0]!;
    const lastNode = heapNodes[--size]!, lastKey = heapKeys[size]!;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= size) break;
      if (child + 1 < size && heapKeys[child + 1]! < heapKeys[child]!) child++;
      if (heapKeys[child]! >= lastKey) break;
      heapNodes[i] = heapNodes[child]!; heapKeys[i] = heapKeys[child]!; i = child;
    }
    heapNodes[i] = lastNode; heapKeys[i] = lastKey;
    return top;
  };
  for (const { node, cost } of sources) {
    if (!(node >= 0 && node < n)) throw new RangeError(`multiSourceDijkstra: source ${node} is not a node index`);
    if (!(cost >= 0)) throw new RangeError(`multiSourceDijkstra: source cost must be ≥ 0, got ${cost}`);
    if (cost < dist[node]!) { dist[node] = cost; via[node] = -1; push(node, cost); }
  }
  const { offsets, targets, weights } = graph;
  while (size > 0) {
    const key = heapKeys[0]!;
    const u = pop();
    if (key > dist[u]!) continue; // stale entry
    for (let k = offsets[u]!, end = offsets[u + 1]!; k < end; k++) {
      const v = targets[k]!, d = key + weights[k]!;
      if (d < dist[v]!) { dist[v] = d; via[v] = k; push(v, d); }
    }
  }
  return { dist, via };
}

/** The best route to `target` as step positions (CSR indexes) from its entry, or null when unreachable. */
export function routeTo(graph: CompactGraph, paths: ShortestPaths, target: number): number[] | null {
  if (paths.dist[target] === Infinity) return null;
  const steps: number[] = [];
  for (let k = paths.via[target]!; k !== -1; k = paths.via[graph.sources[k]!]!) {
    steps.push(k);
    if (steps.length > graph.ids.length) throw new Error('routeTo: predecessor cycle');
  }
  return steps.reverse();
}
