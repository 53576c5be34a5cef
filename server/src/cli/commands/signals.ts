/** `chokepoint signals`: stored signals ranked by the route they sit on, the chains they form, and the risk with and without them. */
import { ChokepointError, analyseSignals, attachStoredSignals, loadModel, scoreModel } from '@chokepoint/queries';
import { storeFrom, type GlobalOptions } from '../context.js';
import { analysisOptions, numberOption, type AnalysisCliOptions } from './analysis-options.js';
import { signalsText } from '../render.js';

export interface SignalsOptions extends GlobalOptions, AnalysisCliOptions { now?: string; limit: string; format?: string }

export async function signalsCommand(options: SignalsOptions): Promise<void> {
  const format = options.format ?? (options.json ? 'json' : 'table');
  if (!['table', 'json'].includes(format)) throw new ChokepointError('USAGE', `--format must be table or json, got ${JSON.stringify(format)}`);
  const now = options.now === undefined ? new Date() : new Date(options.now);
  if (Number.isNaN(now.getTime())) throw new ChokepointError('USAGE', `--now must be an ISO-8601 time, got ${JSON.stringify(options.now)}`);
  const limit = numberOption(options.limit, '--limit', (n) => Number.isInteger(n) && n > 0 && n <= 10_000, 'a whole number from 1 to 10000')!;
  const store = await storeFrom(options);
  try {
    const attachment = await attachStoredSignals(store);
    const model = await loadModel(store, analysisOptions(options));
    const analysis = analyseSignals(model, scoreModel(model), attachment, { now, limit });
    process.stdout.write(format === 'json' ? `${JSON.stringify(analysis, null, 2)}\n` : `${signalsText(analysis)}\n`);
  } finally {
    await store.close();
  }
}
