/**
 * The embedded store's in-memory graph and the deterministic operations on it. Live writes and
 * log replay call the same functions with the same recorded inputs, so a replayed store equals the
 * store that wrote the log.
 */
import { InvalidBatchError } from '../../errors.js';
import { SCHEMA_VERSION } from '../../schema/index.js';
import { claim, mergeEdge, mergeNode, release } from '../ownership.js';
import type {
  CleanupResult, NodeRef, ResolvedRun, RunRecord, ScoreRunRecord, StoredEdge, StoredNode,
} from '../port.js';

/** One logged operation; `now` is recorded so replay reproduces the same stamps. */
export type Op =
  | { op: 'apply'; run: ResolvedRun; now: string }
  | { op: 'cleanup'; source: string; runId: string }
  | { op: 'recordCleanup'; runId: string; result: CleanupResult }
  | { op: 'score'; record: ScoreRunRecord };

export class GraphState {
  readonly nodes = new Map<string, StoredNode>();
  readonly edges = new Map<string, StoredEdge>();
  /** alias string → id of the node that first claimed it */
  readonly aliasIndex = new Map<string, string>();
  readonly runs: RunRecord[] = [];
  readonly scoreRuns = new Map<string, ScoreRunRecord>();
  readonly schemaVersion = SCHEMA_VERSION;
  /** Interned string lists: most elements share the same few `sources`/`sourceRuns` values. */
  private readonly lists = new Map<string, string[]>();

  private intern(list: string[]): string[] {
    const key = list.join('\u0000');
    const hit = this.lists.get(key);
    if (hit) return hit;
    this.lists.set(key, list);
    return list;
  }

  lookup(keys: string[]): Map<string, NodeRef> {
    const out = new Map<string, NodeRef>();
    for (const key of keys) {
      const id = this.nodes.has(key) ? key : this.aliasIndex.get(key);
      const node = id === undefined ? undefined : this.nodes.get(id);
      if (node) out.set(key, { id: node.id, kind: node.kind });
    }
    return out;
  }

  /** Throws (changing nothing) unless every edge's endpoints exist in the run or the store. */
  checkApply(run: ResolvedRun): void {
    const ids = new Set(run.nodes.map((n) => n.id));
    const missing: string[] = [];
    for (const e of run.edges) {
      for (const end of [e.from, e.to]) if (!ids.has(end) && !this.nodes.has(end)) missing.push(`${e.eid}: endpoint ${end} does not exist`);
      if (missing.length >= 20) break;
    }
    if (missing.length > 0) throw new InvalidBatchError(missing, run.run.source);
  }

  apply(run: ResolvedRun, now: string): void {
    const { source, id: runId } = run.run;
    for (const row of run.nodes) {
      const existing = this.nodes.get(row.id);
      const stamps = claim(existing, source, runId, now);
      const node = mergeNode(existing, row, stamps);
      node.sources = this.intern(node.sources);
      node.sourceRuns = this.intern(node.sourceRuns);
      this.nodes.set(row.id, node);
      for (const a of row.aliases) if (!this.aliasIndex.has(a)) this.aliasIndex.set(a, row.id);
    }
    for (const row of run.edges) {
      const existing = this.edges.get(row.eid);
      const edge = mergeEdge(existing, row, claim(existing, source, runId, now));
      edge.sources = this.intern(edge.sources);
      edge.sourceRuns = this.intern(edge.sourceRuns);
      this.edges.set(row.eid, edge);
    }
    this.runs.push({ ...run.run, finishedAt: now, nodes: run.nodes.length, edges: run.edges.length, cleanup: null });
  }

  cleanup(source: string, runId: string): CleanupResult {
    const result: CleanupResult = { nodesDeleted: 0, edgesDeleted: 0, nodesReleased: 0, edgesReleased: 0 };
    const deletedNodes = new Set<string>();
    for (const [id, node] of this.nodes) {
      const outcome = release(node, source, runId);
      if (outcome === 'orphaned') { deletedNodes.add(id); result.nodesDeleted++; }
      else if (outcome === 'released') {
        result.nodesReleased++;
        node.sources = this.intern(node.sources);
        node.sourceRuns = this.intern(node.sourceRuns);
      }
    }
    for (const id of deletedNodes) this.nodes.delete(id);
    for (const [alias, id] of this.aliasIndex) if (deletedNodes.has(id)) this.aliasIndex.delete(alias);
    for (const [eid, edge] of this.edges) {
      const outcome = release(edge, source, runId);
      // An edge never outlives its endpoints (DETACH DELETE semantics, as in Neo4j).
      if (outcome === 'orphaned' || deletedNodes.has(edge.from) || deletedNodes.has(edge.to)) {
        this.edges.delete(eid);
        result.edgesDeleted++;
      } else if (outcome === 'released') {
        result.edgesReleased++;
        edge.sources = this.intern(edge.sources);
        edge.sourceRuns = this.intern(edge.sourceRuns);
      }
    }
    return result;
  }

  recordCleanup(runId: string, result: CleanupResult): void {
    const run = this.runs.find((r) => r.id === runId);
    if (run) run.cleanup = result;
  }

  replay(op: Op): void {
    switch (op.op) {
      case 'apply': this.apply(op.run, op.now); break;
      case 'cleanup': this.cleanup(op.source, op.runId); break;
      case 'recordCleanup': this.recordCleanup(op.runId, op.result); break;
      case 'score': this.scoreRuns.set(op.record.id, op.record); break;
    }
  }

  /** Restores one element read from a snapshot. */
  restoreNode(node: StoredNode): void {
    node.sources = this.intern(node.sources);
    node.sourceRuns = this.intern(node.sourceRuns);
    this.nodes.set(node.id, node);
  }
  restoreEdge(edge: StoredEdge): void {
    edge.sources = this.intern(edge.sources);
    edge.sourceRuns = this.intern(edge.sourceRuns);
    this.edges.set(edge.eid, edge);
  }
}
