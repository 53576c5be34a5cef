/**
 * The remediation plan: greedy by risk removed per unit of cost, re-scoring after each pick so overlaps
 * are honest. Lazy evaluation keeps it fast: a fix can only remove risk carried by the best routes it
 * cuts, so that sum is an upper bound; candidates are tried in bound/cost order with the exact change
 * (incremental.ts), and the search stops once no remaining bound can beat the best exact ratio. The pick
 * is then applied by patching the scoring (only the nodes below the cut are recomputed).
 *
 * Single fixes stall on parallel routes (two vendor grants into one workstation: removing either alone
 * removes nothing). So each round also builds a cut set for each of the riskiest targets — the cheapest
 * removing fix on its current best route, again on the route that takes over, until the target is cut
 * off — and a cut set whose ratio beats the best single fix is taken whole (one row per fix).
 */
import { fixCandidateSteps, fixChanges, type FixCandidate } from './fixes.js';
import { routeTo } from './dijkstra.js';
import { runCooperatively, runToEnd } from '../cooperative.js';
import { RiskEvaluator, type RiskChange } from './incremental.js';
import type { AnalysisModel } from './model.js';
import { scoreModel, type Scoring } from './score.js';

export interface PlanTarget { id: string; name: string; before: number; after: number }

export interface PlanRow {
  rank: number;
  /** The fixes taken together with this one when it is part of a cut set (empty for a single fix). */
  together: string[];
  fixId: string;
  family: FixCandidate['family'];
  action: string;
  cost: number;
  cumulativeCost: number;
  riskBefore: number;
  riskAfter: number;
  riskRemoved: number;
  /** Best routes (one per target) this fix cuts or weakens. */
  routesCut: number;
  targetsProtected: PlanTarget[];
  nis2: string;
  cir2690: string;
  iec62443: string | null;
  explain: string;
}

export interface Plan {
  totalBefore: number;
  totalAfter: number;
  rows: PlanRow[];
  /** Why the plan stopped. */
  stopped: 'steps' | 'budget' | 'no-risk-left' | 'no-fix-helps';
}

/** The plan's length when none is asked for: the rows a scoring warms up and whose fixes the lifecycle tracks. */
export const DEFAULT_PLAN_STEPS = 20;

export interface PlanOptions {
  /** Stop before the cumulative cost exceeds this (person-days). */
  budget?: number;
  /** At most this many rows (default 20). */
  steps?: number;
  candidates?: Map<string, FixCandidate>;
}

/** Risk and route count each step position carries on the current best routes. */
export function routeCrossings(model: AnalysisModel, scoring: Scoring): { risk: Float64Array; routes: Uint32Array } {
  const m = model.graph.targets.length;
  const risk = new Float64Array(m), routes = new Uint32Array(m);
  const { via } = scoring.paths;
  const { sources } = model.graph;
  for (const t of model.targets) {
    const r = scoring.risk[t]!;
    if (r <= 0) continue;
    for (let k = via[t]!; k !== -1; k = via[sources[k]!]!) { risk[k]! += r; routes[k]!++; }
  }
  return { risk, routes };
}

const fmt = (x: number) => String(Math.round(x * 1000) / 1000);

export function remediationPlan(model: AnalysisModel, options: PlanOptions = {}): Plan {
  return runToEnd(planSteps(model, options));
}

/** The same plan, yielding to the event loop between slices of work (for the server). */
export function remediationPlanCooperatively(model: AnalysisModel, options: PlanOptions = {}): Promise<Plan> {
  return runCooperatively(planSteps(model, options));
}

/** With a budget, how many of the single fixes that remove the most are each tried as the plan's first pick. */
const BUDGET_SEEDS = 4;

function* planSteps(model: AnalysisModel, options: PlanOptions): Generator<void, Plan> {
  const candidates = withoutAccepted(model, options.candidates ?? (yield* fixCandidateSteps(model)));
  const base = scoreModel(model);
  let best = yield* greedy(model, candidates, options, base, null);
  if (options.budget === undefined || best.rows.length === 0) return best;
  // Under a budget, ratio order can spend it on cheap fixes and leave out one that removes far more (the
  // knapsack trap); so the plans that start with each of the few largest single removals are tried too,
  // and the one that removes most is kept.
  const evaluator = new RiskEvaluator(model, base);
  const singles: Array<{ fix: FixCandidate; removed: number }> = [];
  for (const fix of candidates.values()) {
    if (fix.cost > options.budget + 1e-9 || fix.id === best.rows[0]!.fixId) continue;
    const removed = evaluator.evaluate(fixChanges(model, fix)).removed;
    if (removed > 1e-12) singles.push({ fix, removed });
    yield;
  }
  singles.sort((a, b) => b.removed - a.removed || (a.fix.id < b.fix.id ? -1 : 1));
  for (const { fix } of singles.slice(0, BUDGET_SEEDS)) {
    const seeded = yield* greedy(model, candidates, options, base, fix);
    if (seeded.totalAfter < best.totalAfter - 1e-12) best = seeded;
  }
  return best;
}

/** Fixes whose risk is accepted leave the plan until the acceptance expires (fix lifecycle). */
function withoutAccepted(model: AnalysisModel, candidates: Map<string, FixCandidate>): Map<string, FixCandidate> {
  const accepted = model.acceptedFixes;
  if (!accepted?.size) return candidates;
  return new Map([...candidates].filter(([id]) => !accepted.has(id)));
}

/** The greedy plan, optionally taking `seed` first. */
function* greedy(model: AnalysisModel, candidates: ReadonlyMap<string, FixCandidate>, options: PlanOptions, base: Scoring, seed: FixCandidate | null): Generator<void, Plan> {
  const maxRows = options.steps ?? DEFAULT_PLAN_STEPS;
  let scoring = base;
  const totalBefore = scoring.total;
  const rows: PlanRow[] = [];
  const applied = new Set<string>();
  let byPosition: RemovalIndex | null = null; // built when a cut set is first needed
  let spent = 0;
  let stopped: Plan['stopped'] = 'steps';
  if (seed) {
    const next = new RiskEvaluator(model, scoring).rescore(fixChanges(model, seed));
    spent += seed.cost;
    applied.add(seed.id);
    rows.push(row(model, 1, seed, scoring, next, spent, 0, [], 'taken first: within the budget, starting with the fix that removes the most leaves more risk removed than ratio order would'));
    scoring = next;
  }
  while (rows.length < maxRows) {
    yield;
    if (scoring.total <= 1e-12) { stopped = 'no-risk-left'; break; }
    const crossing = routeCrossings(model, scoring);
    const ranked: Array<{ fix: FixCandidate; bound: number; routes: number }> = [];
    for (const fix of candidates.values()) {
      if (applied.has(fix.id)) continue;
      let bound = 0, routes = 0;
      for (const p of fix.positions) { bound += crossing.risk[p]!; routes += crossing.routes[p]!; } // positions are distinct per fix
      if (bound > 1e-12) ranked.push({ fix, bound, routes });
    }
    ranked.sort((a, b) => b.bound / b.fix.cost - a.bound / a.fix.cost || (a.fix.id < b.fix.id ? -1 : 1));
    yield;
    const evaluator = new RiskEvaluator(model, scoring);
    let evaluated = 0;
    let best: { fix: FixCandidate; removed: number; ratio: number; routes: number; bound: number } | null = null;
    let overBudget = false;
    for (const c of ranked) {
      if (best && c.bound / c.fix.cost <= best.ratio) break;
      if (options.budget !== undefined && spent + c.fix.cost > options.budget + 1e-9) { overBudget = true; continue; }
      if (++evaluated % 50 === 0) yield;
      const change: RiskChange | null = best ? evaluator.evaluateAbove(fixChanges(model, c.fix), best.ratio * c.fix.cost) : evaluator.evaluate(fixChanges(model, c.fix));
      if (!change) continue; // cannot beat the best ratio: skipped after seeding
      const removed: number = change.removed;
      const ratio = removed / c.fix.cost;
      if (removed > 1e-12 && (!best || ratio > best.ratio)) best = { fix: c.fix, removed, ratio, routes: c.routes, bound: c.bound };
    }
    // Cut sets are worth building when single fixes are frustrated: none helps, or the best one removes
    // under half of the risk on the best routes it cuts (other routes take over).
    const frustrated = !best || best.removed < CUT_TRIGGER * best.bound;
    if (frustrated) byPosition ??= new RemovalIndex(model.graph.targets.length, candidates);
    const cut = frustrated && byPosition && bestCutSet(model, scoring, evaluator, candidates, applied, options.budget === undefined ? Infinity : options.budget - spent, byPosition, Math.min(CUT_MAX_FIXES, maxRows - rows.length));
    if (cut && (!best || cut.ratio > best.ratio + 1e-12)) {
      // Taken whole: one row per fix, each re-scored in turn, so the rows add up to the set's effect.
      const ids = cut.fixes.map((f) => f.id);
      for (const fix of cut.fixes) {
        const next = new RiskEvaluator(model, scoring).rescore(fixChanges(model, fix));
        spent += fix.cost;
        applied.add(fix.id);
        rows.push(row(model, rows.length + 1, fix, scoring, next, spent, 0, ids.filter((x) => x !== fix.id),
          `part of a cut set of ${ids.length} fixes that together remove ${fmt(cut.removed)} for ${fmt(cut.cost)} person-days (${fmt(cut.ratio)} per day) — no single fix helps as much, since parallel routes take over`));
        scoring = next;
      }
      continue;
    }
    if (!best) { stopped = overBudget ? 'budget' : 'no-fix-helps'; break; }
    const next = evaluator.rescore(fixChanges(model, best.fix));
    spent += best.fix.cost;
    applied.add(best.fix.id);
    rows.push(row(model, rows.length + 1, best.fix, scoring, next, spent, best.routes, [],
      `${best.fix.factor === null ? 'removes' : `multiplies p by ${best.fix.factor} on`} ${best.fix.positions.length} step(s); cuts ${best.routes} best route(s)`));
    scoring = next;
  }
  return { totalBefore, totalAfter: scoring.total, rows, stopped };
}

function row(model: AnalysisModel, rank: number, fix: FixCandidate, before: Scoring, after: Scoring, spent: number, routes: number, together: string[], how: string): PlanRow {
  const targetsProtected: PlanTarget[] = [];
  for (const t of model.targets) {
    if (after.risk[t]! < before.risk[t]! - 1e-15) targetsProtected.push({ id: model.nodes[t]!.id, name: model.nodes[t]!.name, before: before.risk[t]!, after: after.risk[t]! });
  }
  targetsProtected.sort((a, b) => b.before - b.after - (a.before - a.after));
  const removed = before.total - after.total;
  return {
    rank, together, fixId: fix.id, family: fix.family, action: fix.action, cost: fix.cost, cumulativeCost: Math.round(spent * 100) / 100,
    riskBefore: before.total, riskAfter: after.total, riskRemoved: removed, routesCut: routes, targetsProtected,
    nis2: fix.nis2, cir2690: fix.cir2690, iec62443: fix.iec62443,
    explain: `${how}; re-scored total ${fmt(before.total)} → ${fmt(after.total)} (−${fmt(removed)}) for ${fix.cost} person-days = ${fmt(removed / fix.cost)} per day`,
  };
}

/** Fixes that remove steps (not weaken them), by the CSR positions they remove: a CSR of its own (8 bytes per step). */
class RemovalIndex {
  private readonly fixes: FixCandidate[] = [];
  private readonly offsets: Uint32Array;
  private readonly entries: Uint32Array;

  constructor(steps: number, candidates: ReadonlyMap<string, FixCandidate>) {
    this.offsets = new Uint32Array(steps + 1);
    for (const fix of candidates.values()) {
      if (fix.factor !== null) continue;
      this.fixes.push(fix);
      for (const p of fix.positions) this.offsets[p + 1]!++;
    }
    for (let p = 0; p < steps; p++) this.offsets[p + 1]! += this.offsets[p]!;
    this.entries = new Uint32Array(this.offsets[steps]!);
    const cursor = this.offsets.slice(0, steps);
    this.fixes.forEach((fix, i) => { for (const p of fix.positions) this.entries[cursor[p]!++] = i; });
  }

  *at(position: number): Generator<FixCandidate> {
    for (let k = this.offsets[position]!; k < this.offsets[position + 1]!; k++) yield this.fixes[this.entries[k]!]!;
  }
}

/** How many of the riskiest targets get a cut set each round, and how many fixes a cut set may hold. */
const CUT_TARGETS = 3;
const CUT_MAX_FIXES = 8;
const CUT_TRIGGER = 0.5;

/**
 * The best cut set by ratio among the riskiest targets' (see the header), or null. Each is built on the
 * current scoring: the cheapest unapplied removing fix on the target's best route, then on the route
 * that takes over, until the target is unreachable (or the set outgrows the budget or CUT_MAX_FIXES).
 */
function bestCutSet(model: AnalysisModel, scoring: Scoring, evaluator: RiskEvaluator, candidates: ReadonlyMap<string, FixCandidate>, applied: ReadonlySet<string>, budgetLeft: number, byPosition: RemovalIndex, maxFixes: number): { fixes: FixCandidate[]; removed: number; cost: number; ratio: number } | null {
  const riskiest = model.targets.filter((t) => scoring.risk[t]! > 0).sort((a, b) => scoring.risk[b]! - scoring.risk[a]!).slice(0, CUT_TARGETS);
  let best: { fixes: FixCandidate[]; removed: number; cost: number; ratio: number } | null = null;
  const tried = new Set<string>();
  for (const t of riskiest) {
    const fixes: FixCandidate[] = [];
    const changes: ReturnType<typeof fixChanges> = [];
    let cost = 0, cutOff = false;
    while (fixes.length < maxFixes) {
      const route = changes.length ? evaluator.routeAfter(changes, t) : routeTo(model.graph, scoring.paths, t);
      if (!route) { cutOff = true; break; }
      let pick: FixCandidate | null = null;
      for (const p of route) {
        for (const f of byPosition.at(p)) {
          if (applied.has(f.id) || fixes.includes(f) || !candidates.has(f.id)) continue;
          if (!pick || f.cost < pick.cost || (f.cost === pick.cost && f.id < pick.id)) pick = f;
        }
      }
      if (!pick || cost + pick.cost > budgetLeft + 1e-9) break;
      fixes.push(pick); cost += pick.cost; changes.push(...fixChanges(model, pick));
    }
    if (!cutOff || fixes.length < 2) continue; // a single fix is the singles' business
    const key = fixes.map((f) => f.id).sort().join('|');
    if (tried.has(key)) continue;
    tried.add(key);
    const removed = evaluator.evaluate(changes).removed;
    if (removed <= 1e-12) continue;
    const ratio = removed / cost;
    if (!best || ratio > best.ratio) best = { fixes, removed, cost, ratio };
  }
  return best;
}
