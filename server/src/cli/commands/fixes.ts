/** `chokepoint fixes`: the prioritised remediation plan, as a table, CSV or JSON. */
import { ChokepointError, loadModel, planWithGaps, remediationPlan, storeCoverage } from '@chokepoint/queries';
import { storeFrom, type GlobalOptions } from '../context.js';
import { analysisOptions, numberOption, type AnalysisCliOptions } from './analysis-options.js';
import { fmt, planTable } from '../render.js';
import { renderExport } from '../../analysis/export-render.js';
import { PLAN_COLUMNS, planRows } from '../../analysis/views.js';

export interface FixesOptions extends GlobalOptions, AnalysisCliOptions {
  budget?: string;
  steps: string;
  format?: string;
}

export async function fixesCommand(options: FixesOptions): Promise<void> {
  const format = options.format ?? (options.json ? 'json' : 'table');
  if (!['table', 'csv', 'json'].includes(format)) throw new ChokepointError('USAGE', `--format must be table, csv or json, got ${JSON.stringify(format)}`);
  const budget = numberOption(options.budget, '--budget', (n) => n >= 0, 'a number of person-days ≥ 0');
  const steps = numberOption(options.steps, '--steps', (n) => Number.isInteger(n) && n > 0, 'a positive whole number')!;
  const store = await storeFrom(options);
  try {
    const model = await loadModel(store, analysisOptions(options));
    const plan = planWithGaps(model, remediationPlan(model, { steps, ...(budget !== undefined ? { budget } : {}) }), (await storeCoverage(store)).byNode);
    if (format === 'json') process.stdout.write(`${JSON.stringify(plan, null, 2)}\n`);
    // The same file as GET /api/exports/plan?format=csv (one renderer, the same columns).
    else if (format === 'csv') process.stdout.write(renderExport('csv', PLAN_COLUMNS, planRows(model, plan)));
    else process.stdout.write(`remediation plan: total risk ${fmt(plan.totalBefore)} → ${fmt(plan.totalAfter)} (stopped: ${plan.stopped})\n${planTable(plan.rows)}\n`);
  } finally {
    await store.close();
  }
}
