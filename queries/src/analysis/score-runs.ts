/**
 * Score runs and their diffs. A score run stores totals, per-target risk and best route (with each
 * step's id, facts and the source runs that asserted it) and the import runs it saw, so a later diff can
 * say which edge, from which source, made a route appear or disappear.
 */
import { randomUUID } from 'node:crypto';
import { ChokepointError } from '../errors.js';
import type { RunRecord, ScoreRunRecord } from '../store/port.js';
import type { AnalysisModel } from './model.js';
import { describeRoute, type Route } from './routes.js';
import { routeTo } from './dijkstra.js';
import type { Scoring } from './score.js';

export interface ScoredStep { eid: string; kind: string; from: string; to: string; p: number; facts: string[]; sources: string[]; firstSeen: string | null }
export interface ScoredTarget {
  id: string;
  name: string;
  risk: number;
  route: { fingerprint: string; entry: string; steps: ScoredStep[] } | null;
}
export interface ScorePayload {
  version: 1;
  minCriticality: number;
  totals: { risk: number; targets: number; reachableTargets: number; entries: number; steps: number; derivedSteps: number };
  /** Import runs the scoring saw (id, source, finishedAt). */
  importRuns: Array<{ id: string; source: string; finishedAt: string }>;
  targets: ScoredTarget[];
  /** Signal chains current at the scoring (signals.ts), when signals are stored. */
  chains?: ChainSummary[];
}
export interface ChainSummary { id: string; score: number; target: string; targetName: string; signals: string[]; explain: string }
export interface ScoreRun { id: string; createdAt: string; payload: ScorePayload }

/** Best route of every reachable target, as routes. */
export function bestRoutes(model: AnalysisModel, scoring: Scoring): Route[] {
  const out: Route[] = [];
  for (const t of model.targets) {
    const positions = scoring.risk[t]! > 0 ? routeTo(model.graph, scoring.paths, t) : null;
    if (positions?.length) out.push(describeRoute(model, positions, scoring.weights));
  }
  return out;
}

export function scoreRunRecord(model: AnalysisModel, scoring: Scoring, runs: readonly RunRecord[], now = new Date()): ScoreRun {
  const routes = new Map(bestRoutes(model, scoring).map((r) => [r.target, r]));
  const targets: ScoredTarget[] = model.targets.map((t) => {
    const node = model.nodes[t]!;
    const route = routes.get(node.id);
    return {
      id: node.id, name: node.name, risk: scoring.risk[t]!,
      route: route ? { fingerprint: route.fingerprint, entry: route.entry, steps: route.steps.map((s) => ({ eid: s.eid, kind: s.kind, from: s.from, to: s.to, p: s.p, facts: s.facts, sources: s.sources, firstSeen: s.firstSeen })) } : null,
    };
  });
  return {
    id: `score-${now.toISOString().replace(/[-:.]/g, '').slice(0, 15)}-${randomUUID().slice(0, 8)}`,
    createdAt: now.toISOString(),
    payload: {
      version: 1, minCriticality: model.minCriticality,
      totals: {
        risk: scoring.total, targets: model.targets.length, reachableTargets: scoring.reachableTargets, entries: model.entries.length,
        steps: model.steps.length, derivedSteps: model.steps.filter((s) => s.derived && s.kind !== 'Entry').length,
      },
      importRuns: runs.map((r) => ({ id: r.id, source: r.source, finishedAt: r.finishedAt })),
      targets,
    },
  };
}

/** Reads a stored record back, checking its shape (records are written by this module only). */
export function asScoreRun(record: ScoreRunRecord): ScoreRun {
  const payload = record.payload as Partial<ScorePayload> | null;
  if (!payload || payload.version !== 1 || !Array.isArray(payload.targets)) throw new ChokepointError('STORE_CORRUPT', `score run ${record.id} has an unknown payload shape`);
  return { id: record.id, createdAt: record.createdAt, payload: payload as ScorePayload };
}

export interface RouteChange {
  target: string;
  targetName: string;
  fingerprint: string;
  risk: number;
  /** What made the route appear or disappear, in words, one line per responsible step. */
  causes: string[];
}

export interface ScoreDiff {
  from: string;
  to: string;
  totalBefore: number;
  totalAfter: number;
  delta: number;
  newRoutes: RouteChange[];
  closedRoutes: RouteChange[];
  riskChanges: Array<{ target: string; name: string; before: number; after: number; delta: number }>;
  /** Import runs between the two scorings. */
  importRuns: Array<{ id: string; source: string; finishedAt: string }>;
  /** Signal chains found by the later scoring and not the earlier, and the other way round. */
  newChains: ChainSummary[];
  endedChains: ChainSummary[];
}

const describeStep = (s: ScoredStep) => `${s.kind} ${s.from} → ${s.to} (${s.eid})`;

/**
 * Diffs two score runs. `edgeExists` answers whether a stored edge id still exists now (for naming the
 * edge that closed a route); `runs` are the import runs, to name the one that removed or added it.
 */
export function diffScoreRuns(a: ScoreRun, b: ScoreRun, edgeExists: (eid: string) => boolean, runs: readonly RunRecord[]): ScoreDiff {
  const before = new Map(a.payload.targets.map((t) => [t.id, t]));
  const after = new Map(b.payload.targets.map((t) => [t.id, t]));
  const between = runs.filter((r) => r.finishedAt > a.createdAt && r.finishedAt <= b.createdAt);
  const runOf = (sources: string[], pick: (r: RunRecord) => boolean) =>
    between.filter((r) => sources.includes(r.source) && pick(r)).map((r) => `run ${r.id} (${r.source}, ${r.finishedAt})`);
  const closed: RouteChange[] = [], opened: RouteChange[] = [];
  for (const [id, old] of before) {
    const now = after.get(id);
    if (!old.route || now?.route?.fingerprint === old.route.fingerprint) continue;
    const causes: string[] = [];
    for (const s of old.route.steps) {
      const gone = s.facts.filter((f) => !f.startsWith('node:') && !edgeExists(f));
      if (gone.length === 0) continue;
      const removers = runOf(s.sources, (r) => (r.cleanup?.edgesDeleted ?? 0) + (r.cleanup?.edgesReleased ?? 0) > 0);
      causes.push(`${describeStep(s)} is gone: ${gone.join(', ')} no longer stored (asserted by ${s.sources.join(', ') || 'no source'}${removers.length ? `; removed by ${removers.join(', ')}` : ''})`);
    }
    if (causes.length === 0) causes.push(now?.route ? `superseded by route ${now.route.fingerprint}` : 'no longer reachable (a step probability or entry changed)');
    closed.push({ target: id, targetName: old.name, fingerprint: old.route.fingerprint, risk: old.risk, causes });
  }
  for (const [id, cur] of after) {
    const old = before.get(id);
    if (!cur.route || old?.route?.fingerprint === cur.route.fingerprint) continue;
    const causes = cur.route.steps
      .filter((s) => s.firstSeen !== null && s.firstSeen > a.createdAt)
      .map((s) => `${describeStep(s)} is new: first seen ${s.firstSeen} (from ${s.sources.join(', ')}${runOf(s.sources, () => true).length ? `; ${runOf(s.sources, () => true).join(', ')}` : ''})`);
    if (causes.length === 0) causes.push(old?.route ? `replaces route ${old.route.fingerprint}` : 'newly reachable (a step probability or entry changed)');
    opened.push({ target: id, targetName: cur.name, fingerprint: cur.route.fingerprint, risk: cur.risk, causes });
  }
  const ids = new Set([...before.keys(), ...after.keys()]);
  const riskChanges = [...ids].map((id) => {
    const x = before.get(id)?.risk ?? 0, y = after.get(id)?.risk ?? 0;
    return { target: id, name: after.get(id)?.name ?? before.get(id)?.name ?? id, before: x, after: y, delta: y - x };
  }).filter((r) => Math.abs(r.delta) > 1e-12).sort((p, q) => Math.abs(q.delta) - Math.abs(p.delta));
  return {
    from: a.id, to: b.id, totalBefore: a.payload.totals.risk, totalAfter: b.payload.totals.risk, delta: b.payload.totals.risk - a.payload.totals.risk,
    newRoutes: opened.sort((p, q) => q.risk - p.risk), closedRoutes: closed.sort((p, q) => q.risk - p.risk), riskChanges,
    importRuns: between.map((r) => ({ id: r.id, source: r.source, finishedAt: r.finishedAt })),
    newChains: (b.payload.chains ?? []).filter((c) => !(a.payload.chains ?? []).some((x) => x.id === c.id)),
    endedChains: (a.payload.chains ?? []).filter((c) => !(b.payload.chains ?? []).some((x) => x.id === c.id)),
  };
}
