/** One way to produce the evidence report from a scoring, for the CLI and the API alike: gather, render, optionally print, record when issued. */
import { DEFAULT_PLAN_STEPS, type GraphStore, type Plan, type ScoreRun } from '@chokepoint/queries';
import type { ReportFacts } from '../analysis/views.js';
import { nis2ReportData, recordIssuedReport, type Nis2Report } from './nis2-data.js';
import { renderNis2Html } from './nis2-html.js';
import { htmlToPdf } from './pdf.js';

export interface ScoringSource {
  run: ScoreRun;
  facts: () => Promise<ReportFacts>;
  plan: (budget: number | undefined, steps: number) => Promise<Plan>;
}

export interface IssuedOutput { report: Nis2Report; html: string; pdf: Buffer | null }

export async function produceNis2Report(store: GraphStore, scoring: ScoringSource, options: { by: string; draft: boolean; pdf: boolean }): Promise<IssuedOutput> {
  const [facts, plan] = await Promise.all([scoring.facts(), scoring.plan(undefined, DEFAULT_PLAN_STEPS)]);
  const report = await nis2ReportData({ store, storeKind: store.kind, run: scoring.run, facts, plan, by: options.by, draft: options.draft });
  const html = renderNis2Html(report);
  const pdf = options.pdf ? await htmlToPdf(html) : null;
  if (!options.draft) await recordIssuedReport(store, report);
  return { report, html, pdf };
}
