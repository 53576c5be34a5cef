/**
 * The one loader: validate a GraphBatch, resolve identities within it and against the store (strong
 * aliases, compatible kinds), write it as one run, then — only after that committed, and only for a
 * complete batch — clean up what this source asserted before and no longer does.
 */
import { randomBytes } from 'node:crypto';
import {
  ALIAS_KINDS, EDGE_KIND_IDS, NODE_KINDS, NODE_KIND_IDS, EventLoopTurns, alias, assertValidBatchCooperatively, edgeId, isStrongAlias, mergedKind, parseAlias,
  type BatchEdge, type BatchNode, type CleanupResult, type CollectionScope, type EdgeRow, type GraphBatch, type GraphStore, type ResolvedRun,
  type NodeKind, type NodeRef, type NodeRow, type Props, type RunInfo, SIGNALS_PER_DOCUMENT, type SignalChunk, type StoredDocument,
} from '@chokepoint/queries';

/** One node that was folded into another, and why. */
export interface Merge {
  id: string;
  into: string;
  /** The alias that matched, or `id` for a repeated id. */
  via: string;
  /** `batch`: two records of this batch; `store`: a node already stored. */
  scope: 'batch' | 'store';
}

export interface LoadReport {
  runId: string;
  source: string;
  format: string;
  nodes: { read: number; written: number };
  edges: { read: number; written: number };
  /** Elements written by kind (after merges and de-duplication). */
  writtenByKind: { nodes: Record<string, number>; edges: Record<string, number> };
  /** Records read but not written, by reason (the importer's and the loader's). */
  rejected: Record<string, number>;
  merges: Merge[];
  cleanup: CleanupResult | null;
  warnings: string[];
  /** Signals stored with the run (attached to nodes when analysed; `chokepoint signals`). */
  signals: number;
}

export interface LoadOptions {
  /** Overrides the batch's source name (e.g. `nmap/dmz`), scoping its cleanup. */
  source?: string;
  /** Clock for the run id and stamps (tests pin it). */
  now?: () => Date;
  /**
   * Aborts the load before it writes (a server shutting down): checked between phases and at every
   * event-loop turn of validation and resolution. Once the store is writing, the run completes.
   */
  signal?: AbortSignal;
}

/** Alias kinds in the order they are trusted to identify a node when several match. */
const ALIAS_PRIORITY = ['xid', ...Object.keys(ALIAS_KINDS).filter((k) => k !== 'xid')];
function aliasRank(alias: string): number {
  const kind = parseAlias(alias)?.kind ?? '';
  const i = ALIAS_PRIORITY.indexOf(kind);
  return i < 0 ? ALIAS_PRIORITY.length : i;
}

export function newRunId(now: Date): string {
  return `${now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}-${randomBytes(3).toString('hex')}`;
}

/** Shared by every edge without properties; never mutated (merges build new objects). */
const NO_PROPS: Props = Object.freeze({}) as Props;

function countKinds(rows: Array<{ kind: string }>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of rows) out[r.kind] = (out[r.kind] ?? 0) + 1;
  return out;
}

function normaliseAlias(text: string): string {
  const parsed = parseAlias(text)!; // the validator accepted only parseable aliases
  return alias(parsed.kind, parsed.value);
}

function withoutNulls(props: Props | undefined): Props {
  const out: Props = {};
  if (props) for (const [k, v] of Object.entries(props)) if (v !== null) out[k] = v;
  return out;
}

/** Union-find over batch indexes. */
class Groups {
  private readonly parent: number[];
  constructor(n: number) { this.parent = Array.from({ length: n }, (_, i) => i); }
  find(i: number): number {
    while (this.parent[i] !== i) { this.parent[i] = this.parent[this.parent[i]!]!; i = this.parent[i]!; }
    return i;
  }
  union(a: number, b: number): void { this.parent[this.find(b)] = this.find(a); }
}

interface Group {
  members: BatchNode[];
  kind: NodeKind;
}

/** Resolves a valid batch against the store; pure apart from the store lookups. */
export async function resolveBatch(store: GraphStore, batch: GraphBatch, signal?: AbortSignal): Promise<{ nodes: NodeRow[]; edges: EdgeRow[]; merges: Merge[]; warnings: string[]; canonical: ReadonlyMap<string, string> }> {
  const merges: Merge[] = [];
  const warnings: string[] = [];
  // Aliases are compared normalised (`fqdn:WS1.Corp.` = `fqdn:ws1.corp`), whatever the importer sent.
  const turns = new EventLoopTurns(signal); // a server keeps answering while a large upload resolves
  const nodes: BatchNode[] = [];
  for (const n of batch.nodes) {
    if (turns.due()) await turns.give();
    nodes.push(n.aliases ? { ...n, aliases: n.aliases.map(normaliseAlias) } : n);
  }

  // 1. Group batch records: same id, or a shared strong alias with compatible kinds.
  const groups = new Groups(nodes.length);
  const kindOf: NodeKind[] = nodes.map((n) => n.kind);
  const byKey = new Map<string, number>();
  for (let i = 0; i < nodes.length; i++) {
    if (turns.due()) await turns.give();
    const node = nodes[i]!;
    for (const key of [`\u0000${node.id}`, ...(node.aliases ?? []).filter(isStrongAlias)]) {
      const j = byKey.get(key);
      if (j === undefined) { byKey.set(key, i); continue; }
      const a = groups.find(j), b = groups.find(i);
      if (a === b) continue;
      const kind = mergedKind(kindOf[a]!, kindOf[b]!);
      if (kind === null) {
        if (key.startsWith('\u0000')) throw new Error(`unreachable: validator accepted id ${node.id} with incompatible kinds`);
        warnings.push(`${node.id} shares ${key} with ${nodes[j]!.id} but a ${node.kind} cannot be a ${nodes[j]!.kind}; kept apart`);
        continue;
      }
      groups.union(a, b);
      kindOf[groups.find(a)] = kind;
      if (nodes[j]!.id !== node.id) merges.push({ id: node.id, into: nodes[j]!.id, via: key, scope: 'batch' });
    }
  }
  const grouped = new Map<number, Group>();
  for (const [i, node] of nodes.entries()) {
    if (turns.due()) await turns.give();
    const root = groups.find(i);
    const g = grouped.get(root);
    if (g) g.members.push(node); else grouped.set(root, { members: [node], kind: kindOf[root]! });
  }

  const mergedInBatch = new Set(merges.map((m) => m.id));

  // 2. Look up every id (directly and as a former id) and strong alias in the store.
  const keys = new Set<string>();
  for (const node of nodes) {
    if (turns.due()) await turns.give();
    keys.add(node.id);
    keys.add(`xid:${node.id}`);
    for (const a of node.aliases ?? []) if (isStrongAlias(a)) keys.add(a);
  }
  // In slices: the embedded store answers a lookup synchronously, and a large upload has many keys.
  const found = new Map<string, NodeRef>();
  const all = [...keys];
  for (let i = 0; i < all.length; i += 20_000) {
    for (const [k, v] of await store.lookup(all.slice(i, i + 20_000))) found.set(k, v);
    await turns.give();
  }

  // 3. Pick each group's canonical id and kind; map every member id to it.
  const canonical = new Map<string, string>();
  const rows: NodeRow[] = [];
  for (const group of grouped.values()) {
    if (turns.due()) await turns.give();
    const first = group.members[0]!;
    let target: { id: string; kind: NodeKind; via: string } | null = null;
    const direct = group.members.map((m) => found.get(m.id) ?? found.get(`xid:${m.id}`)).find((r) => r !== undefined);
    // A stored node with the same id is this node even if the kind changed (the newer kind replaces it).
    if (direct) target = { ...direct, via: 'id' };
    if (!target) {
      const hits = [...new Set(group.members.flatMap((m) => m.aliases ?? []))]
        .filter((a) => isStrongAlias(a) && found.has(a))
        .sort((a, b) => aliasRank(a) - aliasRank(b));
      for (const a of hits) {
        const ref = found.get(a)!;
        if (mergedKind(ref.kind, group.kind) === null) {
          warnings.push(`${first.id} shares ${a} with stored ${ref.id} but a ${group.kind} cannot be a ${ref.kind}; kept apart`);
          continue;
        }
        if (target && target.id !== ref.id) warnings.push(`${first.id} also matches stored ${ref.id} by ${a}; merged into ${target.id} only`);
        else target = { ...ref, via: a };
      }
    }
    const id = target?.id ?? first.id;
    const kind = target ? (mergedKind(target.kind, group.kind) ?? group.kind) : group.kind;
    const aliases = new Set<string>();
    for (const m of group.members) {
      canonical.set(m.id, id);
      for (const a of m.aliases ?? []) aliases.add(a);
      if (m.id !== id) {
        aliases.add(`xid:${m.id}`);
        if (target && !mergedInBatch.has(m.id)) merges.push({ id: m.id, into: id, via: target.via, scope: 'store' });
      }
    }
    // Facts: later full records win over earlier ones; refs only fill gaps.
    const full = group.members.filter((m) => !m.ref);
    const ordered = [...group.members.filter((m) => m.ref).reverse(), ...full];
    const props: Props = {};
    const fact = <K extends 'criticality' | 'exposure' | 'purdueLevel' | 'domain'>(k: K): BatchNode[K] | undefined => {
      for (let i = ordered.length - 1; i >= 0; i--) if (ordered[i]![k] !== undefined) return ordered[i]![k];
      return undefined;
    };
    for (const m of ordered) Object.assign(props, withoutNulls(m.props));
    const named = full.at(-1) ?? first;
    rows.push({
      id, kind,
      name: named.name,
      domain: fact('domain') ?? NODE_KINDS[kind].domain,
      criticality: fact('criticality') ?? null,
      exposure: fact('exposure') ?? null,
      purdueLevel: fact('purdueLevel') ?? null,
      aliases: [...aliases].sort(),
      ref: full.length === 0,
      props,
    });
  }

  // 4. Edges onto canonical ids, de-duplicated by their stable id (allocation-light: this loop runs per edge).
  const edges = new Map<string, EdgeRow>();
  const edgeRows: EdgeRow[] = [];
  for (const e of batch.edges as BatchEdge[]) {
    if (turns.due()) await turns.give();
    const from = canonical.get(e.from)!, to = canonical.get(e.to)!;
    const eid = edgeId(e.kind, from, to, e.key);
    const prior = edges.get(eid);
    const props = e.props ? withoutNulls(e.props) : NO_PROPS;
    const evidence = e.evidence && e.evidence.length > 1 ? [...new Set(e.evidence)] : (e.evidence ?? []);
    if (!prior) {
      const row: EdgeRow = { eid, kind: e.kind, from, to, key: e.key ?? null, p: e.p ?? null, props, evidence };
      edges.set(eid, row);
      edgeRows.push(row);
    } else {
      prior.p = e.p ?? prior.p;
      prior.props = { ...prior.props, ...props };
      prior.evidence = [...new Set([...prior.evidence, ...evidence])];
    }
  }
  return { nodes: rows, edges: edgeRows, merges, warnings, canonical };
}

/**
 * An enrichment batch: each record adds its properties to the stored node its id or a strong alias names
 * (same-kind or refining kinds only); records that match nothing are counted, not errors.
 */
async function enrichBatch(store: GraphStore, batch: GraphBatch, run: RunInfo): Promise<LoadReport> {
  const nodes = batch.nodes.map((n) => (n.aliases ? { ...n, aliases: n.aliases.map(normaliseAlias) } : n));
  const found = await store.lookup([...new Set(nodes.flatMap((n) => [n.id, `xid:${n.id}`, ...(n.aliases ?? []).filter(isStrongAlias)]))]);
  const rows = new Map<string, Props>();
  let unmatched = 0;
  for (const n of nodes) {
    const hit = [n.id, `xid:${n.id}`, ...(n.aliases ?? [])].map((k) => found.get(k)).find((r) => r && mergedKind(r.kind, n.kind) !== null);
    if (!hit) { unmatched++; continue; }
    rows.set(hit.id, { ...(rows.get(hit.id) ?? {}), ...withoutNulls(n.props) });
  }
  const applied = await store.enrichNodes(run, [...rows].map(([id, props]) => ({ id, props })));
  return {
    runId: run.id, source: batch.source, format: batch.format,
    nodes: { read: batch.nodes.length, written: applied.nodes }, edges: { read: 0, written: 0 },
    writtenByKind: { nodes: applied.nodes ? { Vulnerability: applied.nodes } : {}, edges: {} },
    rejected: { ...(batch.rejected ?? {}), ...(unmatched ? { 'matched no stored node': unmatched } : {}) },
    merges: [], cleanup: null, signals: 0,
    warnings: [...(batch.warnings ?? []), ...(unmatched ? [`${unmatched} of ${batch.nodes.length} records matched no stored node (nothing to enrich)`] : [])],
  };
}

/** The load running (or last run) on each store object: loads through one store run one at a time. */
const queues = new WeakMap<GraphStore, Promise<unknown>>();

/**
 * Validates, resolves and writes one batch as one run; cleans up stale data for a complete batch. Loads
 * through one store object are serialised: resolution reads the store, so two loads at once could each
 * miss the identity the other is writing (eight uploads sharing one IP made eight nodes).
 */
export function loadBatch(store: GraphStore, input: GraphBatch, options: LoadOptions = {}): Promise<LoadReport> {
  const run = (queues.get(store) ?? Promise.resolve()).catch(() => undefined).then(() => loadOne(store, input, options));
  queues.set(store, run.catch(() => undefined));
  return run;
}

async function loadOne(store: GraphStore, input: GraphBatch, options: LoadOptions): Promise<LoadReport> {
  const batch: GraphBatch = options.source ? { ...input, source: options.source } : input;
  options.signal?.throwIfAborted();
  await assertValidBatchCooperatively(batch, options.signal);
  const now = (options.now ?? (() => new Date()))();
  const run: RunInfo = {
    id: newRunId(now), source: batch.source, format: batch.format, startedAt: now.toISOString(),
    files: batch.files ?? [], complete: batch.complete,
  };
  if (batch.enrich) return enrichBatch(store, batch, run);
  const resolved = await resolveBatch(store, batch, options.signal);
  // Scopes name this batch's nodes; the store knows them by their canonical ids.
  const turns = new EventLoopTurns(options.signal);
  const mapIds = async (ids: string[]) => {
    const out = new Set<string>();
    for (const a of ids) { if (turns.due()) await turns.give(); out.add(resolved.canonical.get(a) ?? a); }
    return [...out];
  };
  let scopes: CollectionScope[] | undefined;
  for (const sc of batch.scopes ?? []) {
    const out: CollectionScope = { ...sc };
    for (const key of ['ids', 'from', 'to'] as const) { const ids = sc[key]; if (ids) out[key] = await mapIds(ids); }
    (scopes ??= []).push(out);
  }
  if (scopes || batch.observations) {
    run.coverage = {
      scopes: scopes?.map((sc) => ({ label: sc.label, nodeKinds: sc.nodeKinds ?? [], edgeKinds: sc.edgeKinds ?? [], anchored: sc.ids?.length ?? sc.to?.length ?? sc.from?.length ?? null })) ?? null,
      observations: batch.observations ?? null,
    };
  }
  // Observations of every kind are never cleaned up by a later run (they expire); otherwise a complete run
  // cleans up inside its scopes — observed edge kinds are left out of every scope. The store writes the
  // run and its cleanup as one atomic step (ADR 0012).
  const observesAll = batch.observations !== undefined && batch.observations.edgeKinds === undefined;
  let stale: ResolvedRun['cleanup'];
  if (batch.complete && !observesAll) {
    const observed = new Set<string>(batch.observations?.edgeKinds ?? []);
    const cleanupScopes = observed.size === 0 ? scopes
      : (scopes ?? [{ label: 'everything but observations', nodeKinds: [...NODE_KIND_IDS], edgeKinds: EDGE_KIND_IDS.filter((k) => !observed.has(k)) }])
        .map((sc) => ({ ...sc, edgeKinds: (sc.edgeKinds ?? []).filter((k) => !observed.has(k)) }));
    stale = cleanupScopes ? { scopes: cleanupScopes } : {};
  }
  options.signal?.throwIfAborted();
  const documents = signalDocuments(batch, run);
  const { cleanup } = await store.applyRun({ run, nodes: resolved.nodes, edges: resolved.edges, ...(stale ? { cleanup: stale } : {}), ...(documents.length ? { documents } : {}) });
  return {
    runId: run.id, source: batch.source, format: batch.format,
    nodes: { read: batch.nodes.length, written: resolved.nodes.length },
    edges: { read: batch.edges.length, written: resolved.edges.length },
    writtenByKind: { nodes: countKinds(resolved.nodes), edges: countKinds(resolved.edges) },
    rejected: { ...(batch.rejected ?? {}) },
    merges: resolved.merges, cleanup, warnings: [...(batch.warnings ?? []), ...resolved.warnings], signals: batch.signals?.length ?? 0,
  };
}

/** A batch's signals as `signals` documents of SIGNALS_PER_DOCUMENT each, stored with its run. */
function signalDocuments(batch: GraphBatch, run: RunInfo): StoredDocument[] {
  const signals = batch.signals ?? [];
  const out: StoredDocument[] = [];
  for (let i = 0; i < signals.length; i += SIGNALS_PER_DOCUMENT) {
    const body: SignalChunk = { runId: run.id, source: run.source, format: run.format, signals: signals.slice(i, i + SIGNALS_PER_DOCUMENT) };
    out.push({ collection: 'signals', id: `${run.id}:${String(i / SIGNALS_PER_DOCUMENT).padStart(5, '0')}`, updatedAt: run.startedAt, body });
  }
  return out;
}
