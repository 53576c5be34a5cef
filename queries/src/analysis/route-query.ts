/**
 * Route queries as users ask them — "routes to these targets", "routes from these nodes" (assume breach,
 * like BloodHound's pathfinding from owned objects), "only from this entry" — with nodes named the way
 * users name them: an id, an alias (`ip:10.0.0.5`, `sid:S-1-…`, or just `10.0.0.5`) or a name. One
 * implementation serves the CLI and the API.
 */
import { ChokepointError } from '../errors.js';
import type { AnalysisModel } from './model.js';
import { multiSourceDijkstra } from './dijkstra.js';
import { describeRoute, type Route } from './routes.js';
import { riskiestTargets, targetRisk, type Scoring } from './score.js';
import { topKSteps } from './top-k.js';
import { runCooperatively, runToEnd } from '../cooperative.js';

export interface RouteQuery {
  /** Start from these nodes (assume breach) instead of the policy's entries. */
  from?: readonly string[] | undefined;
  /** Routes to these nodes (any node), else to the riskiest targets. */
  to?: readonly string[] | undefined;
  /** Only routes from this entry (ignored with `from`); a node that is no entry is a start, as with `from`. */
  entry?: string | undefined;
  k: number;
  maxSteps: number;
  /** How many of the riskiest targets when `to` is absent. */
  targets: number;
  /** Show routes that differ only by an interchangeable entry once (default true). */
  groupEntries?: boolean | undefined;
}

export interface TargetRoutes { target: string; targetName: string; risk: number; routes: Route[] }

interface NameIndex { byKey: Map<string, number[]> }
const indexes = new WeakMap<AnalysisModel, NameIndex>();

function nameIndex(model: AnalysisModel): NameIndex {
  let index = indexes.get(model);
  if (index) return index;
  const byKey = new Map<string, number[]>();
  const add = (key: string, i: number) => { const k = key.toLowerCase(); const list = byKey.get(k); if (!list) byKey.set(k, [i]); else if (!list.includes(i)) list.push(i); };
  model.nodes.forEach((n, i) => {
    if (i === model.root) return;
    add(n.name, i);
    for (const a of n.aliases ?? []) { add(a, i); add(a.slice(a.indexOf(':') + 1), i); }
  });
  index = { byKey };
  indexes.set(model, index);
  return index;
}

/**
 * The node a user means: its id; else the one node with that alias (with or without its `type:`
 * prefix) or name, case-insensitive; else the one node whose name contains it. Ambiguity is an error
 * listing the candidates.
 */
export function resolveNode(model: AnalysisModel, ref: string, what = 'node'): number {
  const exact = model.indexOf.get(ref);
  if (exact !== undefined && exact !== model.root) return exact;
  const hits = nameIndex(model).byKey.get(ref.toLowerCase()) ?? [];
  const candidates = hits.length ? hits : ref.length >= 3 ? substringMatches(model, ref.toLowerCase()) : [];
  if (candidates.length === 1) return candidates[0]!;
  const list = (xs: number[]) => xs.slice(0, 10).map((i) => `${model.nodes[i]!.name} (${model.nodes[i]!.kind}, id ${model.nodes[i]!.id})`).join('; ');
  if (candidates.length === 0) throw new ChokepointError('NOT_FOUND', `${what}: no node has the id, alias or name ${JSON.stringify(ref)}`);
  throw new ChokepointError('USAGE', `${what}: ${JSON.stringify(ref)} names ${candidates.length} nodes — use an id: ${list(candidates)}${candidates.length > 10 ? '; …' : ''}`);
}

function substringMatches(model: AnalysisModel, needle: string): number[] {
  const out: number[] = [];
  model.nodes.forEach((n, i) => { if (i !== model.root && n.name.toLowerCase().includes(needle)) out.push(i); });
  return out;
}

export function findRoutes(model: AnalysisModel, scoring: Scoring, q: RouteQuery): TargetRoutes[] {
  return runToEnd(findRouteSteps(model, scoring, q));
}

export function findRoutesCooperatively(model: AnalysisModel, scoring: Scoring, q: RouteQuery): Promise<TargetRoutes[]> {
  return runCooperatively(findRouteSteps(model, scoring, q));
}

function* findRouteSteps(model: AnalysisModel, scoring: Scoring, q: RouteQuery): Generator<void, TargetRoutes[]> {
  let starts = q.from?.length ? [...new Set(q.from.map((ref) => resolveNode(model, ref, 'from')))] : null;
  let entries = !starts && q.entry !== undefined ? new Set([resolveNode(model, q.entry, 'entry')]) : undefined;
  // An "entry" the policy does not make one is where the user assumes the attacker is.
  if (entries && !model.entries.includes([...entries][0]!)) { starts = [...entries]; entries = undefined; }
  // From starts, risk is the assumed-breach route's: p₀ 1 · Π p · criticality.
  const forward = starts ? multiSourceDijkstra(model.graph, starts.map((node) => ({ node, cost: 0 }))).dist : scoring.paths.dist;
  const riskOf = (t: number) => (starts ? targetRisk(model, forward[t]!, t) : scoring.risk[t]!);
  let targets: number[];
  if (q.to?.length) targets = [...new Set(q.to.map((ref) => resolveNode(model, ref, 'to')))];
  else if (starts) targets = model.targets.filter((t) => riskOf(t) > 0 && !starts.includes(t)).sort((a, b) => riskOf(b) - riskOf(a)).slice(0, q.targets);
  else targets = riskiestTargets(model, scoring, q.targets);
  const out: TargetRoutes[] = [];
  for (const t of targets) {
    const found = yield* topKSteps(model, t, q.k, {
      maxSteps: q.maxSteps, groupEntries: q.groupEntries ?? true,
      ...(starts ? { starts, forward } : { forward }), ...(entries ? { entries } : {}),
    });
    const routes = found.map((p) => describeRoute(model, p.positions, model.graph.weights, p.alike));
    out.push({ target: model.nodes[t]!.id, targetName: model.nodes[t]!.name, risk: routes[0]?.risk ?? 0, routes });
  }
  return out;
}
