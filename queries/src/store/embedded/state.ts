/**
 * The embedded store's in-memory graph and the deterministic operations on it. Live writes and
 * log replay call the same functions with the same recorded inputs, so a replayed store equals the
 * store that wrote the log.
 */
import { runToEnd } from '../../cooperative.js';
import { InvalidBatchError } from '../../errors.js';
import { SCHEMA_VERSION } from '../../schema/index.js';
import { MAX_EVIDENCE, claim, edgeInScope, mergeEdge, mergeNode, nodeInScope, prepareScopes, release, sourceOf } from '../ownership.js';
import type {
  CleanupResult, CollectionScope, EnrichRow, ExpiredClaims, NodeMarker, NodeRef, DocumentCollection, DocumentKey, StoredDocument, ResolvedRun, RunInfo, RunRecord, ScoreRunRecord, Stamps, StoredEdge, StoredNode,
} from '../port.js';

/** Long passes yield once per this many rows + 1 (a power of two minus one: a mask). */
const SLICE = 2047;

/** One logged operation; `now` is recorded so replay reproduces the same stamps. */
export type Op =
  | { op: 'apply'; run: ResolvedRun; now: string }
  /** Logs written before ADR 0012 cleaned up in an op of its own after the apply; still replayed. */
  | { op: 'cleanup'; source: string; runId: string; scopes?: CollectionScope[] }
  | { op: 'expire'; run: RunInfo; claims: ExpiredClaims[]; now: string }
  | { op: 'enrich'; run: RunInfo; rows: EnrichRow[]; now: string }
  | { op: 'score'; record: ScoreRunRecord }
  | { op: 'marker'; marker: NodeMarker; on: boolean }
  | { op: 'documents'; put: StoredDocument[]; remove: DocumentKey[] };

export class GraphState {
  readonly nodes = new Map<string, StoredNode>();
  readonly edges = new Map<string, StoredEdge>();
  /** alias string → id of the node that first claimed it */
  readonly aliasIndex = new Map<string, string>();
  readonly runs: RunRecord[] = [];
  readonly scoreRuns = new Map<string, ScoreRunRecord>();
  /** `nodeId|marker` → marker. */
  readonly markers = new Map<string, NodeMarker>();
  /** Workflow documents by collection, then id. */
  readonly documents = new Map<DocumentCollection, Map<string, StoredDocument>>();
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
  *checkApply(run: ResolvedRun): Generator<void, void> {
    const ids = new Set<string>();
    let i = 0;
    for (const n of run.nodes) { if ((++i & SLICE) === 0) yield; ids.add(n.id); }
    const missing: string[] = [];
    for (const e of run.edges) {
      if ((++i & SLICE) === 0) yield;
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

  /**
   * Writes a run and, when it asks for one, its cleanup (one op: a crash keeps both or neither). A
   * generator that yields every few thousand rows: the live store runs it cooperatively (a server answers
   * between slices), replay runs it to the end.
   */
  *apply(run: ResolvedRun, now: string): Generator<void, CleanupResult | null> {
    yield* this.write(run, now);
    if (run.documents?.length) this.writeDocuments(run.documents, []);
    return run.cleanup ? yield* this.cleanup(run.run.source, run.run.id, run.cleanup.scopes) : null;
  }

  private *write(run: ResolvedRun, now: string): Generator<void, void> {
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
    let i = 0;
    for (const row of run.nodes) {
      if ((++i & SLICE) === 0) yield;
      const existing = this.nodes.get(row.id);
      this.nodes.set(row.id, existing ? mergeNode(existing, row, stampsFor(existing)) : adopt(row as StoredNode));
      for (const a of row.aliases) if (!this.aliasIndex.has(a)) this.aliasIndex.set(a, row.id);
    }
    for (const row of run.edges) {
      if ((++i & SLICE) === 0) yield;
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

  *cleanup(source: string, runId: string, scopes?: readonly CollectionScope[]): Generator<void, CleanupResult> {
    const result: CleanupResult = { nodesDeleted: 0, edgesDeleted: 0, nodesReleased: 0, edgesReleased: 0 };
    // A source's first run has nothing stale to drop: only its own earlier runs can have claimed elements,
    // so the whole-graph scan below is skipped (it is the slow part of a small import into a large store).
    if (!this.runs.some((r) => r.source === source && r.id !== runId)) {
      const run = this.runs.findLast((r) => r.id === runId);
      if (run) run.cleanup = result;
      return result;
    }
    const prepared = prepareScopes(scopes);
    yield* this.sweep(result, (sources, sourceRuns) => {
      const copy = { sources, sourceRuns, firstSeen: '', lastSeen: '', runId: '' };
      return { outcome: release(copy, source, runId), sources: copy.sources, sourceRuns: copy.sourceRuns };
    }, (node) => nodeInScope(node, prepared), (edge) => edgeInScope(edge, prepared));
    const run = this.runs.findLast((r) => r.id === runId);
    if (run) run.cleanup = result;
    return result;
  }

  /** Releases expired observation claims; records the expiry as a run with its result. */
  *expire(run: RunInfo, claims: readonly ExpiredClaims[], now: string): Generator<void, CleanupResult> {
    const result: CleanupResult = { nodesDeleted: 0, edgesDeleted: 0, nodesReleased: 0, edgesReleased: 0 };
    const everywhere = new Set(claims.filter((c) => c.edgeKinds === null).map((c) => c.stamp));
    const byKind = new Map<string, Set<string>>();
    for (const c of claims) for (const k of c.edgeKinds ?? []) { const set = byKind.get(k) ?? new Set(); set.add(c.stamp); byKind.set(k, set); }
    let expired: ReadonlySet<string> = everywhere;
    const drop = (sources: string[], sourceRuns: string[]) => {
      const rest = sourceRuns.filter((x) => !expired.has(x));
      if (rest.length === sourceRuns.length) return { outcome: 'keep' as const, sources, sourceRuns };
      return { outcome: rest.length === 0 ? 'orphaned' as const : 'released' as const, sources: rest.map(sourceOf), sourceRuns: rest };
    };
    if (claims.length > 0) {
      yield* this.sweep(result, drop, () => everywhere.size > 0, (edge) => {
        const kinds = byKind.get(edge.kind);
        expired = kinds ? new Set([...everywhere, ...kinds]) : everywhere;
        return expired.size > 0;
      }, () => { expired = everywhere; });
    }
    this.runs.push({ ...run, finishedAt: now, nodes: 0, edges: 0, cleanup: result });
    return result;
  }

  /**
   * Applies a claim release to every node and edge the filters accept; deletes orphans (an edge never
   * outlives its endpoints: DETACH DELETE semantics, as in Neo4j).
   */
  private *sweep(
    result: CleanupResult,
    releaseFn: (sources: string[], sourceRuns: string[]) => { outcome: 'keep' | 'released' | 'orphaned'; sources: string[]; sourceRuns: string[] },
    nodeFilter: (node: StoredNode) => boolean, edgeFilter: (edge: StoredEdge) => boolean, beforeEdges: () => void = () => undefined,
  ): Generator<void, void> {
    const memo = new Map<string[], Map<string[], ReturnType<typeof releaseFn>>>();
    const released = (el: { sources: string[]; sourceRuns: string[] }, cache: boolean) => {
      if (!cache) { const r = releaseFn(el.sources, el.sourceRuns); return { ...r, sources: this.intern(r.sources), sourceRuns: this.intern(r.sourceRuns) }; }
      let inner = memo.get(el.sources);
      if (!inner) memo.set(el.sources, (inner = new Map()));
      let r = inner.get(el.sourceRuns);
      if (!r) { const x = releaseFn(el.sources, el.sourceRuns); r = { ...x, sources: this.intern(x.sources), sourceRuns: this.intern(x.sourceRuns) }; inner.set(el.sourceRuns, r); }
      return r;
    };
    const deletedNodes = new Set<string>();
    let i = 0;
    for (const [id, node] of this.nodes) {
      if ((++i & SLICE) === 0) yield;
      if (!nodeFilter(node)) continue;
      const r = released(node, true);
      if (r.outcome === 'orphaned') { deletedNodes.add(id); result.nodesDeleted++; }
      else if (r.outcome === 'released') { result.nodesReleased++; node.sources = r.sources; node.sourceRuns = r.sourceRuns; }
    }
    for (const id of deletedNodes) this.nodes.delete(id);
    if (deletedNodes.size > 0) for (const [alias, id] of this.aliasIndex) if (deletedNodes.has(id)) this.aliasIndex.delete(alias);
    beforeEdges();
    for (const [eid, edge] of this.edges) {
      if ((++i & SLICE) === 0) yield;
      const detached = deletedNodes.size > 0 && (deletedNodes.has(edge.from) || deletedNodes.has(edge.to));
      const r = !detached && edgeFilter(edge) ? released(edge, false) : null;
      if (detached || r?.outcome === 'orphaned') {
        this.edges.delete(eid);
        result.edgesDeleted++;
      } else if (r?.outcome === 'released') {
        result.edgesReleased++;
        edge.sources = r.sources;
        edge.sourceRuns = r.sourceRuns;
      }
    }
  }

  replay(op: Op): void {
    switch (op.op) {
      case 'apply': runToEnd(this.apply(op.run, op.now)); break;
      case 'cleanup': runToEnd(this.cleanup(op.source, op.runId, op.scopes)); break;
      case 'expire': runToEnd(this.expire(op.run, op.claims, op.now)); break;
      case 'enrich': this.enrich(op.run, op.rows, op.now); break;
      case 'score': this.scoreRuns.set(op.record.id, op.record); break;
      case 'marker': this.setMarker(op.marker, op.on); break;
      case 'documents': this.writeDocuments(op.put, op.remove); break;
    }
  }

  writeDocuments(put: readonly StoredDocument[], remove: readonly DocumentKey[]): void {
    for (const k of remove) this.documents.get(k.collection)?.delete(k.id);
    for (const d of put) {
      let collection = this.documents.get(d.collection);
      if (!collection) this.documents.set(d.collection, (collection = new Map()));
      collection.set(d.id, d);
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
