/**
 * GraphStore: the port both stores implement (Neo4j and embedded), checked by one contract suite.
 * Writes arrive as a ResolvedRun: the loader has already validated the batch and resolved identities,
 * so a store only stamps ownership, writes all-or-nothing and cleans up by source.
 */
import type { Props } from '../batch.js';
import type { AttackGraph } from './subgraph.js';
import type { Domain, EdgeKind, Exposure, NodeKind } from '../schema/index.js';

/**
 * Part of what a run collected (ADR 0011): cleanup of a complete run removes only stale facts inside its
 * scopes. A node is in a scope when its kind is in `nodeKinds` and — when any of `ids`, `idPrefixes`,
 * `aliasPrefixes` is given — one of them names it, and (if given) the text after the last `:` of its id is
 * in `idTails`. An edge is in a scope when its kind is in `edgeKinds`, its from is in `from` or starts with
 * one of `fromPrefixes` (if either is given),
 * its to is in `to` or starts with one of `toPrefixes` (if either is given), and the tail of its to is in
 * `toTails` (if given). `ids`, `from` and `to` are this batch's node ids; the loader maps them to canonical
 * ids. (Prefixes and tails let a scan say "ports 1–1000 of 10.0.0.0/24" without listing every pair.)
 */
export interface CollectionScope {
  /** What was collected, in words (coverage reports show it): "local groups of 3 computers". */
  label: string;
  nodeKinds?: NodeKind[];
  edgeKinds?: EdgeKind[];
  ids?: string[];
  idPrefixes?: string[];
  aliasPrefixes?: string[];
  idTails?: string[];
  from?: string[];
  fromPrefixes?: string[];
  to?: string[];
  toPrefixes?: string[];
  toTails?: string[];
}

/** Facts a run observed at a time (sessions, flows): never cleaned up by later runs; they expire by age. */
export interface ObservationPolicy {
  /** The edge kinds that are observations; absent: everything the run asserted. */
  edgeKinds?: EdgeKind[];
  retentionDays: number;
}

/** What a run says it covered, recorded with it (scopes summarised: the ids a scope names are counted, not kept). */
export interface RunCoverage {
  scopes: Array<{ label: string; nodeKinds: NodeKind[]; edgeKinds: EdgeKind[]; anchored: number | null }> | null;
  observations: ObservationPolicy | null;
}

/** What a run is, recorded with it. */
export interface RunInfo {
  id: string;
  source: string;
  format: string;
  /** ISO-8601 time the run started. */
  startedAt: string;
  files: string[];
  complete: boolean;
  coverage?: RunCoverage;
}

/** A run's claims that have outlived their retention: release `stamp` from those edge kinds (null: from every element). */
export interface ExpiredClaims {
  stamp: string;
  edgeKinds: EdgeKind[] | null;
}

/** A node as the loader hands it to a store (ids final, kind resolved). */
export interface NodeRow {
  id: string;
  kind: NodeKind;
  name: string;
  domain: Domain;
  criticality: number | null;
  exposure: Exposure | null;
  purdueLevel: number | null;
  aliases: string[];
  ref: boolean;
  props: Props;
}

export interface EdgeRow {
  eid: string;
  kind: EdgeKind;
  from: string;
  to: string;
  key: string | null;
  p: number | null;
  props: Props;
  evidence: string[];
}

/** Properties to add to one existing node. */
export interface EnrichRow {
  id: string;
  props: Props;
}

export interface ResolvedRun {
  run: RunInfo;
  nodes: NodeRow[];
  edges: EdgeRow[];
  /**
   * A complete run also drops its source's stale facts (claims from earlier runs) inside these scopes —
   * every element when `scopes` is absent — in the same atomic step as the write, so no crash can leave
   * the old and the new state side by side (ADR 0012). Absent: nothing is cleaned up.
   */
  cleanup?: { scopes?: CollectionScope[] };
  /** Documents that belong to the run (its signals, in chunks), written in the same all-or-nothing step. */
  documents?: StoredDocument[];
}

/** Ownership and time stamps every stored element carries. */
export interface Stamps {
  /** Sources that currently assert the element. */
  sources: string[];
  /** `<source>@<runId>`: the last run of each source that asserted it. */
  sourceRuns: string[];
  firstSeen: string;
  lastSeen: string;
  runId: string;
}

export type StoredNode = NodeRow & Stamps;
export type StoredEdge = EdgeRow & Stamps;

export interface ApplyResult {
  runId: string;
  nodes: number;
  edges: number;
  /** What the run's cleanup removed (null: the run asked for none). */
  cleanup: CleanupResult | null;
}

export interface CleanupResult {
  /** Elements whose last owner was this source: deleted. */
  nodesDeleted: number;
  edgesDeleted: number;
  /** Elements another source still asserts: only this source's claim was dropped. */
  nodesReleased: number;
  edgesReleased: number;
}

/** A stored import run. */
export interface RunRecord extends RunInfo {
  finishedAt: string;
  nodes: number;
  edges: number;
  cleanup: CleanupResult | null;
}

/** The marks a user puts on nodes (BloodHound's owned / high value); kept per store, outside import runs. */
export const NODE_MARKERS = ['owned', 'high-value'] as const;
export type NodeMarkerKind = (typeof NODE_MARKERS)[number];
export interface NodeMarker {
  nodeId: string;
  marker: NodeMarkerKind;
  /** Who set it (the API principal or `cli`) and when. */
  by: string;
  at: string;
}

/**
 * The records a risk team's workflow keeps beside the graph — fix status, saved views, webhook deliveries
 * and tickets, evidence reports — as JSON documents by collection and id. Imports never touch them; the
 * module that owns a collection defines and checks its body.
 */
export const DOCUMENT_COLLECTIONS = ['fix', 'view', 'delivery', 'ticket', 'report', 'signals'] as const;
export type DocumentCollection = (typeof DOCUMENT_COLLECTIONS)[number];
export interface StoredDocument {
  collection: DocumentCollection;
  id: string;
  /** ISO-8601 time of the write. */
  updatedAt: string;
  body: unknown;
}
export interface DocumentKey { collection: DocumentCollection; id: string }

/** A stored scoring: opaque to the store beyond its id and time (the analysis defines its payload). */
export interface ScoreRunRecord {
  id: string;
  createdAt: string;
  payload: unknown;
}

export interface StoreStats {
  nodes: Partial<Record<NodeKind, number>>;
  edges: Partial<Record<EdgeKind, number>>;
  domains: Partial<Record<Domain, number>>;
}

/** Which part of the graph to read into graphology; every filter is optional and they combine with AND. */
export interface SubgraphFilter {
  nodeKinds?: NodeKind[];
  edgeKinds?: EdgeKind[];
  domains?: Domain[];
  ids?: string[];
}

/** A hit of an alias or id lookup: the canonical node and its kind. */
export interface NodeRef {
  id: string;
  kind: NodeKind;
}

export interface GraphStore {
  readonly kind: 'embedded' | 'neo4j';
  /** Creates constraints/indexes or loads persisted state; idempotent. */
  init(): Promise<void>;
  /** Maps each given id or alias string to the stored node it names (absent keys are left out). */
  lookup(keys: string[]): Promise<Map<string, NodeRef>>;
  /**
   * Writes a resolved run, records it and — when `run.cleanup` is given — drops the source's claims from
   * its earlier runs inside the cleanup scopes and deletes what nobody asserts any more: all in one
   * all-or-nothing step. The store takes ownership of the run's row objects (the embedded store keeps
   * new rows as its stored elements).
   */
  applyRun(run: ResolvedRun): Promise<ApplyResult>;
  /**
   * Releases expired observation claims (and deletes what nobody asserts any more), recorded as run `run`
   * with its result as `cleanup` — one all-or-nothing step.
   */
  expire(run: RunInfo, claims: readonly ExpiredClaims[]): Promise<CleanupResult>;
  /**
   * Adds properties to existing nodes without claiming them (enrichment: KEV, EPSS); ids that do not
   * exist are ignored. Records the run. All-or-nothing like applyRun.
   */
  enrichNodes(run: RunInfo, rows: EnrichRow[]): Promise<ApplyResult>;
  streamNodes(batchSize?: number): AsyncIterable<StoredNode[]>;
  streamEdges(batchSize?: number): AsyncIterable<StoredEdge[]>;
  readSubgraph(filter?: SubgraphFilter): Promise<AttackGraph>;
  getNode(id: string): Promise<StoredNode | null>;
  /** The stored edges with these ids, in any order; unknown ids are left out. */
  getEdges(eids: readonly string[]): Promise<StoredEdge[]>;
  listRuns(): Promise<RunRecord[]>;
  saveScoreRun(record: ScoreRunRecord): Promise<void>;
  listScoreRuns(): Promise<ScoreRunRecord[]>;
  getScoreRun(id: string): Promise<ScoreRunRecord | null>;
  /** Sets (on) or clears (off) a marker; the node need not exist (a marker may precede the import that brings it). */
  setMarker(marker: NodeMarker, on: boolean): Promise<void>;
  listMarkers(): Promise<NodeMarker[]>;
  /** Writes and removes documents in one all-or-nothing step (a document with the same collection and id is replaced). */
  writeDocuments(put: readonly StoredDocument[], remove?: readonly DocumentKey[]): Promise<void>;
  /** The documents of a collection, by id. */
  listDocuments(collection: DocumentCollection): Promise<StoredDocument[]>;
  getDocument(collection: DocumentCollection, id: string): Promise<StoredDocument | null>;
  stats(): Promise<StoreStats>;
  close(): Promise<void>;
}
