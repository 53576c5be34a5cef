/** Reading the scoring policy file (`--policy FILE` or CHOKEPOINT_POLICY); absent means the defaults. */
import { readFileSync } from 'node:fs';
import { BadInputError, ChokepointError, DEFAULT_POLICY, parsePolicy, type ScoringPolicy } from '@chokepoint/queries';

const MAX_POLICY_BYTES = 16 * 1024 * 1024;

export function readPolicyFile(path: string | undefined | null): ScoringPolicy {
  if (!path) return DEFAULT_POLICY;
  let text: string;
  try {
    const bytes = readFileSync(path);
    if (bytes.length > MAX_POLICY_BYTES) throw new BadInputError({ file: path }, `the file has ${bytes.length} bytes`, `at most ${MAX_POLICY_BYTES} bytes`);
    text = bytes.toString('utf8');
  } catch (e) {
    if (e instanceof ChokepointError) throw e;
    throw new ChokepointError('USAGE', `scoring policy ${path}: ${(e as Error).message}`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new BadInputError({ file: path }, `not JSON (${(e as Error).message})`, 'a JSON scoring policy (README "Scoring policy")');
  }
  return parsePolicy(doc, path);
}
