/**
 * The compact attack graph the heavy analysis passes run on: string ids once in a node table, attack
 * steps in CSR form (typed arrays, 20 bytes per step: source, target, weight as float64, edge index),
 * weights w = −ln p so that the shortest path is the most likely route (DESIGN §3). Context edges are
 * facts, not steps, and are left out; graphology stays the model for subgraphs and explanations.
 */
import { EDGE_KINDS, type EdgeKindSpec } from '../schema/index.js';
import type { StoredEdge, StoredNode } from '../store/port.js';

export interface CompactGraph {
  /** Node ids by index. */
  readonly ids: readonly string[];
  readonly indexOf: ReadonlyMap<string, number>;
  /** CSR: the out-steps of node i are positions offsets[i] … offsets[i+1]−1. */
  readonly offsets: Uint32Array;
  readonly targets: Uint32Array;
  /** The node each step leaves from (walks routes backwards in O(1) per step). */
  readonly sources: Uint32Array;
  /** −ln p of each step. */
  readonly weights: Float64Array;
  /** Index into `edgeIds` of each step (so results name real edges, parallel kinds kept apart). */
  readonly edgeOf: Uint32Array;
  readonly edgeIds: readonly string[];
}

/** The success probability of a stored edge: its own, else its kind's default. */
export function stepProbability(edge: Pick<StoredEdge, 'kind' | 'p'>): number {
  const spec: EdgeKindSpec = EDGE_KINDS[edge.kind];
  return edge.p ?? spec.p;
}

/** Compiles nodes and attack-step edges into CSR; edges whose endpoints are unknown are ignored. */
export function compileAttackGraph(nodes: Iterable<Pick<StoredNode, 'id'>>, edges: Iterable<Pick<StoredEdge, 'eid' | 'kind' | 'from' | 'to' | 'p'>>): CompactGraph {
  const ids: string[] = [];
  const indexOf = new Map<string, number>();
  for (const n of nodes) if (!indexOf.has(n.id)) { indexOf.set(n.id, ids.length); ids.push(n.id); }
  const from: number[] = [], to: number[] = [], weight: number[] = [], edgeIds: string[] = [];
  for (const e of edges) {
    if (EDGE_KINDS[e.kind].role !== 'attack') continue;
    const a = indexOf.get(e.from), b = indexOf.get(e.to);
    const p = stepProbability(e);
    if (a === undefined || b === undefined || !(p > 0)) continue;
    from.push(a); to.push(b); weight.push(-Math.log(Math.min(p, 1))); edgeIds.push(e.eid);
  }
  const n = ids.length, m = from.length;
  const offsets = new Uint32Array(n + 1);
  for (const a of from) offsets[a + 1]!++;
  for (let i = 0; i < n; i++) offsets[i + 1]! += offsets[i]!;
  const cursor = offsets.slice(0, n);
  const targets = new Uint32Array(m), sources = new Uint32Array(m), weights = new Float64Array(m), edgeOf = new Uint32Array(m);
  for (let k = 0; k < m; k++) {
    const at = cursor[from[k]!]!++;
    targets[at] = to[k]!; sources[at] = from[k]!; weights[at] = weight[k]!; edgeOf[at] = k;
  }
  return { ids, indexOf, offsets, targets, sources, weights, edgeOf, edgeIds };
}
