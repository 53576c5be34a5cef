/**
 * Crash safety of the embedded store: a writer process is killed with SIGKILL in the middle of a
 * write (a segment, manifest or snapshot half written), and the store must load exactly the state of
 * the runs that had committed — nothing half-applied, nothing lost.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EmbeddedStore } from '@chokepoint/queries';
import { loadBatch } from '@chokepoint/importers';
import { crashBatches } from '../helpers/crash-batches.js';
import { graphTuples } from '../helpers/graph-state.js';

const dirs: string[] = [];
afterAll(async () => { for (const d of dirs) await rm(d, { recursive: true, force: true }); });

async function tempDir(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'chokepoint-crash-'));
  dirs.push(d);
  return d;
}

async function expectedTuples(runs: number) {
  const dir = await tempDir();
  const store = new EmbeddedStore({ dataDir: dir });
  await store.init();
  let n = 0;
  for (const batch of crashBatches()) {
    if (n++ >= runs) break;
    await loadBatch(store, batch);
  }
  const tuples = await graphTuples(store);
  await store.close();
  return tuples;
}

/** Starts the writer and kills it with SIGKILL once a temporary file shows a write under way after `afterCommits`. */
async function killMidWrite(dir: string, afterCommits: number): Promise<{ committed: number; sawTmp: boolean }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '../helpers/crash-writer.ts'), dir], { stdio: ['ignore', 'pipe', 'inherit'] });
  let committed = 0;
  child.stdout.on('data', (chunk: Buffer) => {
    for (const m of chunk.toString().matchAll(/COMMITTED (\d+)/g)) committed = Number(m[1]);
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  let sawTmp = false;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline && child.exitCode === null) {
    if (committed >= afterCommits) {
      const names = await readdir(dir).catch(() => [] as string[]);
      if (names.some((n) => n.endsWith('.tmp'))) { sawTmp = true; break; }
    }
    await new Promise((r) => setTimeout(r, 2));
  }
  child.kill('SIGKILL');
  await exited;
  return { committed, sawTmp };
}

describe('embedded store survives kill -9 mid-write', () => {
  for (const afterCommits of [1, 3]) {
    it(`loads the last committed state when killed during a write after ${afterCommits} commit(s)`, async () => {
      const dir = await tempDir();
      const { committed, sawTmp } = await killMidWrite(dir, afterCommits);
      expect(sawTmp).toBe(true);
      expect(committed).toBeGreaterThanOrEqual(afterCommits);
      const store = new EmbeddedStore({ dataDir: dir });
      await store.init(); // the dead writer's lock is taken over
      const runs = (await store.listRuns()).length;
      // The kill can land after a commit but before its COMMITTED line was read.
      expect([committed, committed + 1]).toContain(runs);
      expect(await graphTuples(store)).toEqual(await expectedTuples(runs));
      expect((await readdir(dir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
      await store.close();
    });
  }

  it('reports a damaged segment as STORE_CORRUPT naming the file and line', async () => {
    const dir = await tempDir();
    const store = new EmbeddedStore({ dataDir: dir });
    await store.init();
    await loadBatch(store, crashBatches().next().value!);
    await store.close();
    const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as { segments: string[] };
    const segment = join(dir, manifest.segments[0]!);
    expect(existsSync(segment)).toBe(true);
    await writeFile(segment, '{"op":"apply", broken\n');
    const again = new EmbeddedStore({ dataDir: dir });
    await expect(again.init()).rejects.toMatchObject({ code: 'STORE_CORRUPT', message: expect.stringMatching(/segment-\d+\.ndjson:1: not valid JSON/) });
  });

  it('refuses a second live process on the same data directory', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'LOCK'), String(process.ppid));
    const store = new EmbeddedStore({ dataDir: dir });
    await expect(store.init()).rejects.toMatchObject({ code: 'STORE_BUSY' });
  });
});
