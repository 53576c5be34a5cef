/**
 * Ownership stamps and the merge rules for an incoming row onto a stored element — the semantics
 * both stores implement (the embedded store with these functions, Neo4j with the same rules in
 * Cypher under queries/src/cypher). The contract suite checks they agree.
 */
import type { Props } from '../batch.js';
import type { EdgeRow, NodeRow, Stamps, StoredEdge, StoredNode } from './port.js';

/** Evidence strings kept per edge (oldest first); more would make a popular edge unbounded. */
export const MAX_EVIDENCE = 32;

export function stampOf(source: string, runId: string): string {
  return `${source}@${runId}`;
}

/** Stamps after `source`'s run `runId` asserts an element at time `now`. */
export function claim(existing: Stamps | undefined, source: string, runId: string, now: string): Stamps {
  const prefix = `${source}@`;
  const sources = existing?.sources ?? [];
  return {
    sources: sources.includes(source) ? sources : [...sources, source],
    sourceRuns: [...(existing?.sourceRuns ?? []).filter((s) => !s.startsWith(prefix)), stampOf(source, runId)],
    firstSeen: existing?.firstSeen ?? now,
    lastSeen: now,
    runId,
  };
}

/**
 * What cleanup of (`source`, `runId`) does to an element: nothing when the source does not assert it
 * or asserted it in that run; otherwise it drops the source's claim and reports whether anyone is left.
 */
export function release(stamps: Stamps, source: string, runId: string): 'keep' | 'released' | 'orphaned' {
  if (!stamps.sources.includes(source) || stamps.sourceRuns.includes(stampOf(source, runId))) return 'keep';
  stamps.sources = stamps.sources.filter((s) => s !== source);
  const prefix = `${source}@`;
  stamps.sourceRuns = stamps.sourceRuns.filter((s) => !s.startsWith(prefix));
  return stamps.sources.length === 0 ? 'orphaned' : 'released';
}

function union(a: readonly string[], b: readonly string[]): string[] {
  const seen = new Set(a);
  const out = [...a];
  for (const x of b) if (!seen.has(x)) { seen.add(x); out.push(x); }
  return out;
}

/**
 * An incoming node row merged onto what is stored. A full row's facts win over stored ones
 * (last write wins, but a missing fact never erases a known one); a `ref` row only fills gaps.
 */
export function mergeNode(existing: StoredNode | undefined, row: NodeRow, stamps: Stamps): StoredNode {
  if (!existing) return { ...row, aliases: union([], row.aliases), ref: row.ref, ...stamps };
  const props: Props = row.ref ? { ...row.props, ...existing.props } : { ...existing.props, ...row.props };
  const pick = <T>(incoming: T | null, stored: T | null): T | null =>
    row.ref ? (stored ?? incoming) : (incoming ?? stored);
  return {
    id: existing.id,
    kind: row.kind,
    name: row.ref ? existing.name : row.name,
    domain: row.ref ? existing.domain : row.domain,
    criticality: pick(row.criticality, existing.criticality),
    exposure: pick(row.exposure, existing.exposure),
    purdueLevel: pick(row.purdueLevel, existing.purdueLevel),
    aliases: union(existing.aliases, row.aliases),
    // A node stays a reference only while every source that asserts it only references it.
    ref: existing.ref && row.ref,
    props,
    ...stamps,
  };
}

export function mergeEdge(existing: StoredEdge | undefined, row: EdgeRow, stamps: Stamps): StoredEdge {
  if (!existing) return { ...row, evidence: union([], row.evidence).slice(0, MAX_EVIDENCE), ...stamps };
  return {
    ...row,
    p: row.p ?? existing.p,
    props: { ...existing.props, ...row.props },
    evidence: union(existing.evidence, row.evidence).slice(0, MAX_EVIDENCE),
    ...stamps,
  };
}
