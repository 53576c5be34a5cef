/** `chokepoint diff [A B]`: what changed between two score runs (default: the last two). */
import { ChokepointError, diffStoredScoreRuns, scoreRunsInOrder } from '@chokepoint/queries';
import { output, storeFrom, type GlobalOptions } from '../context.js';
import { diffText } from '../render.js';

export async function diffCommand(ids: string[], options: GlobalOptions): Promise<void> {
  if (ids.length !== 0 && ids.length !== 2) throw new ChokepointError('USAGE', 'give two score run ids, or none for the last two');
  const store = await storeFrom(options);
  try {
    const runs = await scoreRunsInOrder(store);
    const pick = (id: string) => {
      const r = runs.find((x) => x.id === id);
      if (!r) throw new ChokepointError('NOT_FOUND', `no score run ${JSON.stringify(id)} (see \`chokepoint score\`)`);
      return r;
    };
    if (ids.length === 0 && runs.length < 2) throw new ChokepointError('NOT_FOUND', `diff needs two score runs; the store has ${runs.length}`);
    const [a, b] = ids.length === 2 ? [pick(ids[0]!), pick(ids[1]!)] : [runs[runs.length - 2]!, runs[runs.length - 1]!];
    const diff = await diffStoredScoreRuns(store, a, b);
    output(options, diff, () => diffText(diff));
  } finally {
    await store.close();
  }
}
