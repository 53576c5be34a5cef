/**
 * The embedded store's in-memory graph and the deterministic operations on it. Live writes and
 * log replay call the same functions with the same recorded inputs, so a replayed store equals the
 * store that wrote the log.
 */
import { InvalidBatchError } from '../../errors.js';
import { SCHEMA_VERSION } from '../../schema/index.js';
import { MAX_EVIDENCE, claim, mergeEdge, mergeNode, release } from '../ownership.js';
import type {
  CleanupResult, EnrichRow, NodeMarker, NodeRef, ResolvedRun, RunInfo, RunRecord, ScoreRunRecord, Stamps, StoredEdge, StoredNode,
} from '../port.js';

/** One logged operation; `now` is recorded so replay reproduces the same stamps. */
export type Op =
  | { op: 'apply'; run: ResolvedRun; now: string }
  | { op: 'cleanup'; source: string; runId: string }
  | { op: 'enrich'; run: RunInfo; rows: EnrichRow[]; now: string }
  | { op: 'score'; record: ScoreRunRecord }
  | { op: 'marker'; marker: NodeMarker; on: boolean };

export class GraphState {
  readonly nodes = new Map<string, StoredNode>();
  readonly edges = new Map<string, StoredEdge>();
  /** alias string → id of the node that first claimed it */
  readonly aliasIndex = new Map<string, string>();
  readonly runs: RunRecord[] = [];
  readonly scoreRuns = new Map<string, ScoreRunRecord>();
  /** `nodeId|marker` → marker. */
  readonly markers = new Map<string, NodeMarker>();
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

  /**
   * Ownership lists are interned, so the result of claim/release depends only on the identity of an
   * element's two lists: it is computed once per distinct pair and shared (a run over a million edges
   * allocates a handful of lists, not two million).
   */
  private memo<T>(compute: (sources: string[], sourceRuns: string[]) => T): (s: Stamps) => T {
    // `sources` is a function of `sourceRuns`, so the interned sourceRuns list alone is the key.
    const cache = new Map<string[], T>();
    return (s) => {
      let hit = cache.get(s.sourceRuns);
      if (hit === undefined) { hit = compute(s.sources, s.sourceRuns); cache.set(s.sourceRuns, hit); }
      return hit;
    };
  }

  apply(run: ResolvedRun, now: string): void {
    const { source, id: runId } = run.run;
    const fresh = claim(undefined, source, runId, now);
    const freshLists = { sources: this.intern(fresh.sources), sourceRuns: this.intern(fresh.sourceRuns) };
    const claimed = this.memo((sources, sourceRuns) => {
      const c = claim({ sources, sourceRuns, firstSeen: now, lastSeen: now, runId }, source, runId, now);
      return { sources: this.intern(c.sources), sourceRuns: this.intern(c.sourceRuns) };
    });
    const stampsFor = (existing: Stamps): Stamps => ({ ...claimed(existing), firstSeen: existing.firstSeen, lastSeen: now, runId });
    // A new element adopts its row object (the store owns the rows it is given). Plain stores in a
    // fixed order keep one hidden class for every row — this loop runs once per edge.
    const adopt = <T extends Stamps>(row: T): T => {
      row.sources = freshLists.sources;
      row.sourceRuns = freshLists.sourceRuns;
      row.firstSeen = now;
      row.lastSeen = now;
      row.runId = runId;
      return row;
    };
    for (const row of run.nodes) {
      const existing = this.nodes.get(row.id);
      this.nodes.set(row.id, existing ? mergeNode(existing, row, stampsFor(existing)) : adopt(row as StoredNode));
      for (const a of row.aliases) if (!this.aliasIndex.has(a)) this.aliasIndex.set(a, row.id);
    }
    for (const row of run.edges) {
      const existing = this.edges.get(row.eid);
      if (existing) this.edges.set(row.eid, mergeEdge(existing, row, stampsFor(existing)));
      else {
        if (row.evidence.length > MAX_EVIDENCE) row.evidence = row.evidence.slice(0, MAX_EVIDENCE);
        this.edges.set(row.eid, adopt(row as StoredEdge));
      }
    }
    this.runs.push({ ...run.run, finishedAt: now, nodes: run.nodes.length, edges: run.edges.length, cleanup: null });
  }

  /** Adds properties to the nodes that exist; returns how many were found. Claims nothing. */
  enrich(run: RunInfo, rows: EnrichRow[], now: string): number {
    let found = 0;
    for (const row of rows) {
      const node = this.nodes.get(row.id);
      if (!node) continue;
      node.props = { ...node.props, ...row.props };
      found++;
    }
    this.runs.push({ ...run, finishedAt: now, nodes: found, edges: 0, cleanup: null });
    return found;
  }

  cleanup(source: string, runId: string): CleanupResult {
    const result: CleanupResult = { nodesDeleted: 0, edgesDeleted: 0, nodesReleased: 0, edgesReleased: 0 };
    // A source's first run has nothing stale to drop: only its own earlier runs can have claimed elements,
    // so the whole-graph scan below is skipped (it is the slow part of a small import into a large store).
    if (!this.runs.some((r) => r.source === source && r.id !== runId)) {
      const run = this.runs.findLast((r) => r.id === runId);
      if (run) run.cleanup = result;
      return result;
    }
    const released = this.memo((sources, sourceRuns) => {
      const copy = { sources, sourceRuns, firstSeen: '', lastSeen: '', runId: '' };
      const outcome = release(copy, source, runId);
      return { outcome, sources: this.intern(copy.sources), sourceRuns: this.intern(copy.sourceRuns) };
    });
    const deletedNodes = new Set<string>();
    for (const [id, node] of this.nodes) {
      const r = released(node);
      if (r.outcome === 'orphaned') { deletedNodes.add(id); result.nodesDeleted++; }
      else if (r.outcome === 'released') { result.nodesReleased++; node.sources = r.sources; node.sourceRuns = r.sourceRuns; }
    }
    for (const id of deletedNodes) this.nodes.delete(id);
    if (deletedNodes.size > 0) for (const [alias, id] of this.aliasIndex) if (deletedNodes.has(id)) this.aliasIndex.delete(alias);
    for (const [eid, edge] of this.edges) {
      const r = released(edge);
      // An edge never outlives its endpoints (DETACH DELETE semantics, as in Neo4j).
      if (r.outcome === 'orphaned' || (deletedNodes.size > 0 && (deletedNodes.has(edge.from) || deletedNodes.has(edge.to)))) {
        this.edges.delete(eid);
        result.edgesDeleted++;
      } else if (r.outcome === 'released') {
        result.edgesReleased++;
        edge.sources = r.sources;
        edge.sourceRuns = r.sourceRuns;
      }
    }
    const run = this.runs.findLast((r) => r.id === runId);
    if (run) run.cleanup = result;
    return result;
  }

  replay(op: Op): void {
    switch (op.op) {
      case 'apply': this.apply(op.run, op.now); break;
      case 'cleanup': this.cleanup(op.source, op.runId); break;
      case 'enrich': this.enrich(op.run, op.rows, op.now); break;
      case 'score': this.scoreRuns.set(op.record.id, op.record); break;
      case 'marker': this.setMarker(op.marker, op.on); break;
    }
  }

  setMarker(marker: NodeMarker, on: boolean): void {
    const key = `${marker.nodeId}|${marker.marker}`;
    if (on) this.markers.set(key, marker); else this.markers.delete(key);
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
