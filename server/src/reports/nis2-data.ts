/**
 * The facts of the NIS2 / IEC 62443 evidence report, gathered once for both outputs (CLI `chokepoint
 * report`, GET/POST /api/reports/nis2): the scoring the report stands on, coverage, crown jewels, the
 * risk trend over every score run, the top routes, the plan with each row's lifecycle, verified fixes,
 * accepted risks, and what changed since the last issued report. Issued reports are recorded as `report`
 * documents so the next one can say what changed.
 */
import {
  asScoreRun, diffStoredScoreRuns, isOverdue, listFixRecords, scoreRunsInOrder, storeCoverage, type CoverageGap, type FixRecord, type GraphStore, type Plan,
  type PlanRow, type ScoreDiff, type ScoreRun, type SourceCoverage,
} from '@chokepoint/queries';
import { z } from 'zod';
import type { ReportFacts } from '../analysis/views.js';

export type ReportPlanRow = PlanRow & { gaps?: Array<{ node: string; name: string; missing: string[] }>; lifecycle: { status: string; owner: string | null; due: string; tier: string; overdue: boolean } | null };

export interface Nis2Report {
  generatedAt: string;
  generatedBy: string;
  /** Draft: not recorded as issued (the next report does not compare with it). */
  draft: boolean;
  store: string;
  scoreRun: { id: string; createdAt: string; totals: ScoreRun['payload']['totals'] };
  coverage: { sources: SourceCoverage[]; gaps: CoverageGap[] };
  crownJewels: ReportFacts['crownJewels'];
  trend: Array<{ id: string; at: string; risk: number }>;
  routes: ReportFacts['routes'];
  plan: { totalBefore: number; totalAfter: number; stopped: string; rows: ReportPlanRow[] };
  verified: FixRecord[];
  resurfaced: FixRecord[];
  accepted: FixRecord[];
  overdue: FixRecord[];
  previous: { id: string; at: string; scoreRun: string; diff: ScoreDiff | null; verifiedSince: FixRecord[] } | null;
}

const IssuedReport = z.object({ id: z.string(), createdAt: z.string(), by: z.string(), scoreRun: z.string(), totalRisk: z.number() });
export type IssuedReport = z.infer<typeof IssuedReport>;

async function lastIssued(store: GraphStore): Promise<IssuedReport | null> {
  const issued = (await store.listDocuments('report')).map((d) => IssuedReport.parse(d.body)).sort((a, b) => (a.createdAt < b.createdAt ? -1 : 1));
  return issued.at(-1) ?? null;
}

export interface ReportInputs {
  store: GraphStore;
  storeKind: string;
  run: ScoreRun;
  facts: ReportFacts;
  plan: Plan;
  by: string;
  draft: boolean;
  now?: Date;
}

export async function nis2ReportData(i: ReportInputs): Promise<Nis2Report> {
  const now = (i.now ?? new Date()).toISOString();
  const coverage = await storeCoverage(i.store);
  const runs = await scoreRunsInOrder(i.store);
  const records = [...(await listFixRecords(i.store)).values()];
  const previous = await lastIssued(i.store);
  let changed: Nis2Report['previous'] = null;
  if (previous) {
    const before = runs.find((r) => r.id === previous.scoreRun);
    const current = runs.find((r) => r.id === i.run.id);
    changed = {
      id: previous.id, at: previous.createdAt, scoreRun: previous.scoreRun,
      diff: before && current && before.id !== current.id ? await diffStoredScoreRuns(i.store, before, current) : null,
      verifiedSince: records.filter((r) => r.verified && r.verified.at > previous.createdAt),
    };
  }
  const byFix = new Map(records.map((r) => [r.fixId, r]));
  const byTime = <T>(pick: (r: FixRecord) => string | undefined) => (a: T & FixRecord, b: T & FixRecord) => ((pick(a) ?? '') < (pick(b) ?? '') ? -1 : 1);
  return {
    generatedAt: now, generatedBy: i.by, draft: i.draft, store: i.storeKind,
    scoreRun: { id: i.run.id, createdAt: i.run.createdAt, totals: i.run.payload.totals },
    coverage: { sources: coverage.sources, gaps: coverage.gaps },
    crownJewels: i.facts.crownJewels,
    trend: runs.map((r) => ({ id: r.id, at: r.createdAt, risk: asScoreRun(r).payload.totals.risk })),
    routes: i.facts.routes,
    plan: {
      totalBefore: i.plan.totalBefore, totalAfter: i.plan.totalAfter, stopped: i.plan.stopped,
      rows: i.plan.rows.map((r) => {
        const t = byFix.get(r.fixId);
        return { ...r, lifecycle: t ? { status: t.status, owner: t.owner, due: t.sla.due, tier: t.sla.tier, overdue: isOverdue(t, now) } : null };
      }),
    },
    verified: records.filter((r) => r.status === 'verified').sort(byTime((r) => r.verified?.at)),
    resurfaced: records.filter((r) => r.status === 'resurfaced').sort(byTime((r) => r.resurfaced?.at)),
    accepted: records.filter((r) => r.acceptance && r.acceptance.expires > now).sort(byTime((r) => r.acceptance?.expires)),
    overdue: records.filter((r) => isOverdue(r, now)).sort(byTime((r) => r.sla.due)),
    previous: changed,
  };
}

/** Records an issued report, so the next one says what changed since. */
export async function recordIssuedReport(store: GraphStore, report: Nis2Report): Promise<IssuedReport> {
  const issued: IssuedReport = { id: `report-${report.generatedAt.replace(/[-:.]/g, '')}`, createdAt: report.generatedAt, by: report.generatedBy, scoreRun: report.scoreRun.id, totalRisk: report.scoreRun.totals.risk };
  await store.writeDocuments([{ collection: 'report', id: issued.id, updatedAt: issued.createdAt, body: issued }]);
  return issued;
}
