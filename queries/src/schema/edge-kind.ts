/**
 * The shape of an edge-kind declaration. One file per kind under `edge-kinds/` holds the
 * declaration and its remediation text together, so a kind cannot exist without its explanation.
 */
import type { FixFamily } from './fix-families.js';
import type { NodeKind } from './node-kinds.js';

/** Remediation and explanation, rendered as text by the API and UI. */
export interface Remediation {
  /** Why this relationship is a risk. */
  readonly risk: string;
  /** How an attacker abuses it. */
  readonly abuse: string;
  /** What removes or reduces it. */
  readonly fix: string;
  /** ATT&CK / ATLAS pages and vendor guidance. */
  readonly references: readonly string[];
}

export interface EdgeKindSpec {
  /**
   * `attack`: whoever controls the source can gain control of the target with probability p.
   * `context`: a fact (reachability, vulnerability, membership of a zone) that rules derive steps from;
   * never traversed by path search.
   */
  readonly role: 'attack' | 'context';
  /** Default probability that the step succeeds, 0 < p ≤ 1. */
  readonly p: number;
  /** MITRE ATT&CK Enterprise (T…), ATT&CK for ICS (T0…) or MITRE ATLAS (AML.T…) technique ids. */
  readonly techniques: readonly string[];
  readonly fixFamily: FixFamily;
  /** Default cost (person-days) of removing one such edge; defaults to the family's cost. */
  readonly fixCost?: number;
  /** Allowed source and target kinds. */
  readonly from: readonly NodeKind[];
  readonly to: readonly NodeKind[];
  /** True when only the analysis derives it (importers may not emit it). */
  readonly derived?: boolean;
  readonly description: string;
  readonly remediation: Remediation;
}

/** Identity function that checks a declaration against EdgeKindSpec while keeping its literal type. */
export function defineEdgeKind<const T extends EdgeKindSpec>(spec: T): T {
  return spec;
}
