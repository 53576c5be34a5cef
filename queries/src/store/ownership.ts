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
export interface PreparedScope { nodeKinds: ReadonlySet<string>; edgeKinds: ReadonlySet<string>; anchors: ReadonlySet<string> | null; end: 'from' | 'to' | 'either' }

export function prepareScopes(scopes: readonly CollectionScope[] | undefined): PreparedScope[] | null {
  return scopes ? scopes.map((s) => ({ nodeKinds: new Set(s.nodeKinds ?? []), edgeKinds: new Set(s.edgeKinds ?? []), anchors: s.anchors ? new Set(s.anchors) : null, end: s.anchorEnd ?? 'either' })) : null;
}

/**
 * Is this node inside one of a run's scopes (null: the whole source)? A reference-only node (a placeholder
 * for something a relationship named) is never in a scope: a run that did not collect that relationship
 * says nothing about it.
 */
export function nodeInScope(node: Pick<StoredNode, 'id' | 'kind' | 'ref'>, scopes: readonly PreparedScope[] | null): boolean {
  return !scopes || (!node.ref && scopes.some((s) => s.nodeKinds.has(node.kind) && (!s.anchors || s.anchors.has(node.id))));
}

/** Is this edge inside one of a run's scopes (null: the whole source)? */
export function edgeInScope(edge: Pick<StoredEdge, 'kind' | 'from' | 'to'>, scopes: readonly PreparedScope[] | null): boolean {
  return !scopes || scopes.some((s) => s.edgeKinds.has(edge.kind) && (!s.anchors
    || ((s.end !== 'to') && s.anchors.has(edge.from)) || ((s.end !== 'from') && s.anchors.has(edge.to))));
}
