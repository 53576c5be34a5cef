/** Options the analysis commands share. */
import { ChokepointError, type ModelOptions } from '@chokepoint/queries';
import { readPolicyFile } from '../../policy-file.js';

export interface AnalysisCliOptions {
  minCriticality?: string;
  /** The global --policy (else $CHOKEPOINT_POLICY). */
  policy?: string;
}

export function numberOption(value: string | undefined, flag: string, check: (n: number) => boolean, expected: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || !check(n)) throw new ChokepointError('USAGE', `${flag} must be ${expected}, got ${JSON.stringify(value)}`);
  return n;
}

export function analysisOptions(options: AnalysisCliOptions): ModelOptions {
  const minCriticality = numberOption(options.minCriticality, '--min-criticality', (n) => n > 0 && n <= 10, 'a number in (0, 10]');
  const policy = readPolicyFile(options.policy ?? process.env.CHOKEPOINT_POLICY);
  return minCriticality === undefined ? { policy } : { minCriticality, policy };
}
