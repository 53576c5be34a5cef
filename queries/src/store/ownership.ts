/**
 * Ownership stamps and the merge rules for an incoming row onto a stored element — the semantics
 * both stores implement (the embedded store with these functions, Neo4j with the same rules in
 * Cypher under queries/src/cypher). The contract suite checks they agree.
 */
import type { CollectionScope, EdgeRow, NodeRow, Stamps, StoredEdge, StoredNode } from './port.js';

/** Evidence strings kept per edge (oldest first); more would make a popular edge unbounded. */
export const MAX_EVIDENCE = 32;

export function stampOf(source: string, runId: string): string {
  return `${source}@${runId}`;
}

/** The source part of a `<source>@<runId>` stamp (source names cannot contain `@`). */
export function sourceOf(stamp: string): string {
  return stamp.slice(0, stamp.indexOf('@'));
}

/**
 * Stamps after `source`'s run `runId` asserts an element at time `now`. `sourceRuns` lists each
 * asserting source's latest stamp in the order of those claims; `sources` is derived from it (same order).
 */
export function claim(existing: Stamps | undefined, source: string, runId: string, now: string): Stamps {
  const prefix = `${source}@`;
  const sourceRuns = [...(existing?.sourceRuns ?? []).filter((s) => !s.startsWith(prefix)), stampOf(source, runId)];
  return { sources: sourceRuns.map(sourceOf), sourceRuns, firstSeen: existing?.firstSeen ?? now, lastSeen: now, runId };
}

/**
 * What cleanup of (`source`, `runId`) does to an element: nothing when the source does not assert it
 * or asserted it in that run; otherwise it drops the source's claim and reports whether anyone is left.
 */
export function release(stamps: Stamps, source: string, runId: string): 'keep' | 'released' | 'orphaned' {
  if (!stamps.sources.includes(source) || stamps.sourceRuns.includes(stampOf(source, runId))) return 'keep';
  const prefix = `${source}@`;
  stamps.sourceRuns = stamps.sourceRuns.filter((s) => !s.startsWith(prefix));
  stamps.sources = stamps.sourceRuns.map(sourceOf);
  return stamps.sources.length === 0 ? 'orphaned' : 'released';
}

function union(a: readonly string[], b: readonly string[]): string[] {
  const seen = new Set(a);
  const out = [...a];
  for (const x of b) if (!seen.has(x)) { seen.add(x); out.push(x); }
  return out;
}

/**
 * Merges an incoming node row into the stored node, in place. A full row's facts win over stored ones
 * (last write wins, but a missing fact never erases a known one); a `ref` row only fills gaps.
 */
export function mergeNode(existing: StoredNode, row: NodeRow, stamps: Stamps): StoredNode {
  const pick = <T>(incoming: T | null, stored: T | null): T | null => (row.ref ? (stored ?? incoming) : (incoming ?? stored));
  existing.props = row.ref ? { ...row.props, ...existing.props } : { ...existing.props, ...row.props };
  existing.kind = row.kind;
  if (!row.ref) { existing.name = row.name; existing.domain = row.domain; }
  existing.criticality = pick(row.criticality, existing.criticality);
  existing.exposure = pick(row.exposure, existing.exposure);
  existing.purdueLevel = pick(row.purdueLevel, existing.purdueLevel);
  existing.aliases = union(existing.aliases, row.aliases);
  // A node stays a reference only while every source that asserts it only references it.
  existing.ref = existing.ref && row.ref;
  return Object.assign(existing, stamps);
}

/** Merges an incoming edge row into the stored edge, in place (this runs per edge on every re-import). */
export function mergeEdge(existing: StoredEdge, row: EdgeRow, stamps: Stamps): StoredEdge {
  existing.key = row.key;
  if (row.p !== null) existing.p = row.p;
  for (const _ in row.props) { existing.props = { ...existing.props, ...row.props }; break; }
  if (row.evidence.length > 0 && !row.evidence.every((x) => existing.evidence.includes(x))) {
    existing.evidence = union(existing.evidence, row.evidence).slice(0, MAX_EVIDENCE);
  }
  existing.sources = stamps.sources;
  existing.sourceRuns = stamps.sourceRuns;
  existing.lastSeen = stamps.lastSeen;
  existing.runId = stamps.runId;
  return existing;
}

/** Scopes with sets for membership tests (cleanup asks per element). */
export interface PreparedScope {
  nodeKinds: ReadonlySet<string>; edgeKinds: ReadonlySet<string>;
  ids: ReadonlySet<string> | null; idPrefixes: readonly string[] | null; aliasPrefixes: readonly string[] | null; idTails: ReadonlySet<string> | null;
  from: ReadonlySet<string> | null; fromPrefixes: readonly string[] | null; to: ReadonlySet<string> | null; toPrefixes: readonly string[] | null; toTails: ReadonlySet<string> | null;
}

export function prepareScopes(scopes: readonly CollectionScope[] | undefined): PreparedScope[] | null {
  const set = (xs: string[] | undefined) => (xs ? new Set(xs) : null);
  return scopes ? scopes.map((s) => ({
    nodeKinds: new Set(s.nodeKinds ?? []), edgeKinds: new Set(s.edgeKinds ?? []),
    ids: set(s.ids), idPrefixes: s.idPrefixes ?? null, aliasPrefixes: s.aliasPrefixes ?? null, idTails: set(s.idTails),
    from: set(s.from), fromPrefixes: s.fromPrefixes ?? null, to: set(s.to), toPrefixes: s.toPrefixes ?? null, toTails: set(s.toTails),
  })) : null;
}

const tail = (id: string) => id.slice(id.lastIndexOf(':') + 1);
const startsWithAny = (text: string, prefixes: readonly string[]) => prefixes.some((p) => text.startsWith(p));

/**
 * Is this node inside one of a run's scopes (null: the whole source)? A reference-only node (a placeholder
 * for something a relationship named) is never in a scope: a run that did not collect that relationship
 * says nothing about it.
 */
export function nodeInScope(node: Pick<StoredNode, 'id' | 'kind' | 'ref' | 'aliases'>, scopes: readonly PreparedScope[] | null): boolean {
  if (!scopes) return true;
  if (node.ref) return false;
  return scopes.some((s) => {
    if (!s.nodeKinds.has(node.kind)) return false;
    if (s.idTails && !s.idTails.has(tail(node.id))) return false;
    if (!s.ids && !s.idPrefixes && !s.aliasPrefixes) return true;
    return (s.ids?.has(node.id) ?? false) || (s.idPrefixes ? startsWithAny(node.id, s.idPrefixes) : false)
      || (s.aliasPrefixes ? node.aliases.some((a) => startsWithAny(a, s.aliasPrefixes!)) : false);
  });
}

/** Is this edge inside one of a run's scopes (null: the whole source)? */
export function edgeInScope(edge: Pick<StoredEdge, 'kind' | 'from' | 'to'>, scopes: readonly PreparedScope[] | null): boolean {
  if (!scopes) return true;
  return scopes.some((s) => {
    if (!s.edgeKinds.has(edge.kind) || (s.toTails && !s.toTails.has(tail(edge.to)))) return false;
    if ((s.from || s.fromPrefixes) && !((s.from?.has(edge.from) ?? false) || (s.fromPrefixes ? startsWithAny(edge.from, s.fromPrefixes) : false))) return false;
    if (!s.to && !s.toPrefixes) return true;
    return (s.to?.has(edge.to) ?? false) || (s.toPrefixes ? startsWithAny(edge.to, s.toPrefixes) : false);
  });
}

/** Scopes as Cypher parameters (lists for the `IN` tests; null where a scope does not limit). */
export function scopeParams(scopes: readonly CollectionScope[] | undefined): Array<Record<string, unknown>> | null {
  return scopes ? scopes.map((x) => ({
    nodeKinds: x.nodeKinds ?? [], edgeKinds: x.edgeKinds ?? [], ids: x.ids ?? null, idPrefixes: x.idPrefixes ?? null, aliasPrefixes: x.aliasPrefixes ?? null,
    idTails: x.idTails ?? null, from: x.from ?? null, fromPrefixes: x.fromPrefixes ?? null, to: x.to ?? null, toPrefixes: x.toPrefixes ?? null, toTails: x.toTails ?? null,
  })) : null;
}
