/**
 * Child process for the lock race test: loads, prints `READY`, waits for a line on stdin (so every racer
 * starts at the same moment), opens an embedded store (taking its lock), prints `LOCKED` or
 * `BUSY <code>`, and — when it holds the lock — keeps it until its stdin closes, so no racer can win a
 * lock another racer released.
 */
import { EmbeddedStore, isChokepointError } from '@chokepoint/queries';

const store = new EmbeddedStore({ dataDir: process.argv[2]! });
process.stdin.resume();
const input = new Promise<void>((resolve) => process.stdin.once('data', () => resolve()));
const closed = new Promise((resolve) => process.stdin.on('end', resolve));
process.stdout.write('READY\n');
await input;
try {
  await store.init();
  process.stdout.write('LOCKED\n');
  await closed;
  await store.close();
} catch (e) {
  process.stdout.write(`BUSY ${isChokepointError(e) ? e.code : 'other'}\n`);
}
