/**
 * Child process for the crash test: writes a sequence of runs into an embedded store and prints
 * `COMMITTED <n>` after each, until it is killed. Batches come from crashBatches(), so the parent can
 * rebuild the expected state for any committed prefix.
 */
import { EmbeddedStore } from '@chokepoint/queries';
import { loadBatch } from '@chokepoint/importers';
import { crashBatches } from './crash-batches.js';

const dir = process.argv[2]!;
const store = new EmbeddedStore({ dataDir: dir, maxSegments: 3 });
await store.init();
let n = 0;
for (const batch of crashBatches()) {
  await loadBatch(store, batch);
  n++;
  process.stdout.write(`COMMITTED ${n}\n`);
}
process.stdout.write('DONE\n');
await store.close();
