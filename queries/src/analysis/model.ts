/**
 * The analysis model: what scoring, top-k, choke points, the plan and what-if all read. Built once per
 * scoring from the stored graph: nodes get indexes, imported attack edges and derived steps (derive.ts)
 * become steps with a probability and an explanation, entry points hang off one virtual root node by
 * an `Entry` step of probability p₀, and everything is compiled to a CompactGraph (CSR).
 */
import type { Props } from '../batch.js';
import { EDGE_KINDS, NODE_KINDS, type Domain, type EdgeKind, type EdgeKindSpec, type Exposure, type FixFamily, type NodeKind } from '../schema/index.js';
import type { NodeMarker, StoredEdge, StoredNode } from '../store/port.js';
import { compileCsr, type CompactGraph } from './compact-graph.js';
import { SLICE, deriveSteps } from './derive.js';
import { runCooperatively, runToEnd } from '../cooperative.js';
import { FactIndex } from './facts.js';
import { DEFAULT_POLICY, type ScoringPolicy } from './policy.js';
import { DomainKeys, tierZero } from './tier-zero.js';

export interface ModelNode {
  id: string;
  kind: NodeKind;
  name: string;
  domain: Domain;
  /** Effective criticality 0–10: the node's own, else its kind's default. */
  criticality: number;
  exposure: Exposure | null;
  purdueLevel: number | null;
  props: Props;
  /** Why the node is Tier Zero (tier-zero.ts), or null. */
  tierZero?: string | null;
  /** Its aliases (`ip:…`, `sid:…`), for name lookup. */
  aliases?: readonly string[];
}

/** One attack step the analysis can traverse. */
export interface Step {
  /** Stored edge id, derived edge id, or `entry|<node>` for an entry step. */
  eid: string;
  kind: EdgeKind | 'Entry';
  from: number;
  to: number;
  key: string | null;
  p: number;
  /** Why p has this value (kind default, own value, or the derivation's formula). */
  explain: string;
  /** Ids of the stored edges (or node facts `node:<id>`) this step rests on; its own id when imported. */
  facts: string[];
  sources: string[];
  /** When the newest fact it rests on was first seen (null for synthetic facts). */
  firstSeen: string | null;
  derived: boolean;
  /** True for a step that rests on an assumption about data no source collected, not on a fact. */
  assumed?: boolean;
  /** The fix candidates that remove (or weaken) this step. */
  fixIds: string[];
}

/** A candidate remediation action (fixes.ts groups steps under these). */
export interface FixSpec {
  id: string;
  family: FixFamily;
  action: string;
  cost: number;
  /** null: the fix removes its steps; a number: it multiplies their p by this factor. */
  factor: number | null;
}

export interface ModelOptions {
  /** Nodes at or above this criticality are targets (default 8: the crown jewels). */
  minCriticality?: number;
  /** Entry, cost and constraint assumptions (policy.ts); DEFAULT_POLICY when absent. */
  policy?: ScoringPolicy;
  /** Owned nodes are entries with p₀ 1 (assume breach); high-value nodes are targets whatever their criticality. */
  markers?: readonly NodeMarker[];
  /** Assumptions for what no source collected (ADR 0011), off by default: their steps say so. */
  assume?: readonly Assumption[];
  /** Fix ids whose risk is accepted until a date not yet passed: they leave the plan (fix lifecycle). */
  acceptedFixes?: readonly string[];
}

/**
 * `zone-lateral`: in a zone no scan or flow covers, its machines reach each other's management ports
 * (credential reuse, p 0.2) — the flat network most unsurveyed segments are.
 * `group-sessions`: on a computer where no session was observed, the users whose groups administer it or
 * may log on to it by RDP have sessions there (p 0.3) — what a collection that missed sessions hides.
 */
export const ASSUMPTIONS = ['zone-lateral', 'group-sessions'] as const;
export type Assumption = (typeof ASSUMPTIONS)[number];

/**
 * Targets whose risk counts once (ADR 0010): one chain that reaches the domain, Domain Admins and a DC
 * is one compromise of one domain. A group's risk is its best member's; total risk sums the groups.
 */
export interface TargetGroup {
  id: string;
  name: string;
  members: number[];
}

export interface AnalysisModel {
  readonly nodes: readonly ModelNode[];
  readonly indexOf: ReadonlyMap<string, number>;
  /** The virtual super-source: its out-steps are the Entry steps. */
  readonly root: number;
  readonly steps: readonly Step[];
  readonly graph: CompactGraph;
  /** CSR position of each step index (inverse of graph.edgeOf). */
  readonly positionOf: Uint32Array;
  readonly entries: readonly number[];
  readonly targets: readonly number[];
  /** Impact of each node as a target (its criticality), 0 for non-targets. */
  readonly impact: Float64Array;
  readonly fixes: ReadonlyMap<string, FixSpec>;
  readonly minCriticality: number;
  readonly groups: readonly TargetGroup[];
  /** Group index of each node (−1 for non-targets). */
  readonly groupOf: Int32Array;
  readonly policy: ScoringPolicy;
  /** Zone ids of each node id (InZone facts), for zone-wide cost policies. */
  readonly zonesOf: ReadonlyMap<string, readonly string[]>;
  /** Fixes whose risk is accepted (ModelOptions.acceptedFixes): the plan leaves them out. */
  readonly acceptedFixes?: ReadonlySet<string>;
}

export const ROOT_ID = '@entry';

/** Builds steps, facts and fix candidates while the model is assembled. */
export class ModelBuilder {
  readonly nodes: ModelNode[] = [];
  readonly indexOf = new Map<string, number>();
  readonly steps: Step[] = [];
  readonly fixes = new Map<string, FixSpec>();
  private readonly stepAt = new Map<string, number>();

  constructor(readonly policy: ScoringPolicy = DEFAULT_POLICY) {
    this.addNode({ id: ROOT_ID, kind: 'Internet', name: 'any entry point', domain: 'it', criticality: 0, exposure: null, purdueLevel: null, props: {} });
  }

  addNode(node: ModelNode): number {
    const known = this.indexOf.get(node.id);
    if (known !== undefined) return known;
    this.indexOf.set(node.id, this.nodes.length);
    this.nodes.push(node);
    return this.nodes.length - 1;
  }

  node(id: string): ModelNode | undefined {
    const i = this.indexOf.get(id);
    return i === undefined ? undefined : this.nodes[i];
  }

  fix(spec: FixSpec): string {
    if (!this.fixes.has(spec.id)) this.fixes.set(spec.id, spec);
    return spec.id;
  }

  /** Adds a step; a second step with the same id merges into the first (highest p, union of facts and fixes). */
  step(step: Omit<Step, 'from' | 'to'> & { from: string; to: string }): void {
    const from = this.indexOf.get(step.from), to = this.indexOf.get(step.to);
    if (from === undefined || to === undefined || from === to || !(step.p > 0)) return;
    const at = this.stepAt.get(step.eid);
    if (at === undefined) {
      this.stepAt.set(step.eid, this.steps.length);
      this.steps.push({ ...step, from, to, p: Math.min(1, step.p) });
      return;
    }
    const old = this.steps[at]!;
    if (step.p > old.p) { old.p = Math.min(1, step.p); old.explain = step.explain; }
    const union = (a: string[], b: string[]) => { for (const x of b) if (!a.includes(x)) a.push(x); };
    union(old.facts, step.facts); union(old.sources, step.sources); union(old.fixIds, step.fixIds);
    if (step.firstSeen && (!old.firstSeen || step.firstSeen > old.firstSeen)) old.firstSeen = step.firstSeen;
  }
}

function modelNode(n: StoredNode): ModelNode {
  return {
    id: n.id, kind: n.kind, name: n.name, domain: n.domain,
    criticality: n.criticality ?? NODE_KINDS[n.kind].criticality,
    exposure: n.exposure, purdueLevel: n.purdueLevel, props: n.props, aliases: n.aliases,
  };
}

/** Criticality of a Tier Zero object without its own rating. */
export const TIER_ZERO_CRITICALITY = 10;

/** Builds the model from stored nodes and edges (any order; edges to unknown nodes are ignored). */
export function buildModel(storedNodes: Iterable<StoredNode>, storedEdges: Iterable<StoredEdge>, options: ModelOptions = {}): AnalysisModel {
  return runToEnd(modelBuild(storedNodes, storedEdges, options));
}

/**
 * The same build, giving the event loop a turn every `sliceMs` milliseconds, so a server keeps answering
 * while it re-scores a large estate.
 */
export function buildModelCooperatively(storedNodes: Iterable<StoredNode>, storedEdges: Iterable<StoredEdge>, options: ModelOptions = {}): Promise<AnalysisModel> {
  return runCooperatively(modelBuild(storedNodes, storedEdges, options));
}

/** The build as a generator: it yields between slices of work (one implementation for both drivers). */
function* modelBuild(storedNodes: Iterable<StoredNode>, storedEdges: Iterable<StoredEdge>, options: ModelOptions): Generator<void, AnalysisModel> {
  const minCriticality = options.minCriticality ?? 8;
  const b = new ModelBuilder(options.policy ?? DEFAULT_POLICY);
  let i = 0;
  const rated = new Set<number>();
  for (const n of storedNodes) {
    if (++i % (SLICE * 5) === 0) yield;
    const at = b.addNode(modelNode(n));
    if (n.criticality !== null) rated.add(at);
  }
  const facts = new FactIndex();
  const attack: StoredEdge[] = [];
  const memberOf: Array<[number, number]> = [];
  for (const e of storedEdges) {
    if (++i % (SLICE * 5) === 0) yield;
    const a = b.indexOf.get(e.from), z = b.indexOf.get(e.to);
    if (a === undefined || z === undefined) continue;
    const spec: EdgeKindSpec = EDGE_KINDS[e.kind];
    if (spec.role === 'attack') attack.push(e);
    else facts.add(e);
    if (e.kind === 'MemberOf') memberOf.push([a, z]);
  }
  for (const [at, why] of tierZero(b.nodes, memberOf)) {
    const node = b.nodes[at]!;
    node.tierZero = why;
    if (!rated.has(at)) node.criticality = Math.max(node.criticality, TIER_ZERO_CRITICALITY);
  }
  const highValue = new Set<number>();
  for (const m of options.markers ?? []) {
    const at = b.indexOf.get(m.nodeId);
    if (at !== undefined && m.marker === 'high-value') highValue.add(at);
  }
  yield* deriveSteps(b, facts, attack, options.markers ?? [], options.assume ?? []);
  yield;

  const n = b.nodes.length, m = b.steps.length;
  const from = new Uint32Array(m), to = new Uint32Array(m), weight = new Float64Array(m);
  b.steps.forEach((s, k) => { from[k] = s.from; to[k] = s.to; weight[k] = -Math.log(s.p); });
  const graph = compileCsr(n, { from, to, weight });
  const positionOf = new Uint32Array(m);
  for (let at = 0; at < m; at++) positionOf[graph.edgeOf[at]!] = at;
  const root = 0;
  const entries = b.steps.filter((s) => s.from === root).map((s) => s.to);
  const impact = new Float64Array(n);
  const targets: number[] = [];
  b.nodes.forEach((node, i) => {
    if (i === root) return;
    if (node.criticality >= minCriticality && node.criticality > 0) { impact[i] = node.criticality; targets.push(i); }
    else if (highValue.has(i)) { impact[i] = Math.max(node.criticality, minCriticality); targets.push(i); }
  });
  const { groups, groupOf } = targetGroups(b.nodes, b.indexOf, targets, facts);
  return { nodes: b.nodes, indexOf: b.indexOf, root, steps: b.steps, graph, positionOf, entries, targets, impact, fixes: b.fixes, minCriticality, groups, groupOf, policy: b.policy,
    zonesOf: new Map([...facts.zonesOf].map(([id, zs]) => [id, zs.map((z) => z.other)])), acceptedFixes: new Set(options.acceptedFixes ?? []) };
}

/** Every target in a group of its own (models built by hand: benches, tests). */
export function ownGroups(nodes: readonly ModelNode[], targets: readonly number[]): { groups: TargetGroup[]; groupOf: Int32Array } {
  const groupOf = new Int32Array(nodes.length).fill(-1);
  const groups = targets.map((t, g) => { groupOf[t] = g; return { id: `node:${nodes[t]!.id}`, name: nodes[t]!.name, members: [t] }; });
  return { groups, groupOf };
}

/**
 * Target groups (ADR 0010): Tier Zero per AD domain; a site's (or, without a site, a zone's)
 * controllers; every other target on its own.
 */
function targetGroups(nodes: readonly ModelNode[], indexOf: ReadonlyMap<string, number>, targets: readonly number[], facts: FactIndex): { groups: TargetGroup[]; groupOf: Int32Array } {
  const groups: TargetGroup[] = [];
  const byId = new Map<string, number>();
  const domains = new DomainKeys(nodes);
  const groupOf = new Int32Array(nodes.length).fill(-1);
  for (const t of targets) {
    const node = nodes[t]!;
    let id = `node:${node.id}`, name = node.name;
    if (node.tierZero) {
      const domain = domains.of(node);
      id = `tier0:${domain.key}`; name = `Tier Zero of ${domain.name}`;
    } else if (node.kind === 'Controller') {
      const site = typeof node.props.site === 'string' ? node.props.site : typeof node.props.plant === 'string' ? node.props.plant : null;
      const zone = facts.zonesOf.get(node.id)?.[0]?.other;
      if (site) { id = `site:${site}`; name = `Controllers of ${site}`; }
      else if (zone) { id = `controllers:${zone}`; name = `Controllers in ${nodes[indexOf.get(zone) ?? -1]?.name ?? zone}`; }
    }
    let g = byId.get(id);
    if (g === undefined) { g = groups.length; byId.set(id, g); groups.push({ id, name, members: [] }); }
    groups[g]!.members.push(t);
    groupOf[t] = g;
  }
  return { groups, groupOf };
}
