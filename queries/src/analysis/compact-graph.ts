/**
 * The compact graph the heavy analysis passes run on: nodes are indexes, steps are CSR typed arrays
 * (forward: target, source, weight, step index; reverse: positions grouped by target), weights
 * w = −ln p so that the shortest path is the most likely route (DESIGN §3). 32 bytes per step with the
 * reverse index. Graphology stays the model for subgraphs and explanations, and the test oracle.
 */
import { EDGE_KINDS, type EdgeKindSpec } from '../schema/index.js';
import type { StoredEdge, StoredNode } from '../store/port.js';

export interface CompactGraph {
  /** Number of nodes. */
  readonly n: number;
  /** CSR: the out-steps of node i are positions offsets[i] … offsets[i+1]−1. */
  readonly offsets: Uint32Array;
  readonly targets: Uint32Array;
  /** The node each step leaves from (walks routes backwards in O(1) per step). */
  readonly sources: Uint32Array;
  /** −ln p of each step. */
  readonly weights: Float64Array;
  /** The caller's index of each step (its order in the input), so results name real steps. */
  readonly edgeOf: Uint32Array;
  /** Reverse CSR: the in-steps of node i are positions rPositions[rOffsets[i] … rOffsets[i+1]−1]. */
  readonly rOffsets: Uint32Array;
  readonly rPositions: Uint32Array;
}

/** Step lists as parallel arrays: step k goes from[k] → to[k] with weight w[k]. */
export interface StepArrays {
  from: ArrayLike<number>;
  to: ArrayLike<number>;
  weight: ArrayLike<number>;
}

/** Builds forward and reverse CSR for `n` nodes; every endpoint must be < n. */
export function compileCsr(n: number, steps: StepArrays): CompactGraph {
  const m = steps.from.length;
  const offsets = new Uint32Array(n + 1), rOffsets = new Uint32Array(n + 1);
  for (let k = 0; k < m; k++) {
    const a = steps.from[k]!, b = steps.to[k]!;
    if (!(a < n && b < n)) throw new RangeError(`compileCsr: step ${k} (${a} → ${b}) leaves the ${n} nodes`);
    offsets[a + 1]!++; rOffsets[b + 1]!++;
  }
  for (let i = 0; i < n; i++) { offsets[i + 1]! += offsets[i]!; rOffsets[i + 1]! += rOffsets[i]!; }
  const cursor = offsets.slice(0, n);
  const targets = new Uint32Array(m), sources = new Uint32Array(m), weights = new Float64Array(m), edgeOf = new Uint32Array(m);
  for (let k = 0; k < m; k++) {
    const at = cursor[steps.from[k]!]!++;
    targets[at] = steps.to[k]!; sources[at] = steps.from[k]!; weights[at] = steps.weight[k]!; edgeOf[at] = k;
  }
  const rCursor = rOffsets.slice(0, n);
  const rPositions = new Uint32Array(m);
  for (let at = 0; at < m; at++) rPositions[rCursor[targets[at]!]!++] = at;
  return { n, offsets, targets, sources, weights, edgeOf, rOffsets, rPositions };
}

/** The success probability of a stored edge: its own, else its kind's default. */
export function stepProbability(edge: Pick<StoredEdge, 'kind' | 'p'>): number {
  const spec: EdgeKindSpec = EDGE_KINDS[edge.kind];
  return edge.p ?? spec.p;
}

/** A CSR over stored nodes and their attack-step edges (context edges are facts, not steps). */
export interface StoredAttackGraph extends CompactGraph {
  readonly ids: readonly string[];
  readonly indexOf: ReadonlyMap<string, number>;
  /** Edge id of each step index (`edgeOf` values index this). */
  readonly edgeIds: readonly string[];
}

/** Compiles stored nodes and attack-step edges; edges whose endpoints are unknown are ignored. */
export function compileAttackGraph(nodes: Iterable<Pick<StoredNode, 'id'>>, edges: Iterable<Pick<StoredEdge, 'eid' | 'kind' | 'from' | 'to' | 'p'>>): StoredAttackGraph {
  const ids: string[] = [];
  const indexOf = new Map<string, number>();
  for (const node of nodes) if (!indexOf.has(node.id)) { indexOf.set(node.id, ids.length); ids.push(node.id); }
  const from: number[] = [], to: number[] = [], weight: number[] = [], edgeIds: string[] = [];
  for (const e of edges) {
    if (EDGE_KINDS[e.kind].role !== 'attack') continue;
    const a = indexOf.get(e.from), b = indexOf.get(e.to);
    const p = stepProbability(e);
    if (a === undefined || b === undefined || !(p > 0)) continue;
    from.push(a); to.push(b); weight.push(-Math.log(Math.min(p, 1))); edgeIds.push(e.eid);
  }
  return { ...compileCsr(ids.length, { from, to, weight }), ids, indexOf, edgeIds };
}
