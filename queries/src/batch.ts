/**
 * GraphBatch: the only thing an importer may return, and the validator the loader runs on it.
 * Invariants a valid batch holds: every edge endpoint is a node of the same batch (so every owner
 * of an edge also owns its endpoints), kinds and enums come from the schema, property values are
 * Neo4j-storable scalars or homogeneous scalar lists, and no property shadows a reserved key.
 */
import { runCooperatively, runToEnd } from './cooperative.js';
import { InvalidBatchError } from './errors.js';
import {
  DOMAINS, EDGE_KINDS, EXPOSURES, NODE_KINDS, PURDUE_LEVELS, isEdgeKind, isNodeKind, mergedKind, parseAlias,
  type Domain, type EdgeKind, type EdgeKindSpec, type Exposure, type NodeKind,
} from './schema/index.js';
import type { CollectionScope, ObservationPolicy } from './store/port.js';
import { MAX_SIGNAL_TEXT, SIGNAL_SEVERITIES, SUBJECT_ROLES, type SignalRow } from './signals/signal.js';

export type Scalar = string | number | boolean;
/** A storable property value (what Neo4j can hold on a node or relationship). */
export type PropValue = Scalar | null | readonly string[] | readonly number[] | readonly boolean[];
export type Props = Record<string, PropValue>;

/** A node as an importer emits it. */
export interface BatchNode {
  /** Stable, source-qualified id, e.g. `host:10.0.0.5`, `ad:S-1-5-21-…`, `aws:arn:…`. */
  id: string;
  kind: NodeKind;
  name: string;
  /** Defaults to the kind's domain. */
  domain?: Domain;
  /** 0–10; crown jewels are ≥ 8. Absent = the source does not know. */
  criticality?: number;
  exposure?: Exposure;
  purdueLevel?: number;
  /** `<aliasKind>:<value>` strings (see ALIAS_KINDS), used to merge with other sources' nodes. */
  aliases?: string[];
  /**
   * A reference: the source asserts the node exists (e.g. an AD principal it only saw as an ACE
   * holder) but its properties never overwrite what another source set.
   */
  ref?: boolean;
  props?: Props;
}

/** An edge as an importer emits it. */
export interface BatchEdge {
  kind: EdgeKind;
  from: string;
  to: string;
  /** Discriminates parallel edges of one kind between the same nodes (e.g. `tcp/502`). */
  key?: string;
  /** Overrides the kind's default success probability. */
  p?: number;
  props?: Props;
  /** Human-readable facts this edge rests on (file and record it came from, rule that derived it). */
  evidence?: string[];
}

export interface GraphBatch {
  /**
   * The owner name used for run stamps and cleanup, e.g. `nmap` or `nmap/dmz-scan`:
   * a newer complete run of the same source removes what this one asserted and that one does not.
   */
  source: string;
  /** The importer format id that produced it. */
  format: string;
  /** True when the batch is the whole current view of `source` (enables stale cleanup). */
  complete: boolean;
  /**
   * An enrichment (KEV, EPSS, …): its nodes only add properties to nodes that already exist, matched by
   * id or strong alias; it creates nothing, asserts nothing (no ownership claim) and never cleans up.
   * Unmatched records are counted, not errors. An enrichment batch has no edges.
   */
  enrich?: boolean;
  nodes: BatchNode[];
  edges: BatchEdge[];
  /** Non-fatal observations to show the user (skipped records, suspicious data). */
  warnings?: string[];
  /** Records the importer read but did not turn into graph elements, by reason (e.g. `host down: 254`). */
  rejected?: Record<string, number>;
  /** The input files, for the run record. */
  files?: string[];
  /**
   * What a complete run collected (ADR 0011): its cleanup removes only stale facts inside these scopes;
   * facts outside them are kept ("not re-confirmed"). Absent: the whole source (inventories, registers).
   * Anchors are ids of this batch's nodes.
   */
  scopes?: CollectionScope[];
  /** Facts observed at a time (sessions, flows): never removed by later runs; `chokepoint expire` ages them out. */
  observations?: ObservationPolicy;
  /** Detections and logins (signals/signal.ts): stored with the run, attached to nodes when analysed. */
  signals?: SignalRow[];
}

/** Keys the store owns; a prop may not use them. */
export const RESERVED_KEYS: ReadonlySet<string> = new Set([
  'id', 'kind', 'name', 'domain', 'criticality', 'exposure', 'purdueLevel', 'aliases', 'ref',
  'sources', 'sourceRuns', 'firstSeen', 'lastSeen', 'runId', 'eid', 'from', 'to', 'key', 'p', 'evidence',
]);

const SOURCE_PATTERN = /^[a-z0-9][a-z0-9._/-]{0,79}$/;
const PROP_KEY_PATTERN = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const MAX_ID_LENGTH = 1024;

function checkId(value: unknown, where: string, issues: string[]): value is string {
  if (typeof value !== 'string' || value.length === 0) {
    issues.push(`${where}: expected a non-empty string id, got ${describe(value)}`);
    return false;
  }
  if (value.length > MAX_ID_LENGTH) {
    issues.push(`${where}: id longer than ${MAX_ID_LENGTH} characters`);
    return false;
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f]/.test(value)) {
    issues.push(`${where}: id contains control characters`);
    return false;
  }
  return true;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  // JSON reads 1e999 as Infinity, which JSON.stringify would print as null.
  if (typeof value === 'number' && !Number.isFinite(value)) return `${value} (a number out of range)`;
  let text: string;
  try { text = JSON.stringify(value) ?? String(value); } catch { return 'a value nested too deeply to show'; }
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function checkProps(props: unknown, where: string, issues: string[]): void {
  if (props === undefined) return;
  if (props === null || typeof props !== 'object' || Array.isArray(props)) {
    issues.push(`${where}: expected an object of properties, got ${describe(props)}`);
    return;
  }
  for (const [key, value] of Object.entries(props)) {
    if (!PROP_KEY_PATTERN.test(key)) issues.push(`${where}.${key}: property names are identifiers ([A-Za-z_][A-Za-z0-9_]*)`);
    else if (RESERVED_KEYS.has(key)) issues.push(`${where}.${key}: '${key}' is reserved for the store`);
    if (!isPropValue(value)) {
      issues.push(`${where}.${key}: expected a string, finite number, boolean, null or a list of one of those, got ${describe(value)}`);
    }
  }
}

function isPropValue(value: unknown): value is PropValue {
  if (value === null) return true;
  switch (typeof value) {
    case 'string': case 'boolean': return true;
    case 'number': return Number.isFinite(value);
    case 'object': {
      if (!Array.isArray(value)) return false;
      if (value.length === 0) return true;
      const t = typeof value[0];
      if (t !== 'string' && t !== 'number' && t !== 'boolean') return false;
      return value.every((v) => typeof v === t && (t !== 'number' || Number.isFinite(v)));
    }
    default: return false;
  }
}

/** True when `kind` is allowed where the schema lists `allowed` (a refined kind passes where its parent is listed). */
function kindAllowed(kind: NodeKind, allowed: readonly NodeKind[]): boolean {
  if (allowed.includes(kind)) return true;
  const parent = NODE_KINDS[kind].refines as NodeKind | null;
  return parent !== null && allowed.includes(parent);
}

/** True when the schema allows an edge of `kind` from a `from` node to a `to` node (importers filter with it). */
export function edgeAllowed(kind: EdgeKind, from: NodeKind, to: NodeKind): boolean {
  const spec: EdgeKindSpec = EDGE_KINDS[kind];
  return kindAllowed(from, spec.from) && kindAllowed(to, spec.to);
}

/**
 * Validates a batch against the schema. Returns the issues found (empty when valid), each naming the
 * offending element as a path (`nodes[3].kind`) — the loader turns a non-empty list into InvalidBatchError.
 */
export function batchIssues(batch: unknown, options: BatchCheckOptions = {}): string[] {
  return runToEnd(checkBatch(batch, options));
}

export interface BatchCheckOptions { allowDerived?: boolean }

function checkCoverage(scopes: unknown, observations: unknown, issues: string[]): void {
  const kindList = (v: unknown, where: string, ok: (k: unknown) => boolean, what: string) => {
    if (v === undefined) return;
    if (!Array.isArray(v) || !v.every(ok)) issues.push(`${where}: expected a list of ${what}`);
  };
  if (scopes !== undefined) {
    if (!Array.isArray(scopes)) { issues.push('scopes: expected a list of collection scopes'); return; }
    scopes.forEach((raw: unknown, i) => {
      const where = `scopes[${i}]`;
      if (raw === null || typeof raw !== 'object') { issues.push(`${where}: expected an object`); return; }
      const sc = raw as Partial<Record<keyof CollectionScope, unknown>>;
      if (typeof sc.label !== 'string' || !sc.label) issues.push(`${where}.label: expected a description`);
      kindList(sc.nodeKinds, `${where}.nodeKinds`, isNodeKind, 'node kinds');
      kindList(sc.edgeKinds, `${where}.edgeKinds`, isEdgeKind, 'edge kinds');
      for (const key of ['ids', 'idPrefixes', 'aliasPrefixes', 'idTails', 'from', 'fromPrefixes', 'to', 'toPrefixes', 'toTails'] as const) kindList(sc[key], `${where}.${key}`, (a) => typeof a === 'string', 'strings');
    });
  }
  if (observations !== undefined) {
    const o = observations as Partial<Record<keyof ObservationPolicy, unknown>> | null;
    if (o === null || typeof o !== 'object') { issues.push('observations: expected {retentionDays, edgeKinds?}'); return; }
    if (typeof o.retentionDays !== 'number' || !(o.retentionDays > 0 && o.retentionDays <= 3650)) issues.push(`observations.retentionDays: expected days from 1 to 3650, got ${describe(o.retentionDays)}`);
    kindList(o.edgeKinds, 'observations.edgeKinds', isEdgeKind, 'edge kinds');
  }
}

/** The check as a generator that yields every 1,024 rows (a server validates a large upload cooperatively). */
function* checkBatch(batch: unknown, options: BatchCheckOptions): Generator<void, string[]> {
  const issues: string[] = [];
  if (batch === null || typeof batch !== 'object' || Array.isArray(batch)) return ['batch: expected an object'];
  const b = batch as Partial<Record<keyof GraphBatch, unknown>>;
  if (typeof b.source !== 'string' || !SOURCE_PATTERN.test(b.source)) {
    issues.push(`source: expected a lower-case name of letters, digits and . _ / - (≤ 80 chars), got ${describe(b.source)}`);
  }
  if (typeof b.format !== 'string' || b.format.length === 0) issues.push(`format: expected a format id, got ${describe(b.format)}`);
  if (typeof b.complete !== 'boolean') issues.push(`complete: expected true or false, got ${describe(b.complete)}`);
  if (!Array.isArray(b.nodes)) issues.push('nodes: expected an array');
  if (!Array.isArray(b.edges)) issues.push('edges: expected an array');
  if (!Array.isArray(b.nodes) || !Array.isArray(b.edges)) return issues;
  if (b.enrich !== undefined && typeof b.enrich !== 'boolean') issues.push('enrich: expected true or false');
  if (b.enrich === true && b.edges.length > 0) issues.push('edges: an enrichment batch adds properties to existing nodes only; expected no edges');
  checkCoverage(b.scopes, b.observations, issues);

  const kinds = new Map<string, NodeKind>();
  for (let i = 0; i < b.nodes.length; i++) {
    if ((i & 1023) === 1023) yield;
    const raw: unknown = b.nodes[i];
    const where = `nodes[${i}]`;
    if (raw === null || typeof raw !== 'object') { issues.push(`${where}: expected an object`); continue; }
    const n = raw as Partial<Record<keyof BatchNode, unknown>>;
    const idOk = checkId(n.id, `${where}.id`, issues);
    if (!isNodeKind(n.kind)) { issues.push(`${where}.kind: ${describe(n.kind)} is not a node kind (one of ${Object.keys(NODE_KINDS).join(', ')})`); continue; }
    if (typeof n.name !== 'string') issues.push(`${where}.name: expected a string, got ${describe(n.name)}`);
    if (n.domain !== undefined && !(typeof n.domain === 'string' && n.domain in DOMAINS)) {
      issues.push(`${where}.domain: ${describe(n.domain)} is not one of ${Object.keys(DOMAINS).join(', ')}`);
    }
    if (n.exposure !== undefined && !(typeof n.exposure === 'string' && n.exposure in EXPOSURES)) {
      issues.push(`${where}.exposure: ${describe(n.exposure)} is not one of ${Object.keys(EXPOSURES).join(', ')}`);
    }
    if (n.criticality !== undefined && !(typeof n.criticality === 'number' && n.criticality >= 0 && n.criticality <= 10)) {
      issues.push(`${where}.criticality: expected a number from 0 to 10, got ${describe(n.criticality)}`);
    }
    if (n.purdueLevel !== undefined && !(PURDUE_LEVELS as readonly unknown[]).includes(n.purdueLevel)) {
      issues.push(`${where}.purdueLevel: expected one of ${PURDUE_LEVELS.join(', ')}, got ${describe(n.purdueLevel)}`);
    }
    if (n.ref !== undefined && typeof n.ref !== 'boolean') issues.push(`${where}.ref: expected true or false`);
    if (n.aliases !== undefined) {
      if (!Array.isArray(n.aliases)) issues.push(`${where}.aliases: expected an array of strings`);
      else n.aliases.forEach((a: unknown, j: number) => {
        if (typeof a !== 'string' || parseAlias(a) === null || a.length > MAX_ID_LENGTH) {
          issues.push(`${where}.aliases[${j}]: expected '<kind>:<value>' with kind one of ip, mac, fqdn, sid, arn, instance, serial, cve, xid, hostname, name; got ${describe(a)}`);
        }
      });
    }
    checkProps(n.props, `${where}.props`, issues);
    if (idOk) {
      const id = n.id as string;
      const seen = kinds.get(id);
      if (seen === undefined) kinds.set(id, n.kind);
      else {
        const merged = mergedKind(seen, n.kind);
        if (merged === null) issues.push(`${where}: id ${describe(id)} repeats with kind ${n.kind}, earlier ${seen}`);
        else kinds.set(id, merged);
      }
    }
  }

  for (let i = 0; i < b.edges.length; i++) {
    if ((i & 1023) === 1023) yield;
    const raw: unknown = b.edges[i];
    const where = `edges[${i}]`;
    if (raw === null || typeof raw !== 'object') { issues.push(`${where}: expected an object`); continue; }
    const e = raw as Partial<Record<keyof BatchEdge, unknown>>;
    if (!isEdgeKind(e.kind)) { issues.push(`${where}.kind: ${describe(e.kind)} is not an edge kind`); continue; }
    const spec: EdgeKindSpec = EDGE_KINDS[e.kind];
    if (spec.derived && !options.allowDerived) issues.push(`${where}.kind: ${e.kind} is derived by the analysis; importers may not emit it`);
    for (const end of ['from', 'to'] as const) {
      if (!checkId(e[end], `${where}.${end}`, issues)) continue;
      const kind = kinds.get(e[end] as string);
      if (kind === undefined) issues.push(`${where}.${end}: ${describe(e[end])} is not a node of this batch`);
      else if (!kindAllowed(kind, spec[end])) {
        issues.push(`${where}.${end}: a ${e.kind} edge cannot ${end === 'from' ? 'start at' : 'end at'} a ${kind} (allowed: ${spec[end].join(', ')})`);
      }
    }
    if (e.key !== undefined && (typeof e.key !== 'string' || e.key.length > 256)) issues.push(`${where}.key: expected a string of at most 256 characters`);
    if (e.p !== undefined && !(typeof e.p === 'number' && e.p > 0 && e.p <= 1)) issues.push(`${where}.p: expected a probability in (0, 1], got ${describe(e.p)}`);
    if (e.evidence !== undefined && !(Array.isArray(e.evidence) && e.evidence.every((x) => typeof x === 'string'))) {
      issues.push(`${where}.evidence: expected an array of strings`);
    }
    checkProps(e.props, `${where}.props`, issues);
  }
  if (b.signals !== undefined) {
    if (b.complete === true) issues.push('complete: a batch with signals is an observation, never a complete run; expected false');
    if (!Array.isArray(b.signals)) issues.push('signals: expected an array');
    else for (let i = 0; i < b.signals.length; i++) {
      if ((i & 1023) === 1023) yield;
      checkSignal(b.signals[i], `signals[${i}]`, issues);
    }
  }
  return issues;
}

const text = (v: unknown, max = MAX_SIGNAL_TEXT) => typeof v === 'string' && v.length > 0 && v.length <= max;

function checkSignal(raw: unknown, where: string, issues: string[]): void {
  if (raw === null || typeof raw !== 'object') { issues.push(`${where}: expected an object`); return; }
  const s = raw as Partial<Record<keyof SignalRow, unknown>>;
  checkId(s.id, `${where}.id`, issues);
  if (typeof s.time !== 'string' || !Number.isFinite(Date.parse(s.time))) issues.push(`${where}.time: expected an ISO-8601 time, got ${describe(s.time)}`);
  for (const k of ['product', 'rule', 'evidence'] as const) if (!text(s[k])) issues.push(`${where}.${k}: expected a non-empty string of at most ${MAX_SIGNAL_TEXT} characters, got ${describe(s[k])}`);
  if (s.summary !== undefined && typeof s.summary !== 'string') issues.push(`${where}.summary: expected a string`);
  if (!(SIGNAL_SEVERITIES as readonly unknown[]).includes(s.severity)) issues.push(`${where}.severity: expected one of ${SIGNAL_SEVERITIES.join(', ')}, got ${describe(s.severity)}`);
  if (typeof s.confidence !== 'number' || !(s.confidence >= 0 && s.confidence <= 1)) issues.push(`${where}.confidence: expected a number from 0 to 1, got ${describe(s.confidence)}`);
  if (!Array.isArray(s.techniques) || !s.techniques.every((t) => typeof t === 'string' && /^(AML\.)?T\d{4}(\.\d{3})?$/.test(t))) issues.push(`${where}.techniques: expected ATT&CK technique ids (T1133, T0836, T1021.001), got ${describe(s.techniques)}`);
  if (!Array.isArray(s.subjects) || s.subjects.length === 0) { issues.push(`${where}.subjects: expected at least one subject`); return; }
  s.subjects.forEach((x: unknown, j: number) => {
    const sub = x as { key?: unknown; role?: unknown } | null;
    if (!sub || !text(sub.key, MAX_ID_LENGTH)) issues.push(`${where}.subjects[${j}].key: expected an alias or node id, got ${describe(sub?.key)}`);
    if (!sub || !(SUBJECT_ROLES as readonly unknown[]).includes(sub.role)) issues.push(`${where}.subjects[${j}].role: expected one of ${SUBJECT_ROLES.join(', ')}, got ${describe(sub?.role)}`);
  });
}

/** Throws InvalidBatchError naming every offending element; narrows the type on success. */
export function assertValidBatch(batch: unknown, options: BatchCheckOptions = {}): asserts batch is GraphBatch {
  throwIfIssues(batch, batchIssues(batch, options));
}

/** assertValidBatch, handing the event loop a turn every few milliseconds (the server's imports). */
export async function assertValidBatchCooperatively(batch: unknown, signal?: AbortSignal, options: BatchCheckOptions = {}): Promise<GraphBatch> {
  throwIfIssues(batch, await runCooperatively(checkBatch(batch, options), signal));
  return batch as GraphBatch;
}

function throwIfIssues(batch: unknown, issues: string[]): void {
  if (issues.length > 0) {
    const source = typeof (batch as { source?: unknown })?.source === 'string' ? (batch as { source: string }).source : 'unknown source';
    throw new InvalidBatchError(issues, source);
  }
}
