/**
 * The remediation plan: greedy by risk removed per unit of cost, re-scoring after each pick so overlaps
 * are honest. Lazy evaluation keeps it fast: a fix can only remove risk carried by the best routes it
 * cuts, so that sum is an upper bound; candidates are tried in bound/cost order with the exact change
 * (incremental.ts), and the search stops once no remaining bound can beat the best exact ratio. The pick
 * is then applied by patching the scoring (only the nodes below the cut are recomputed).
 */
import { fixCandidateSteps, fixChanges, type FixCandidate } from './fixes.js';
import { runCooperatively, runToEnd } from '../cooperative.js';
import { RiskEvaluator, type RiskChange } from './incremental.js';
import type { AnalysisModel } from './model.js';
import { scoreModel, type Scoring } from './score.js';

export interface PlanTarget { id: string; name: string; before: number; after: number }

export interface PlanRow {
  rank: number;
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

function* planSteps(model: AnalysisModel, options: PlanOptions): Generator<void, Plan> {
  const candidates = options.candidates ?? (yield* fixCandidateSteps(model));
  const maxRows = options.steps ?? 20;
  let scoring = scoreModel(model);
  const totalBefore = scoring.total;
  const rows: PlanRow[] = [];
  const applied = new Set<string>();
  let spent = 0;
  let stopped: Plan['stopped'] = 'steps';
  while (rows.length < maxRows) {
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
    let best: { fix: FixCandidate; removed: number; ratio: number; routes: number } | null = null;
    let overBudget = false;
    for (const c of ranked) {
      if (best && c.bound / c.fix.cost <= best.ratio) break;
      if (options.budget !== undefined && spent + c.fix.cost > options.budget + 1e-9) { overBudget = true; continue; }
      if (++evaluated % 50 === 0) yield;
      const change: RiskChange | null = best ? evaluator.evaluateAbove(fixChanges(model, c.fix), best.ratio * c.fix.cost) : evaluator.evaluate(fixChanges(model, c.fix));
      if (!change) continue; // cannot beat the best ratio: skipped after seeding
      const removed: number = change.removed;
      const ratio = removed / c.fix.cost;
      if (removed > 1e-12 && (!best || ratio > best.ratio)) best = { fix: c.fix, removed, ratio, routes: c.routes };
    }
    if (!best) { stopped = overBudget ? 'budget' : 'no-fix-helps'; break; }
    const next = evaluator.rescore(fixChanges(model, best.fix));
    const protectedTargets: PlanTarget[] = [];
    for (const t of model.targets) {
      if (next.risk[t]! < scoring.risk[t]! - 1e-15) protectedTargets.push({ id: model.nodes[t]!.id, name: model.nodes[t]!.name, before: scoring.risk[t]!, after: next.risk[t]! });
    }
    protectedTargets.sort((a, b) => b.before - b.after - (a.before - a.after));
    spent += best.fix.cost;
    applied.add(best.fix.id);
    rows.push({
      rank: rows.length + 1, fixId: best.fix.id, family: best.fix.family, action: best.fix.action, cost: best.fix.cost, cumulativeCost: Math.round(spent * 100) / 100,
      riskBefore: scoring.total, riskAfter: next.total, riskRemoved: scoring.total - next.total, routesCut: best.routes, targetsProtected: protectedTargets,
      nis2: best.fix.nis2, iec62443: best.fix.iec62443,
      explain: `${best.fix.factor === null ? 'removes' : `multiplies p by ${best.fix.factor} on`} ${best.fix.positions.length} step(s); cuts ${best.routes} best route(s); re-scored total ${fmt(scoring.total)} → ${fmt(next.total)} (−${fmt(scoring.total - next.total)}) for ${best.fix.cost} person-days = ${fmt((scoring.total - next.total) / best.fix.cost)} per day`,
    });
    scoring = next;
  }
  return { totalBefore, totalAfter: scoring.total, rows, stopped };
}
