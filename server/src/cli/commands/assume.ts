/** `chokepoint assume <assumption…>`: the observed score beside the score with assumptions (ADR 0011); nothing stored. */
import { ASSUMPTIONS, ChokepointError, compareAssumptions, type Assumption } from '@chokepoint/queries';
import { output, storeFrom, type GlobalOptions } from '../context.js';
import { analysisOptions, type AnalysisCliOptions } from './analysis-options.js';
import { fmt, routeText } from '../render.js';

export async function assumeCommand(assumptions: string[], options: GlobalOptions & AnalysisCliOptions): Promise<void> {
  const unknown = assumptions.filter((a) => !(ASSUMPTIONS as readonly string[]).includes(a));
  if (unknown.length) throw new ChokepointError('USAGE', `unknown assumption ${unknown.join(', ')}; known: ${ASSUMPTIONS.join(', ')}`);
  const store = await storeFrom(options);
  try {
    const result = await compareAssumptions(store, assumptions as Assumption[], analysisOptions(options));
    output(options, result, () => [
      `observed total risk ${fmt(result.observed)}; with ${assumptions.join(', ')} (${result.assumedSteps} assumed step(s)): ${fmt(result.assumed)} — nothing stored`,
      ...result.targets.slice(0, 10).map((t) => `${t.name}: ${fmt(t.observed)} → ${fmt(t.assumed)}\n${routeText(t.route)}`),
    ].join('\n'));
  } finally {
    await store.close();
  }
}
