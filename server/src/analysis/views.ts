/**
 * What the read routes return, as pure functions of one scoring (model + scores). They run inside the
 * analysis worker (analysis-worker.ts), which owns the model; routes only validate, ask and send.
 */
import {
  ChokepointError, ROOT_ID, bestRoutes, noRouteReason, planWithGaps, routeGaps, chokePoints, describeRoute, findRoutesCooperatively, fixCandidates, remediationPlanCooperatively, resolveNode, routeTo,
  whatIf, type AnalysisModel, type ChokePoints, type Plan, type Route, type ScoreRun, type Scoring, type WhatIfRequest,
} from '@chokepoint/queries';
import type { ExportRow } from './export-render.js';

export interface ScoredModel {
  model: AnalysisModel;
  scoring: Scoring;
  /** Node id → what no source collected about it (coverage.ts), for routes and targets to carry. */
  gaps?: ReadonlyMap<string, string[]>;
}

export { DEFAULT_PLAN_STEPS } from '@chokepoint/queries';

export interface PathsQuery {
  /** Any nodes (id, alias or name) to start from (assume breach), and any nodes to reach. */
  from?: string[] | undefined;
  to?: string[] | undefined;
  entry?: string | undefined;
  k: number;
  maxSteps: number;
  targets: number;
  group?: boolean | undefined;
}
export const DEFAULT_PATHS_QUERY: PathsQuery = { k: 5, maxSteps: 12, targets: 10 };

export interface RouteNode { id: string; name: string; kind: string; domain: string; criticality: number; purdueLevel: number | null }
export type RouteWithNodes = Route & { nodes: RouteNode[]; gaps: Array<{ node: string; name: string; missing: string[] }> };

/** The route's nodes in order (entry first), so a client can draw and colour it without another request, and its coverage gaps. */
function withNodes(model: AnalysisModel, route: Route, gaps: ReadonlyMap<string, string[]> = new Map()): RouteWithNodes {
  const ids = [route.entry, ...route.steps.map((s) => s.to)];
  const nodes = ids.map((id) => { const n = model.nodes[model.indexOf.get(id)!]!; return { id: n.id, name: n.name, kind: n.kind, domain: n.domain, criticality: n.criticality, purdueLevel: n.purdueLevel }; });
  return { ...route, nodes, gaps: routeGaps(ids, nodes.map((n) => n.name), gaps) };
}

const stepIndexes = new WeakMap<AnalysisModel, Map<string, number>>();
/** Step id → CSR position, built once per model. */
function positionsByEid(model: AnalysisModel): Map<string, number> {
  let map = stepIndexes.get(model);
  if (!map) {
    map = new Map();
    for (let s = 0; s < model.steps.length; s++) map.set(model.steps[s]!.eid, model.positionOf[s]!);
    stepIndexes.set(model, map);
  }
  return map;
}

export interface NodeSummary { id: string; kind: string; name: string; domain: string; criticality: number; exposure: string | null; purdueLevel: number | null; risk: number }

function indexOf(model: AnalysisModel, id: string, what: string): number {
  const i = model.indexOf.get(id);
  if (i === undefined || i === model.root) throw new ChokepointError('NOT_FOUND', `${what}: no node ${JSON.stringify(id)}`);
  return i;
}

function nodeSummary({ model, scoring }: ScoredModel, i: number): NodeSummary {
  const n = model.nodes[i]!;
  return { id: n.id, kind: n.kind, name: n.name, domain: n.domain, criticality: n.criticality, exposure: n.exposure, purdueLevel: n.purdueLevel, risk: scoring.risk[i]! };
}

/** The top-k routes to the riskiest targets (or given nodes), from the entries, one entry, or any nodes. */
export async function paths({ model, scoring, gaps }: ScoredModel, q: PathsQuery): Promise<Array<{ target: string; targetName: string; risk: number; routes: RouteWithNodes[]; reason?: string }>> {
  const found = await findRoutesCooperatively(model, scoring, { from: q.from, to: q.to, entry: q.entry, k: q.k, maxSteps: q.maxSteps, targets: q.targets, groupEntries: q.group ?? true });
  return found.map((t) => ({
    ...t, routes: t.routes.map((r) => withNodes(model, r, gaps)),
    ...(t.routes.length === 0 ? { reason: noRouteReason(t.target, t.targetName, gaps ?? new Map()) } : {}),
  }));
}

/** Node ids for what users typed (ids, aliases or names), as `chokepoint paths --from` resolves them. */
export function resolveNodes({ model }: ScoredModel, refs: string[]): string[] {
  return refs.map((ref) => model.nodes[resolveNode(model, ref)]!.id);
}

export function chokepoints({ model, scoring }: ScoredModel, limit: number): ChokePoints {
  return chokePoints(model, scoring, { limit, confirm: 10 });
}

export async function plan({ model, gaps }: ScoredModel, budget: number | undefined, steps: number): Promise<Plan> {
  return planWithGaps(model, await remediationPlanCooperatively(model, { steps, ...(budget !== undefined ? { budget } : {}) }), gaps ?? new Map());
}

/**
 * New totals of a set of fixes and removals, with the route that now leads to each changed target, and
 * the probability after the change of each step the client asks about (0: removed) — how a view tells
 * which of the routes it shows are cut.
 */
export function whatif({ model, scoring }: ScoredModel, request: Required<WhatIfRequest> & { steps: string[] }) {
  const r = whatIf(model, request, { baseline: scoring });
  const positions = positionsByEid(model);
  const steps: Record<string, number> = {};
  for (const eid of request.steps) {
    const pos = positions.get(eid);
    if (pos !== undefined) steps[eid] = Math.exp(-r.scoring.weights[pos]!);
  }
  return {
    before: r.before, after: r.after, removed: r.removed, steps,
    targets: r.targets.slice(0, 100).map((t) => {
      const i = model.indexOf.get(t.id)!;
      const positions = r.scoring.risk[i]! > 0 ? routeTo(model.graph, r.scoring.paths, i) : null;
      return { ...t, route: positions?.length ? describeRoute(model, positions, r.scoring.weights) : null };
    }),
  };
}

/** One node with its stored facts, for a details panel (props, aliases, sources, first and last seen). */
export function nodeDetails(scored: ScoredModel, id: string) {
  const i = indexOf(scored.model, id, 'node');
  const n = scored.model.nodes[i]!;
  return { ...nodeSummary(scored, i), props: n.props, target: scored.model.impact[i]! > 0 };
}

/** Names of the nodes with these ids, as the scored model knows them (an id it does not know is left out). */
export function nodeNames({ model }: ScoredModel, ids: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const id of ids) { const i = model.indexOf.get(id); if (i !== undefined && i !== model.root) out[id] = model.nodes[i]!.name; }
  return out;
}

/** Nodes whose id or name contains `q` (case-insensitive), optionally of one kind. */
export function searchNodes(scored: ScoredModel, q: string, kind: string | undefined, limit: number): NodeSummary[] {
  const { model } = scored;
  const needle = q.toLowerCase();
  const out: NodeSummary[] = [];
  for (let i = 0; i < model.nodes.length && out.length < limit; i++) {
    const n = model.nodes[i]!;
    if (n.id === ROOT_ID || (kind && n.kind !== kind)) continue;
    if (n.id.toLowerCase().includes(needle) || n.name.toLowerCase().includes(needle)) out.push(nodeSummary(scored, i));
  }
  return out;
}

export interface NeighbourhoodOptions {
  /** Which steps to follow: out of, into, or either way (default both). */
  direction?: 'in' | 'out' | 'both';
  /** Only steps of these kinds (default all). */
  edgeKinds?: readonly string[];
  /**
   * Aggregate the first ring: neighbours that share a direction, step kind and node kind are drawn one by
   * one only while there are at most this many; a larger group is returned as a count ("1,243 User
   * —MemberOf→") with a few examples, unless it is the one `expand` names (`in|out:<EdgeKind>:<NodeKind>`).
   */
  groupAbove?: number;
  expand?: string;
  /** Stop when the answer would draw more than this many elements (nodes and the steps between them). */
  maxElements?: number;
}

export interface NeighbourGroup { key: string; direction: 'in' | 'out'; edgeKind: string; nodeKind: string; count: number; sample: NodeSummary[] }

/** The attack steps within `depth` hops of a node, at most `limit` nodes; large first-ring groups aggregated (options). */
export function neighbourhood(scored: ScoredModel, id: string, depth: number, limit: number, options: NeighbourhoodOptions = {}) {
  const { model, scoring } = scored;
  const start = indexOf(model, id, 'node');
  const { graph, steps } = model;
  const direction = options.direction ?? 'both';
  const kinds = options.edgeKinds?.length ? new Set(options.edgeKinds) : null;
  const follows = (pos: number) => !kinds || kinds.has(steps[graph.edgeOf[pos]!]!.kind);
  const around = (u: number) => {
    const out: Array<{ pos: number; dir: 'in' | 'out' }> = [];
    if (direction !== 'in') for (let pos = graph.offsets[u]!; pos < graph.offsets[u + 1]!; pos++) if (follows(pos)) out.push({ pos, dir: 'out' });
    if (direction !== 'out') for (let r = graph.rOffsets[u]!; r < graph.rOffsets[u + 1]!; r++) if (follows(graph.rPositions[r]!)) out.push({ pos: graph.rPositions[r]!, dir: 'in' });
    return out;
  };
  // First-ring groups too large to draw are counted, not walked.
  const aggregated = new Set<string>();
  const groups: NeighbourGroup[] = [];
  if (options.groupAbove !== undefined) {
    const byKey = new Map<string, { direction: 'in' | 'out'; edgeKind: string; nodeKind: string; nodes: Set<number> }>();
    for (const { pos, dir } of around(start)) {
      const other = dir === 'out' ? graph.targets[pos]! : graph.sources[pos]!;
      if (other === model.root || other === start) continue;
      const edgeKind = steps[graph.edgeOf[pos]!]!.kind, nodeKind = model.nodes[other]!.kind;
      const key = `${dir}:${edgeKind}:${nodeKind}`;
      const g = byKey.get(key) ?? { direction: dir, edgeKind, nodeKind, nodes: new Set<number>() };
      g.nodes.add(other);
      byKey.set(key, g);
    }
    for (const [key, g] of byKey) {
      if (g.nodes.size <= options.groupAbove || key === options.expand) continue;
      aggregated.add(key);
      groups.push({ key, direction: g.direction, edgeKind: g.edgeKind, nodeKind: g.nodeKind, count: g.nodes.size, sample: [...g.nodes].slice(0, 5).map((i) => nodeSummary(scored, i)) });
    }
    groups.sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : 1));
  }
  const seen = new Set([start]);
  const edges = new Map<number, number>(); // step index → position
  // Elements the answer draws: the nodes, and the steps whose two ends are both drawn.
  const budget = options.maxElements ?? Infinity;
  let drawn = 1;
  let frontier = [start], truncated = false;
  for (let d = 0; d < depth && !truncated; d++) {
    const next: number[] = [];
    for (const u of frontier) {
      for (const { pos, dir } of around(u)) {
        const other = dir === 'out' ? graph.targets[pos]! : graph.sources[pos]!;
        if (other === model.root) continue;
        if (u === start && aggregated.size && aggregated.has(`${dir}:${steps[graph.edgeOf[pos]!]!.kind}:${model.nodes[other]!.kind}`)) continue;
        const step = graph.edgeOf[pos]!;
        if (edges.has(step)) continue;
        if (!seen.has(other)) {
          if (seen.size >= limit || drawn + 2 > budget) { truncated = true; continue; }
          seen.add(other); next.push(other);
          drawn += 1;
        } else if (drawn + 1 > budget) { truncated = true; continue; }
        edges.set(step, pos);
        drawn += 1;
      }
    }
    frontier = next;
  }
  return {
    nodes: [...seen].map((i) => nodeSummary(scored, i)),
    edges: [...edges].filter(([st]) => seen.has(steps[st]!.from) && seen.has(steps[st]!.to))
      .map(([st, pos]) => ({ id: steps[st]!.eid, kind: steps[st]!.kind, from: model.nodes[steps[st]!.from]!.id, to: model.nodes[steps[st]!.to]!.id, p: Math.exp(-scoring.weights[pos]!) })),
    truncated,
    groups,
  };
}

/**
 * What the entity panel shows from the scoring: the node, its aliases, what no source collected about it,
 * its attack steps in and out counted by kind (BloodHound's relationship counts, each expandable with the
 * neighbourhood's direction and kind filters), and the fixes that act on those steps.
 */
export function entity(scored: ScoredModel, id: string) {
  const { model } = scored;
  const i = indexOf(model, id, 'node');
  const n = model.nodes[i]!;
  const { graph, steps } = model;
  const counts = { in: {} as Record<string, number>, out: {} as Record<string, number> };
  const fixIds = new Set<string>();
  const take = (pos: number, dir: 'in' | 'out') => {
    const step = steps[graph.edgeOf[pos]!]!;
    const other = dir === 'out' ? graph.targets[pos]! : graph.sources[pos]!;
    if (other === model.root) return; // the Entry step: the node is an entry, said by `exposure`
    counts[dir][step.kind] = (counts[dir][step.kind] ?? 0) + 1;
    for (const f of step.fixIds) fixIds.add(f);
  };
  for (let pos = graph.offsets[i]!; pos < graph.offsets[i + 1]!; pos++) take(pos, 'out');
  for (let r = graph.rOffsets[i]!; r < graph.rOffsets[i + 1]!; r++) take(graph.rPositions[r]!, 'in');
  const candidates = fixCandidates(model);
  return {
    ...nodeDetails(scored, id), aliases: [...(n.aliases ?? [])], gaps: scored.gaps?.get(n.id) ?? [], steps: counts,
    fixes: [...fixIds].sort().map((f) => candidates.get(f)).filter((f) => f !== undefined).map((f) => ({ fixId: f.id, action: f.action, family: f.family, cost: f.cost })),
  };
}

/** What the evidence report needs from a scoring: every crown jewel (riskiest first) and the riskiest best routes with their nodes. */
export function reportFacts(scored: ScoredModel, routes = 5) {
  const { model, scoring } = scored;
  const crownJewels = model.targets.map((t) => {
    const n = model.nodes[t]!;
    return { id: n.id, name: n.name, kind: n.kind, domain: n.domain, criticality: model.impact[t]!, risk: scoring.risk[t]!, purdueLevel: n.purdueLevel };
  }).sort((a, b) => b.risk - a.risk || b.criticality - a.criticality || (a.id < b.id ? -1 : 1));
  const top = bestRoutes(model, scoring).sort((a, b) => b.risk - a.risk || (a.target < b.target ? -1 : 1)).slice(0, routes).map((r) => withNodes(model, r, scored.gaps));
  return { crownJewels, routes: top };
}
export type ReportFacts = ReturnType<typeof reportFacts>;

/** Totals, risk by target domain, the riskiest targets, and entry points ranked by the risk their best routes carry. */
export function overview({ model, scoring }: ScoredModel, run: ScoreRun, limit = 10) {
  const byDomain: Record<string, number> = {};
  const ranked = (i: number, risk: number) => { const n = model.nodes[i]!; return { id: n.id, name: n.name, kind: n.kind, domain: n.domain, risk }; };
  const targets = model.targets.filter((t) => scoring.risk[t]! > 0);
  for (const t of targets) byDomain[model.nodes[t]!.domain] = (byDomain[model.nodes[t]!.domain] ?? 0) + scoring.risk[t]!;
  const entries = new Map<number, { risk: number; routes: number }>();
  for (const t of targets) {
    const positions = routeTo(model.graph, scoring.paths, t);
    const entry = positions?.length ? model.graph.targets[positions[0]!]! : undefined; // the Entry step's head
    if (entry === undefined) continue;
    const e = entries.get(entry) ?? { risk: 0, routes: 0 };
    e.risk += scoring.risk[t]!; e.routes++;
    entries.set(entry, e);
  }
  return {
    scoreRun: run.id, totals: run.payload.totals,
    byDomain,
    targets: targets.sort((a, b) => scoring.risk[b]! - scoring.risk[a]!).slice(0, limit).map((t) => ranked(t, scoring.risk[t]!)),
    entries: [...entries].sort((a, b) => b[1].risk - a[1].risk).slice(0, limit).map(([i, e]) => ({ ...ranked(i, e.risk), routes: e.routes })),
  };
}

export const PLAN_COLUMNS = ['rank', 'fix_id', 'action', 'family', 'nis2_measure', 'cir_2024_2690', 'iec62443', 'owner', 'cost_person_days', 'cumulative_cost', 'risk_before', 'risk_after', 'risk_removed', 'routes_cut', 'together_with', 'targets_protected', 'targets_protected_names', 'explain'] as const;
export const CHOKEPOINT_COLUMNS = ['rank', 'type', 'id', 'name', 'kind', 'crossing_risk', 'routes', 'risk_removed', 'explain'] as const;
export const ROUTE_COLUMNS = ['target', 'target_name', 'owner', 'risk', 'entry', 'entry_name', 'p0', 'likelihood', 'criticality', 'steps', 'path', 'flags', 'fingerprint', 'explain'] as const;

function ownerOf(model: AnalysisModel, node: number | undefined): string {
  if (node === undefined) return '';
  const owner = model.nodes[node]!.props.owner;
  return typeof owner === 'string' ? owner : '';
}

/** The plan as export rows (PLAN_COLUMNS), the owner being that of the asset the fix's first step changes. */
export function planRows(model: AnalysisModel, computed: Plan): ExportRow[] {
  const candidates = fixCandidates(model);
  return computed.rows.map((r) => {
    const first = candidates.get(r.fixId)?.positions[0];
    return {
      rank: r.rank, fix_id: r.fixId, action: r.action, family: r.family, nis2_measure: r.nis2, cir_2024_2690: r.cir2690, iec62443: r.iec62443 ?? '',
      owner: first === undefined ? '' : ownerOf(model, model.graph.targets[first]) || ownerOf(model, model.graph.sources[first]),
      cost_person_days: r.cost, cumulative_cost: r.cumulativeCost, risk_before: r.riskBefore, risk_after: r.riskAfter, risk_removed: r.riskRemoved,
      routes_cut: r.routesCut, together_with: r.together.join('; '), targets_protected: r.targetsProtected.map((t) => t.id).join('; '),
      targets_protected_names: r.targetsProtected.map((t) => t.name).join('; '), explain: r.explain,
    };
  });
}

/** Choke points as export rows (CHOKEPOINT_COLUMNS): nodes, then steps, each in the engine's order. */
export function chokepointRows(points: ChokePoints): ExportRow[] {
  const rows = (type: 'node' | 'step', list: ChokePoints['nodes']) => list.map((c, i) => ({
    rank: i + 1, type, id: c.id, name: c.name, kind: c.kind, crossing_risk: c.crossingRisk, routes: c.routes, risk_removed: c.riskRemoved ?? '', explain: c.explain,
  }));
  return [...rows('node', points.nodes), ...rows('step', points.edges)];
}

/** The best route of every reachable target as export rows (ROUTE_COLUMNS), riskiest first. */
export function routeRows({ model, scoring }: ScoredModel): ExportRow[] {
  return bestRoutes(model, scoring).sort((a, b) => b.risk - a.risk).map((r) => ({
    target: r.target, target_name: r.targetName, owner: ownerOf(model, model.indexOf.get(r.target)), risk: r.risk, entry: r.entry, entry_name: r.entryName,
    p0: r.p0, likelihood: r.likelihood, criticality: r.criticality, steps: r.steps.map((s) => s.kind).join(' > '),
    path: [r.entryName, ...r.steps.map((s) => s.toName)].join(' > '), flags: r.flags.join('; '), fingerprint: r.fingerprint, explain: r.explain,
  }));
}
