/**
 * GraphStore: the port both stores implement (Neo4j and embedded), checked by one contract suite.
 * Writes arrive as a ResolvedRun: the loader has already validated the batch and resolved identities,
 * so a store only stamps ownership, writes all-or-nothing and cleans up by source.
 */
import type { Props } from '../batch.js';
import type { AttackGraph } from './subgraph.js';
import type { Domain, EdgeKind, Exposure, NodeKind } from '../schema/index.js';

/** What a run is, recorded with it. */
export interface RunInfo {
  id: string;
  source: string;
  format: string;
  /** ISO-8601 time the run started. */
  startedAt: string;
  files: string[];
  complete: boolean;
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
   * Writes a resolved run in one all-or-nothing step and records the run. The store takes ownership
   * of the run's row objects (the embedded store keeps new rows as its stored elements).
   */
  applyRun(run: ResolvedRun): Promise<ApplyResult>;
  /**
   * Drops `source`'s claim on everything it asserted in runs before `runId`, deletes what nobody
   * asserts any more, and records the outcome on run `runId` — one all-or-nothing step, run only
   * after that run's apply committed.
   */
  cleanup(source: string, runId: string): Promise<CleanupResult>;
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
  stats(): Promise<StoreStats>;
  close(): Promise<void>;
}
