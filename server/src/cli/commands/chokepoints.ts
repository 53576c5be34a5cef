/** `chokepoint chokepoints`: the nodes and steps most routes cross, as a table, CSV or JSON. */
import { ChokepointError, chokePoints, loadModel, scoreModel } from '@chokepoint/queries';
import { storeFrom, type GlobalOptions } from '../context.js';
import { analysisOptions, numberOption, type AnalysisCliOptions } from './analysis-options.js';
import { chokeText } from '../render.js';
import { renderExport } from '../../analysis/export-render.js';
import { CHOKEPOINT_COLUMNS, chokepointRows } from '../../analysis/views.js';

export interface ChokepointsOptions extends GlobalOptions, AnalysisCliOptions {
  limit: string;
  format?: string;
}

export async function chokepointsCommand(options: ChokepointsOptions): Promise<void> {
  const format = options.format ?? (options.json ? 'json' : 'table');
  if (!['table', 'csv', 'json'].includes(format)) throw new ChokepointError('USAGE', `--format must be table, csv or json, got ${JSON.stringify(format)}`);
  const limit = numberOption(options.limit, '--limit', (n) => Number.isInteger(n) && n >= 1 && n <= 100, 'a whole number from 1 to 100')!;
  const store = await storeFrom(options);
  try {
    const model = await loadModel(store, analysisOptions(options));
    // The same computation as GET /api/chokepoints (confirmed removal for the top 10).
    const points = chokePoints(model, scoreModel(model), { limit, confirm: 10 });
    if (format === 'json') process.stdout.write(`${JSON.stringify(points, null, 2)}\n`);
    // The same file as GET /api/exports/chokepoints?format=csv (one renderer, the same columns).
    else if (format === 'csv') process.stdout.write(renderExport('csv', CHOKEPOINT_COLUMNS, chokepointRows(points)));
    else process.stdout.write(`${chokeText(points)}\n`);
  } finally {
    await store.close();
  }
}
