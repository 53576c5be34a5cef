/**
 * `chokepoint report`: scores the store (a score run like `chokepoint score`, with the fix lifecycle step)
 * and writes the NIS2 / IEC 62443 evidence report — the same HTML as GET/POST /api/reports/nis2 — and a PDF
 * when asked and Chromium is present. Issued (recorded) unless --draft.
 */
import { writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { ChokepointError, scoreAndTrack, storeCoverage } from '@chokepoint/queries';
import { output, storeFrom, type GlobalOptions } from '../context.js';
import { analysisOptions, type AnalysisCliOptions } from './analysis-options.js';
import { plan, reportFacts } from '../../analysis/views.js';
import { produceNis2Report } from '../../reports/issue.js';

export interface ReportOptions extends GlobalOptions, AnalysisCliOptions { out?: string; pdf?: string; draft?: boolean }

export async function reportCommand(options: ReportOptions): Promise<void> {
  if (!options.out && !options.pdf) throw new ChokepointError('USAGE', 'say where to write the report: --out report.html and/or --pdf report.pdf');
  const store = await storeFrom(options);
  try {
    const { model, scoring, run } = await scoreAndTrack(store, analysisOptions(options));
    const scored = { model, scoring, gaps: (await storeCoverage(store)).byNode };
    const out = await produceNis2Report(store, { run, facts: async () => reportFacts(scored), plan: (budget, steps) => plan(scored, budget, steps) }, { by: `cli:${userInfo().username}`, draft: options.draft === true, pdf: options.pdf !== undefined });
    if (options.out) await writeFile(options.out, out.html, 'utf8');
    if (options.pdf && out.pdf) await writeFile(options.pdf, out.pdf);
    const files = [options.out, options.pdf].filter(Boolean).join(' and ');
    output(options, { scoreRun: run.id, draft: out.report.draft, files: [options.out, options.pdf].filter(Boolean), totalRisk: run.payload.totals.risk, planRows: out.report.plan.rows.length, verified: out.report.verified.length, accepted: out.report.accepted.length },
      () => `${out.report.draft ? 'draft ' : ''}evidence report of score run ${run.id} written to ${files}: total risk ${run.payload.totals.risk.toFixed(3)}, ${out.report.plan.rows.length} plan rows, ${out.report.verified.length} verified fixes, ${out.report.accepted.length} accepted risks`);
  } finally {
    await store.close();
  }
}
