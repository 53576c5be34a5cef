/**
 * Coverage as data (ADR 0011): what each source collected, when, by which run, and what the graph does not
 * know — so a risk of 0 can be read as "no path" or "no data". Built from the run records (their declared
 * scopes and observation retention) and from which sources assert which nodes and edges.
 */
import type { GraphStore, RunRecord, StoredEdge, StoredNode } from '../store/port.js';
import type { AnalysisModel } from './model.js';
import type { Plan, PlanRow } from './plan.js';
import { fixCandidates } from './fixes.js';
import { MACHINE_KINDS, type NodeKind } from '../schema/index.js';

export interface SourceCoverage {
  source: string;
  format: string;
  runs: number;
  lastRun: string;
  lastRunAt: string;
  /** What the latest run said it covered (scope labels), or null: the whole source. */
  scopes: string[] | null;
  /** Observations: retention in days and when the newest run that observed started. */
  observations: { retentionDays: number; edgeKinds: string[] | null } | null;
  /** Nodes and edges this source asserts now. */
  nodes: number;
  edges: number;
  /** Of those, the ones its latest run did not re-confirm (outside that run's scopes, or observations it did not see again). */
  notReconfirmed: { nodes: number; edges: number };
}

export interface CoverageGap {
  /** What kind of data is missing. */
  kind: 'vulnerability-scan' | 'network-reach' | 'identity' | 'cloud' | 'ot-traffic';
  /** In words, with counts. */
  message: string;
  /** Up to 20 example node ids. */
  examples: string[];
  count: number;
}

export interface CoverageReport {
  sources: SourceCoverage[];
  gaps: CoverageGap[];
  /** Node id → what is unknown about it (short labels), for routes and targets to carry. */
  byNode: Map<string, string[]>;
}

const MACHINES = new Set<NodeKind>(MACHINE_KINDS);

export function coverageOf(runs: readonly RunRecord[], nodes: readonly StoredNode[], edges: readonly StoredEdge[]): CoverageReport {
  const formatOf = new Map<string, string>();
  const bySource = new Map<string, RunRecord[]>();
  for (const r of runs) {
    if (r.source === 'expire') continue;
    formatOf.set(r.source, r.format);
    bySource.set(r.source, [...(bySource.get(r.source) ?? []), r]);
  }
  const count = (els: ReadonlyArray<{ sources: string[] }>) => {
    const out = new Map<string, number>();
    for (const el of els) for (const s of el.sources) out.set(s, (out.get(s) ?? 0) + 1);
    return out;
  };
  const nodeCounts = count(nodes), edgeCounts = count(edges);
  const latest = new Map<string, string>();
  for (const [source, list] of bySource) latest.set(source, `${source}@${[...list].sort((a, b) => a.startedAt.localeCompare(b.startedAt)).at(-1)!.id}`);
  const stale = (els: ReadonlyArray<{ sourceRuns: string[] }>) => {
    const out = new Map<string, number>();
    for (const el of els) for (const stamp of el.sourceRuns) {
      const source = stamp.slice(0, stamp.indexOf('@'));
      if (latest.get(source) !== stamp) out.set(source, (out.get(source) ?? 0) + 1);
    }
    return out;
  };
  const staleNodes = stale(nodes), staleEdges = stale(edges);
  const sources: SourceCoverage[] = [...bySource].map(([source, list]) => {
    const last = [...list].sort((a, b) => a.startedAt.localeCompare(b.startedAt)).at(-1)!;
    const obs = last.coverage?.observations ?? null;
    return {
      source, format: last.format, runs: list.length, lastRun: last.id, lastRunAt: last.startedAt,
      scopes: last.coverage?.scopes?.map((s) => s.label) ?? null,
      observations: obs ? { retentionDays: obs.retentionDays, edgeKinds: obs.edgeKinds ?? null } : null,
      nodes: nodeCounts.get(source) ?? 0, edges: edgeCounts.get(source) ?? 0,
      notReconfirmed: { nodes: staleNodes.get(source) ?? 0, edges: staleEdges.get(source) ?? 0 },
    };
  }).sort((a, b) => a.source.localeCompare(b.source));

  // Which formats assert each node (a node any scanner asserted was scanned).
  const formatsOf = (n: { sources: string[] }) => new Set(n.sources.map((s) => formatOf.get(s) ?? s));
  const gaps: CoverageGap[] = [];
  const byNode = new Map<string, string[]>();
  const gap = (kind: CoverageGap['kind'], ids: string[], message: (n: number) => string, label?: string) => {
    if (!ids.length) return;
    gaps.push({ kind, count: ids.length, examples: ids.slice(0, 20), message: message(ids.length) });
    if (label) for (const id of ids) byNode.set(id, [...(byNode.get(id) ?? []), label]);
  };
  const machines = nodes.filter((n) => MACHINES.has(n.kind) && !n.ref);
  const unscanned = machines.filter((n) => !formatsOf(n).has('nessus')).map((n) => n.id);
  const lowPurdue = machines.filter((n) => n.purdueLevel !== null && n.purdueLevel <= 2 && !formatsOf(n).has('nessus')).length;
  gap('vulnerability-scan', unscanned, (k) => `no vulnerability scan (Nessus) of ${k} of ${machines.length} machines${lowPurdue ? ` (${lowPurdue} at Purdue ≤ 2)` : ''}: their findings are unknown, not absent`, 'no vulnerability scan');
  const reachFrom = new Set<string>(), reachTo = new Set<string>();
  for (const e of edges) if (e.kind === 'CanReach') { reachFrom.add(e.from); reachTo.add(e.to); }
  const servicesOf = new Map<string, string[]>();
  for (const e of edges) if (e.kind === 'Runs') servicesOf.set(e.from, [...(servicesOf.get(e.from) ?? []), e.to]);
  const noReach = machines.filter((n) => !reachFrom.has(n.id) && !reachTo.has(n.id) && !(servicesOf.get(n.id) ?? []).some((s) => reachTo.has(s))).map((n) => n.id);
  gap('network-reach', noReach, (k) => `no scan or flow says what reaches ${k} of ${machines.length} machines: routes into them need reach facts (nmap, zeek, security groups)`, 'no reach data');
  const membersOf = new Map<string, string[]>();
  for (const e of edges) if (e.kind === 'InZone') membersOf.set(e.to, [...(membersOf.get(e.to) ?? []), e.from]);
  const silentZones = nodes.filter((n) => n.kind === 'Zone' && (membersOf.get(n.id)?.length ?? 0) > 0
    && !reachFrom.has(n.id) && !(membersOf.get(n.id) ?? []).some((m) => reachFrom.has(m) || reachTo.has(m) || (servicesOf.get(m) ?? []).some((s) => reachTo.has(s))))
    .map((n) => n.id);
  gap('network-reach', silentZones, (k) => `no flow data or scan for ${k} zone(s) with members: lateral movement inside them is unknown`, 'no flow or scan data for this zone');
  for (const z of silentZones) for (const m of membersOf.get(z) ?? []) byNode.set(m, [...(byNode.get(m) ?? []), `no flow or scan data for its zone ${z}`]);
  const otMachines = machines.filter((n) => n.domain === 'ot');
  const noOtTraffic = otMachines.filter((n) => !formatsOf(n).has('zeek')).map((n) => n.id);
  if (otMachines.length) gap('ot-traffic', noOtTraffic, (k) => `no OT traffic capture (Zeek/ICSNPP) saw ${k} of ${otMachines.length} OT machines: who commands them is inferred from reach, not observed`, 'no OT traffic capture');
  const adComputers = nodes.filter((n) => n.kind === 'Host' && typeof n.props.objectId === 'string' && !n.ref);
  const sessionsSeen = new Set(edges.filter((e) => e.kind === 'HasSession').map((e) => e.from));
  const hasSharpHound = [...formatOf.values()].includes('sharphound');
  if (hasSharpHound) gap('identity', adComputers.filter((n) => !sessionsSeen.has(n.id)).map((n) => n.id), (k) => `no session observed on ${k} of ${adComputers.length} AD computers (not collected, expired, or none): credential theft from them is unknown`, 'no session observed');
  return { sources, gaps, byNode };
}

/** A route's gaps: the nodes on it (entry first) with what is unknown about them — its risk is a lower bound there. */
export function routeGaps(nodeIds: readonly string[], names: readonly string[], byNode: ReadonlyMap<string, readonly string[]>): Array<{ node: string; name: string; missing: string[] }> {
  const out: Array<{ node: string; name: string; missing: string[] }> = [];
  nodeIds.forEach((id, i) => { const missing = byNode.get(id); if (missing?.length) out.push({ node: id, name: names[i] ?? id, missing: [...missing] }); });
  return out;
}

/** Why a target shows no route: no path through what was collected, or no data to decide (its gaps). */
export function noRouteReason(targetId: string, targetName: string, byNode: ReadonlyMap<string, readonly string[]>): string {
  const missing = byNode.get(targetId);
  return missing?.length
    ? `no data to decide: ${missing.join('; ')} for ${targetName} — a route may exist through facts no source collected`
    : `no path found: no entry reaches ${targetName} through the collected facts`;
}

/** The coverage report of a store. */
export async function storeCoverage(store: GraphStore): Promise<CoverageReport> {
  const nodes: StoredNode[] = [], edges: StoredEdge[] = [];
  for await (const page of store.streamNodes()) nodes.push(...page);
  for await (const page of store.streamEdges()) edges.push(...page);
  return coverageOf(await store.listRuns(), nodes, edges);
}

export type Gaps = Array<{ node: string; name: string; missing: string[] }>;

/**
 * A plan with each row's gaps: the nodes its fix acts on and the targets it protects, where data no source
 * collected could change what the fix is worth.
 */
export function planWithGaps(model: AnalysisModel, plan: Plan, byNode: ReadonlyMap<string, readonly string[]>): Plan & { rows: Array<PlanRow & { gaps: Gaps }> } {
  const candidates = fixCandidates(model);
  return {
    ...plan,
    rows: plan.rows.map((row) => {
      const ids = new Set<string>();
      for (const p of candidates.get(row.fixId)?.positions ?? []) { ids.add(model.nodes[model.graph.sources[p]!]!.id); ids.add(model.nodes[model.graph.targets[p]!]!.id); }
      for (const t of row.targetsProtected) ids.add(t.id);
      const list = [...ids].filter((id) => model.indexOf.get(id) !== model.root);
      return { ...row, gaps: routeGaps(list, list.map((id) => model.nodes[model.indexOf.get(id)!]!.name), byNode) };
    }),
  };
}
