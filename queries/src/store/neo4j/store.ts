/**
 * The Neo4j GraphStore (neo4j-driver 6). Writes go through the generated per-kind upserts in one
 * managed write transaction per run, so a run is all-or-nothing and transient errors (deadlocks,
 * leader switches) are retried by the driver. Every value is a parameter.
 */
import neo4j, { type Driver, type ManagedTransaction, type Session } from 'neo4j-driver';
import { ChokepointError, InvalidBatchError, StoreUnavailableError } from '../../errors.js';
import { CONSTRAINTS, EDGE_LOOKUPS, EDGE_UPSERTS, NODE_UPSERTS } from '../../cypher/generated/schema-cypher.js';
import * as Q from '../../cypher/named.js';
import { isEdgeKind, type EdgeKind, type NodeKind } from '../../schema/index.js';
import type { Props, PropValue } from '../../batch.js';
import { RESERVED_KEYS } from '../../batch.js';
import { scopeParams, sourceOf, stampOf } from '../ownership.js';
import type {
  ApplyResult, CleanupResult, CollectionScope, EdgeRow, EnrichRow, ExpiredClaims, GraphStore, NodeMarker, RunCoverage, DocumentCollection, DocumentKey, StoredDocument, NodeRef, NodeRow, ResolvedRun, RunInfo, RunRecord, ScoreRunRecord,
  StoreStats, StoredEdge, StoredNode, SubgraphFilter,
} from '../port.js';
import { buildGraph, type AttackGraph } from '../subgraph.js';

export interface Neo4jStoreOptions {
  uri: string;
  user?: string;
  password?: string;
  database?: string;
  /** Rows per UNWIND statement. */
  chunkSize?: number;
}

type Row = Record<string, unknown>;

export class Neo4jStore implements GraphStore {
  readonly kind = 'neo4j' as const;
  private readonly driver: Driver;

  constructor(private readonly options: Neo4jStoreOptions) {
    this.driver = neo4j.driver(options.uri, neo4j.auth.basic(options.user ?? 'neo4j', options.password ?? ''), {
      disableLosslessIntegers: true,
      maxTransactionRetryTime: 30_000,
      connectionAcquisitionTimeout: 60_000,
    });
  }

  private session(mode: 'READ' | 'WRITE' = 'WRITE'): Session {
    return this.driver.session({
      database: this.options.database,
      defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
      fetchSize: 5000,
    });
  }

  async init(): Promise<void> {
    try {
      await this.driver.verifyConnectivity();
    } catch (e) {
      throw new StoreUnavailableError(`cannot reach Neo4j at ${this.options.uri}: ${(e as Error).message}`, { cause: e });
    }
    const session = this.session();
    try {
      for (const statement of CONSTRAINTS) await session.executeWrite((tx) => tx.run(statement));
    } finally {
      await session.close();
    }
  }

  private async read<T>(query: string, params: Row, map: (r: Row) => T): Promise<T[]> {
    const session = this.session('READ');
    try {
      const result = await session.executeRead((tx) => tx.run(query, params));
      return result.records.map((r) => map(r.toObject() as Row));
    } finally {
      await session.close();
    }
  }

  async lookup(keys: string[]): Promise<Map<string, NodeRef>> {
    const out = new Map<string, NodeRef>();
    for (let i = 0; i < keys.length; i += 10_000) {
      const rows = await this.read(Q.LOOKUP, { keys: keys.slice(i, i + 10_000) }, (r) => r);
      for (const r of rows) out.set(r.key as string, { id: r.id as string, kind: r.kind as NodeKind });
    }
    return out;
  }

  async applyRun(run: ResolvedRun): Promise<ApplyResult> {
    const { id: runId, source } = run.run;
    const params = { source, runId, prefix: `${source}@`, stamp: stampOf(source, runId) };
    const chunk = this.options.chunkSize ?? 5000;
    const nodesByKind = groupBy(run.nodes, (n) => n.kind);
    const edgesByKind = groupBy(run.edges, (e) => e.kind);
    const inRun = new Set(run.nodes.map((n) => n.id));
    const outside = [...new Set(run.edges.flatMap((e) => [e.from, e.to]).filter((id) => !inRun.has(id)))];
    const session = this.session();
    let cleanup: CleanupResult | null;
    try {
      cleanup = await session.executeWrite(async (tx: ManagedTransaction) => nonRetryableOnMemory(async () => {
        const now = new Date().toISOString();
        if (outside.length > 0) {
          const found = new Set(((await tx.run(Q.EXISTING_IDS, { ids: outside })).records[0]?.get('ids') as string[]) ?? []);
          const missing = outside.filter((id) => !found.has(id));
          if (missing.length > 0) throw new InvalidBatchError(missing.slice(0, 20).map((id) => `edge endpoint ${id} does not exist`), source);
        }
        for (const [kind, rows] of nodesByKind) {
          for (let i = 0; i < rows.length; i += chunk) {
            await tx.run(NODE_UPSERTS[kind as NodeKind], { ...params, now, rows: rows.slice(i, i + chunk).map(nodeParams) });
          }
        }
        for (const [kind, rows] of edgesByKind) {
          for (let i = 0; i < rows.length; i += chunk) {
            await tx.run(EDGE_UPSERTS[kind as EdgeKind], { ...params, now, rows: rows.slice(i, i + chunk).map(edgeParams) });
          }
        }
        // The cleanup runs in the write's transaction (it sees the write), so a crash keeps both or neither.
        const cleanup = run.cleanup ? await cleanupIn(tx, source, runId, run.cleanup.scopes) : null;
        const docs = run.documents ?? [];
        for (let i = 0; i < docs.length; i += 50) await tx.run(Q.PUT_DOCUMENTS, { docs: docs.slice(i, i + 50).map(documentParams) });
        await tx.run(Q.CREATE_RUN, {
          run: {
            ...runProps(run.run), finishedAt: now, nodes: run.nodes.length, edges: run.edges.length,
            ...(cleanup ? { cleanup: JSON.stringify(cleanup) } : {}),
          },
        });
        return cleanup;
      }, this.options.uri));
    } catch (e) {
      throw mapDriverError(e, this.options.uri);
    } finally {
      await session.close();
    }
    return { runId, nodes: run.nodes.length, edges: run.edges.length, cleanup };
  }

  async expire(run: RunInfo, claims: readonly ExpiredClaims[]): Promise<CleanupResult> {
    const params = {
      stamps: claims.map((c) => c.stamp),
      claims: claims.map((c) => ({ stamp: c.stamp, kinds: c.edgeKinds })),
      nodeStamps: claims.filter((c) => c.edgeKinds === null).map((c) => c.stamp),
    };
    const session = this.session();
    try {
      return await session.executeWrite(async (tx) => {
        const edges = (await tx.run(Q.EXPIRE_EDGES, params)).records[0]?.toObject() as { deleted: number; released: number } | undefined;
        const nodes = (await tx.run(Q.EXPIRE_NODES, { stamps: params.nodeStamps })).records[0]?.toObject() as { deleted: number; released: number } | undefined;
        const result: CleanupResult = {
          nodesDeleted: nodes?.deleted ?? 0, nodesReleased: nodes?.released ?? 0,
          edgesDeleted: edges?.deleted ?? 0, edgesReleased: edges?.released ?? 0,
        };
        await tx.run(Q.CREATE_RUN, { run: { ...runProps(run), finishedAt: new Date().toISOString(), nodes: 0, edges: 0, cleanup: JSON.stringify(result) } });
        return result;
      });
    } catch (e) {
      throw mapDriverError(e, this.options.uri);
    } finally {
      await session.close();
    }
  }

  async enrichNodes(run: RunInfo, rows: EnrichRow[]): Promise<ApplyResult> {
    const session = this.session();
    try {
      const found = await session.executeWrite(async (tx) => {
        let total = 0;
        for (let i = 0; i < rows.length; i += 10_000) {
          const result = await tx.run(Q.ENRICH_NODES, { rows: rows.slice(i, i + 10_000).map((r) => [r.id, r.props]) });
          total += (result.records[0]?.get('found') as number) ?? 0;
        }
        await tx.run(Q.CREATE_RUN, { run: { ...runProps(run), finishedAt: new Date().toISOString(), nodes: total, edges: 0 } });
        return total;
      });
      return { runId: run.id, nodes: found, edges: 0, cleanup: null };
    } catch (e) {
      throw mapDriverError(e, this.options.uri);
    } finally {
      await session.close();
    }
  }

  private async *stream<T>(query: string, params: Row, map: (r: Row) => T, batchSize: number): AsyncIterable<T[]> {
    const session = this.session('READ');
    try {
      let batch: T[] = [];
      for await (const record of session.run(query, params)) {
        batch.push(map(record.toObject() as Row));
        if (batch.length >= batchSize) { yield batch; batch = []; }
      }
      if (batch.length > 0) yield batch;
    } finally {
      await session.close();
    }
  }

  streamNodes(batchSize = 10_000): AsyncIterable<StoredNode[]> {
    return this.stream(Q.ALL_NODES, filterParams({}), (r) => toNode(r.n as Row), batchSize);
  }

  streamEdges(batchSize = 10_000): AsyncIterable<StoredEdge[]> {
    return this.stream(Q.ALL_EDGES, filterParams({}), toEdge, batchSize);
  }

  async readSubgraph(filter: SubgraphFilter = {}): Promise<AttackGraph> {
    const params = filterParams(filter);
    const nodes = await this.read(Q.ALL_NODES, params, (r) => toNode(r.n as Row));
    const edges = await this.read(Q.ALL_EDGES, params, toEdge);
    return buildGraph(nodes, edges, filter);
  }

  async getNode(id: string): Promise<StoredNode | null> {
    const rows = await this.read(Q.GET_NODE, { id }, (r) => toNode(r.n as Row));
    return rows[0] ?? null;
  }

  async getEdges(eids: readonly string[]): Promise<StoredEdge[]> {
    // One query per kind (the id's first part), so each uses its kind's eid index; other ids name no edge.
    const byKind = new Map<EdgeKind, string[]>();
    for (const eid of new Set(eids)) {
      const kind = eid.slice(0, eid.indexOf('|'));
      if (isEdgeKind(kind)) (byKind.get(kind) ?? byKind.set(kind, []).get(kind)!).push(eid);
    }
    const out: StoredEdge[] = [];
    for (const [kind, ids] of byKind) out.push(...(await this.read(EDGE_LOOKUPS[kind], { eids: ids }, toEdge)));
    return out;
  }

  async listRuns(): Promise<RunRecord[]> {
    return this.read(Q.LIST_RUNS, {}, (r) => {
      const run = r.run as Row;
      const { coverage, ...rest } = run;
      return {
        ...(rest as unknown as RunRecord), cleanup: typeof run.cleanup === 'string' ? JSON.parse(run.cleanup) as CleanupResult : null,
        ...(typeof coverage === 'string' ? { coverage: JSON.parse(coverage) as RunCoverage } : {}),
      };
    });
  }

  async saveScoreRun(record: ScoreRunRecord): Promise<void> {
    const session = this.session();
    try {
      await session.executeWrite((tx) => tx.run(Q.SAVE_SCORE_RUN, { id: record.id, createdAt: record.createdAt, payload: JSON.stringify(record.payload) }));
    } finally {
      await session.close();
    }
  }

  async listScoreRuns(): Promise<ScoreRunRecord[]> {
    return this.read(Q.LIST_SCORE_RUNS, {}, toScoreRun);
  }

  async getScoreRun(id: string): Promise<ScoreRunRecord | null> {
    return (await this.read(Q.GET_SCORE_RUN, { id }, toScoreRun))[0] ?? null;
  }

  async setMarker(marker: NodeMarker, on: boolean): Promise<void> {
    const session = this.session();
    try {
      const key = `${marker.nodeId}|${marker.marker}`;
      await session.executeWrite((tx) => tx.run(on ? Q.SET_MARKER : Q.CLEAR_MARKER, { key, ...marker }));
    } finally {
      await session.close();
    }
  }

  async listMarkers(): Promise<NodeMarker[]> {
    return this.read(Q.LIST_MARKERS, {}, (r) => ({ nodeId: String(r.nodeId), marker: r.marker as NodeMarker['marker'], by: String(r.by), at: String(r.at) }));
  }

  async writeDocuments(put: readonly StoredDocument[], remove: readonly DocumentKey[] = []): Promise<void> {
    const session = this.session();
    try {
      await session.executeWrite(async (tx) => {
        if (remove.length) await tx.run(Q.REMOVE_DOCUMENTS, { keys: remove.map(documentKey) });
        if (put.length) await tx.run(Q.PUT_DOCUMENTS, { docs: put.map(documentParams) });
      });
    } finally {
      await session.close();
    }
  }

  async listDocuments(collection: DocumentCollection): Promise<StoredDocument[]> {
    return this.read(Q.LIST_DOCUMENTS, { collection }, toDocument);
  }

  async getDocument(collection: DocumentCollection, id: string): Promise<StoredDocument | null> {
    return (await this.read(Q.GET_DOCUMENT, { key: documentKey({ collection, id }) }, toDocument))[0] ?? null;
  }

  async stats(): Promise<StoreStats> {
    const stats: StoreStats = { nodes: {}, edges: {}, domains: {} };
    for (const r of await this.read(Q.NODE_STATS, {}, (r) => r)) {
      const kind = r.kind as NodeKind;
      const domain = r.domain as StoredNode['domain'];
      stats.nodes[kind] = (stats.nodes[kind] ?? 0) + (r.count as number);
      stats.domains[domain] = (stats.domains[domain] ?? 0) + (r.count as number);
    }
    for (const r of await this.read(Q.EDGE_STATS, {}, (r) => r)) stats.edges[r.kind as EdgeKind] = r.count as number;
    return stats;
  }

  /** Deletes everything Chokepoint wrote (tests and the bench use it on their throwaway database). */
  async wipe(): Promise<void> {
    const session = this.session();
    try {
      await session.run('MATCH (n) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS');
    } finally {
      await session.close();
    }
  }

  async close(): Promise<void> {
    await this.driver.close();
  }
}

/**
 * The driver retries every transient error, and Neo4j classes "transaction memory exhausted" as
 * transient — but retrying the same run cannot succeed, so it is surfaced at once instead.
 */
async function nonRetryableOnMemory<T>(work: () => Promise<T>, uri: string): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (((e as { code?: string }).code ?? '').endsWith('MemoryPoolOutOfMemoryError')) throw mapDriverError(e, uri);
    throw e;
  }
}

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item); else out.set(k, [item]);
  }
  return out;
}

const hasKeys = (o: object) => { for (const _ in o) return true; return false; };

/** A node row in the NODE_ROW layout of cypher/build.ts. */
function nodeParams(n: NodeRow): unknown[] {
  return [n.id, n.name, n.domain, n.criticality, n.exposure, n.purdueLevel, n.aliases, n.ref, hasKeys(n.props) ? n.props : null];
}

/** An edge row in the EDGE_ROW layout of cypher/build.ts. */
function edgeParams(e: EdgeRow): unknown[] {
  return [e.eid, e.from, e.to, e.key, e.p, hasKeys(e.props) ? e.props : null, e.evidence];
}

function filterParams(filter: SubgraphFilter): Row {
  return { kinds: filter.nodeKinds ?? null, domains: filter.domains ?? null, ids: filter.ids ?? null, edgeKinds: filter.edgeKinds ?? null };
}

function restProps(all: Row): Props {
  const props: Props = {};
  for (const [k, v] of Object.entries(all)) if (!RESERVED_KEYS.has(k)) props[k] = v as PropValue;
  return props;
}

function toNode(n: Row): StoredNode {
  return {
    id: n.id as string,
    kind: n.kind as NodeKind,
    name: (n.name as string) ?? '',
    domain: n.domain as StoredNode['domain'],
    criticality: (n.criticality as number) ?? null,
    exposure: (n.exposure as StoredNode['exposure']) ?? null,
    purdueLevel: (n.purdueLevel as number) ?? null,
    aliases: (n.aliases as string[]) ?? [],
    ref: Boolean(n.ref),
    props: restProps(n),
    sources: (n.sources as string[]) ?? [],
    sourceRuns: (n.sourceRuns as string[]) ?? [],
    firstSeen: n.firstSeen as string,
    lastSeen: n.lastSeen as string,
    runId: n.runId as string,
  };
}

function toEdge(r: Row): StoredEdge {
  const e = r.e as Row;
  const sourceRuns = (e.sourceRuns as string[]) ?? [];
  return {
    eid: e.eid as string,
    kind: r.kind as EdgeKind,
    from: r.from as string,
    to: r.to as string,
    key: (e.key as string) ?? null,
    p: (e.p as number) ?? null,
    props: restProps(e),
    evidence: (e.evidence as string[]) ?? [],
    sources: sourceRuns.map(sourceOf),
    sourceRuns,
    firstSeen: e.firstSeen as string,
    lastSeen: e.lastSeen as string,
    runId: e.runId as string,
  };
}

/** A run as Neo4j properties: nested values as JSON text (properties hold scalars and lists only). */
function runProps(run: RunInfo): Record<string, unknown> {
  const { coverage, ...rest } = run;
  return coverage ? { ...rest, coverage: JSON.stringify(coverage) } : rest;
}

const documentKey = (d: DocumentKey) => `${d.collection}|${d.id}`;
const documentParams = (d: StoredDocument) => ({ key: documentKey(d), collection: d.collection, id: d.id, updatedAt: d.updatedAt, body: JSON.stringify(d.body) });

function toDocument(r: Row): StoredDocument {
  return { collection: r.collection as DocumentCollection, id: String(r.id), updatedAt: String(r.updatedAt), body: JSON.parse(String(r.body)) as unknown };
}

function toScoreRun(r: Row): ScoreRunRecord {
  return { id: r.id as string, createdAt: r.createdAt as string, payload: JSON.parse(r.payload as string) as unknown };
}

function mapDriverError(e: unknown, uri: string): unknown {
  if (e instanceof ChokepointError) return e;
  const code = (e as { code?: string }).code ?? '';
  if (code.endsWith('MemoryPoolOutOfMemoryError')) {
    return new StoreUnavailableError(
      `Neo4j at ${uri} ran out of transaction memory for this run (a run is one transaction): raise the server's heap and ` +
      `dbms.memory.transaction.total.max, or import the input as several smaller sources (${(e as Error).message})`, { cause: e });
  }
  if (code === 'ServiceUnavailable' || code === 'SessionExpired') {
    return new StoreUnavailableError(`Neo4j at ${uri} became unavailable: ${(e as Error).message}`, { cause: e });
  }
  return e;
}

/** Drops `source`'s claims from runs before `runId` inside `scopes` and deletes orphans, in `tx`. */
async function cleanupIn(tx: ManagedTransaction, source: string, runId: string, scopes: readonly CollectionScope[] | undefined): Promise<CleanupResult> {
  const params = { source, prefix: `${source}@`, stamp: stampOf(source, runId), scopes: scopeParams(scopes) };
  const edges = (await tx.run(Q.CLEANUP_EDGES, params)).records[0]?.toObject() as { deleted: number; released: number } | undefined;
  const nodes = (await tx.run(Q.CLEANUP_NODES, params)).records[0]?.toObject() as { deleted: number; released: number } | undefined;
  return {
    nodesDeleted: nodes?.deleted ?? 0, nodesReleased: nodes?.released ?? 0,
    edgesDeleted: edges?.deleted ?? 0, edgesReleased: edges?.released ?? 0,
  };
}
