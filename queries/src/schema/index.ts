/**
 * The one schema of Chokepoint. Every list elsewhere (traversable kinds, OT kinds, default costs,
 * Cypher labels, the UI legend) is a filter or map over these records — never retyped.
 */
import { EDGE_KINDS } from './edge-kinds/index.js';
import { FIX_FAMILIES } from './fix-families.js';
import { NODE_KINDS, NODE_KIND_IDS, type NodeKind } from './node-kinds.js';
import type { EdgeKindSpec } from './edge-kind.js';

export { EDGE_KINDS } from './edge-kinds/index.js';
export * from './node-kinds.js';
export * from './domains.js';
export * from './fix-families.js';
export * from './aliases.js';
export type { EdgeKindSpec, Remediation } from './edge-kind.js';

export type EdgeKind = keyof typeof EDGE_KINDS;
export const EDGE_KIND_IDS = Object.keys(EDGE_KINDS) as EdgeKind[];

/** Bumped when the stored shape changes incompatibly (the embedded store refuses other versions). */
export const SCHEMA_VERSION = 1;

export function edgeSpec(kind: EdgeKind): EdgeKindSpec {
  return EDGE_KINDS[kind];
}

/** Attack-step kinds: the only ones path search traverses. */
export const ATTACK_EDGE_KINDS = EDGE_KIND_IDS.filter((k) => EDGE_KINDS[k].role === 'attack');
/** Context kinds: facts that derivation rules read. */
export const CONTEXT_EDGE_KINDS = EDGE_KIND_IDS.filter((k) => EDGE_KINDS[k].role === 'context');
/** Kinds only the analysis may create. */
export const DERIVED_EDGE_KINDS = EDGE_KIND_IDS.filter((k) => 'derived' in EDGE_KINDS[k]);

/** Default fix cost of an edge kind: its own, else its family's. */
export function fixCost(kind: EdgeKind): number {
  const spec: EdgeKindSpec = EDGE_KINDS[kind];
  return spec.fixCost ?? FIX_FAMILIES[spec.fixFamily].cost;
}

export function isNodeKind(value: unknown): value is NodeKind {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(NODE_KINDS, value);
}
export function isEdgeKind(value: unknown): value is EdgeKind {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(EDGE_KINDS, value);
}

/**
 * The kind a merged node takes when sources disagree: the more specific machine kind wins
 * (Host + Controller → Controller). Returns null when the kinds cannot be the same thing.
 */
export function mergedKind(a: NodeKind, b: NodeKind): NodeKind | null {
  if (a === b) return a;
  if (NODE_KINDS[a].refines === b) return a;
  if (NODE_KINDS[b].refines === a) return b;
  return null;
}

/** Kinds that a given kind's label must be removed from when it is refined (e.g. Controller drops :Host). */
export function refinedFrom(kind: NodeKind): NodeKind[] {
  const parent = NODE_KINDS[kind].refines;
  return parent ? [parent as NodeKind] : [];
}

/** Stable id of an edge: kind, endpoints and an optional discriminator (e.g. `tcp/502`). */
export function edgeId(kind: EdgeKind, from: string, to: string, key?: string | null): string {
  return key ? `${kind}|${from}|${to}|${key}` : `${kind}|${from}|${to}`;
}

/** The legend the UI draws: one entry per node kind, coloured by its default domain. */
export function legend(): Array<{ kind: NodeKind; label: string; shape: string; domain: string; description: string }> {
  return NODE_KIND_IDS.map((kind) => ({
    kind,
    label: NODE_KINDS[kind].label,
    shape: NODE_KINDS[kind].shape,
    domain: NODE_KINDS[kind].domain,
    description: NODE_KINDS[kind].description,
  }));
}
export * from './kind-sets.js';
