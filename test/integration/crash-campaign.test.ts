/**
 * Crash campaign (issue 15): a complete re-import of one source — the file parsed by the `batch` importer
 * and written by the one loader, in a child process — is killed with SIGKILL at random moments and at
 * phase boundaries (segment write, commit, snapshot rewrite; on Neo4j the client and the server). After
 * each kill the store must hold exactly the state before the run or the state after it: never old and new
 * facts side by side (a write whose cleanup was lost), never half a write.
 *
 * The random delays come from a seeded generator; a failure prints the seed (CRASH_SEED reruns it).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import neo4j from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { EmbeddedStore, Neo4jStore, type GraphStore } from '@chokepoint/queries';
import { loadBatch } from '@chokepoint/importers';
import { killNeo4j, launchNeo4j, type RunningNeo4j } from '../../scripts/neo4j/server.js';
import { graphTuples, type GraphTuples } from '../helpers/graph-state.js';
import { REIMPORT_SOURCE, reimportBatch } from '../helpers/reimport-batches.js';

const CHILD = join(import.meta.dirname, '../helpers/reimport-child.ts');
const SEED = Number(process.env.CRASH_SEED ?? Math.floor(Math.random() * 2 ** 31));

/** mulberry32: a small seeded generator, so a failing campaign can be replayed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = random(SEED);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `cond` every `every` ms until it holds (true) or the deadline passes (false). */
async function until(cond: () => boolean | Promise<boolean>, deadlineMs: number, every = 2): Promise<boolean> {
  const deadline = Date.now() + deadlineMs;
  while (Date.now() < deadline) {
    if (await cond()) return true;
    await sleep(every);
  }
  return false;
}

interface Reimport {
  proc: ChildProcess;
  ready: () => boolean;
  done: () => boolean;
  exited: Promise<void>;
  stderr: () => string;
}

function startReimport(spec: string, file: string): Reimport {
  const proc = spawn(process.execPath, ['--import', 'tsx', CHILD, spec, file], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  proc.stdout!.on('data', (c: Buffer) => { out += c.toString(); });
  proc.stderr!.on('data', (c: Buffer) => { err += c.toString(); });
  const exited = new Promise<void>((resolve) => proc.on('exit', () => resolve()));
  return { proc, ready: () => out.includes('READY'), done: () => out.includes('DONE'), exited, stderr: () => err };
}

async function readyOrThrow(child: Reimport): Promise<void> {
  if (!(await until(() => child.ready() || child.proc.exitCode !== null, 60_000, 10)) || !child.ready()) {
    throw new Error(`re-import child did not start: ${child.stderr()}`);
  }
}

/** READY → DONE of one uninterrupted re-import, to spread random kills over the whole run. */
async function calibrate(spec: string, file: string): Promise<number> {
  const child = startReimport(spec, file);
  await readyOrThrow(child);
  const start = Date.now();
  await until(() => child.proc.exitCode !== null, 120_000, 5);
  if (!child.done()) throw new Error(`calibration re-import failed: ${child.stderr()}`);
  return Date.now() - start;
}

type Outcome = 'before' | 'after' | 'finished first';

/** Which side of the run the store is on, or a description of the mix it holds. */
async function sideOf(store: GraphStore, states: { before: GraphTuples; after: GraphTuples }): Promise<'before' | 'after' | string> {
  const now = await graphTuples(store);
  const runs = (await store.listRuns()).filter((r) => r.source === REIMPORT_SOURCE);
  if (JSON.stringify(now) === JSON.stringify(states.before) && runs.length === 1) return 'before';
  if (JSON.stringify(now) === JSON.stringify(states.after) && runs.length === 2 && runs.every((r) => r.cleanup !== null)) return 'after';
  const old = now.nodes.filter((n) => n.includes('"before-u')).length;
  return `a mix: ${now.nodes.length} nodes (${old} users of the old run), ${now.edges.length} edges, ${runs.length} runs, cleanups ${runs.map((r) => (r.cleanup ? 'done' : 'null')).join('/')}`;
}

const dirs: string[] = [];
afterAll(async () => { for (const d of dirs) await rm(d, { recursive: true, force: true }); });
async function tempDir(prefix: string): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), prefix));
  dirs.push(d);
  return d;
}

/** The re-import's file: 10,000 nodes and 20,000 edges for the embedded store, a fifth of that for Neo4j (slower per row). */
const SIZES = { embedded: 5000, neo4j: 1000 };
const files = { embedded: '', neo4j: '' };
beforeAll(async () => {
  const dir = await tempDir('chokepoint-campaign-');
  for (const store of ['embedded', 'neo4j'] as const) {
    files[store] = join(dir, `after-${store}.json`);
    await writeFile(files[store], JSON.stringify(reimportBatch('after', SIZES[store])));
  }
});

function summary(store: string, outcomes: Outcome[]): string {
  const count = (o: Outcome) => outcomes.filter((x) => x === o).length;
  return `[crash] ${store}: ${outcomes.length} kills — ${count('before')} before, ${count('after')} after, ${count('finished first')} finished first (CRASH_SEED=${SEED})`;
}

describe('embedded store: a re-import killed at any phase leaves the state before or after it', () => {
  type Trigger = 'random' | 'segment write' | 'commit' | 'snapshot write';
  const triggers: Trigger[] = [...Array<Trigger>(12).fill('random'), ...Array<Trigger>(3).fill('segment write'), ...Array<Trigger>(3).fill('commit'), ...Array<Trigger>(2).fill('snapshot write')];

  it(`${triggers.length} kills (random moments, segment and snapshot writes, right after the commit)`, async () => {
    const work = await tempDir('chokepoint-campaign-embedded-');
    const template = join(work, 'template');
    const seed = new EmbeddedStore({ dataDir: template });
    await seed.init();
    await loadBatch(seed, reimportBatch('before', SIZES.embedded));
    const before = await graphTuples(seed);
    await seed.close();
    const expectedAfter = join(work, 'after');
    await cp(template, expectedAfter, { recursive: true });
    const done = new EmbeddedStore({ dataDir: expectedAfter });
    await done.init();
    await loadBatch(done, reimportBatch('after', SIZES.embedded));
    const after = await graphTuples(done);
    await done.close();
    expect(after).not.toEqual(before);

    const calibrationDir = join(work, 'calibration');
    await cp(template, calibrationDir, { recursive: true });
    const duration = await calibrate(`embedded:${calibrationDir}`, files.embedded);

    const outcomes: Outcome[] = [];
    // A kill that came after the run finished tells nothing: that trigger is tried again (a few times).
    for (let i = 0, attempt = 0; i < triggers.length; attempt++) {
      expect(attempt, `too many kills came after the run finished (CRASH_SEED=${SEED})`).toBeLessThan(2 * triggers.length);
      const trigger = triggers[i]!;
      const dir = join(work, `trial-${attempt}`);
      await cp(template, dir, { recursive: true });
      const seq = (JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as { seq: number }).seq;
      const child = startReimport(`embedded:${dir}`, files.embedded);
      await readyOrThrow(child);
      const names = () => readdir(dir).catch(() => [] as string[]);
      const delay = rand() * duration;
      if (trigger === 'random') await until(() => child.done(), delay, 1);
      else if (trigger === 'segment write') await until(async () => child.done() || (await names()).some((n) => /^segment-.*\.tmp$/.test(n)), 60_000, 1);
      else if (trigger === 'snapshot write') await until(async () => child.done() || (await names()).some((n) => /^snapshot-.*\.tmp$/.test(n)), 60_000, 1);
      else {
        await until(async () => {
          if (child.done()) return true;
          const text = await readFile(join(dir, 'manifest.json'), 'utf8').catch(() => '');
          try { return (JSON.parse(text) as { seq: number }).seq > seq; } catch { return false; }
        }, 60_000, 1);
      }
      const finished = child.done();
      child.proc.kill('SIGKILL');
      await child.exited;
      const store = new EmbeddedStore({ dataDir: dir });
      await store.init();
      const side = await sideOf(store, { before, after });
      await store.close();
      const what = `${trigger}${trigger === 'random' ? ` ${delay.toFixed(0)} ms of ${duration} ms` : ''}`;
      expect(side, `kill ${attempt + 1} (${what}, CRASH_SEED=${SEED})`).toMatch(/^(before|after)$/);
      outcomes.push(finished ? 'finished first' : (side as Outcome));
      if (!finished) i++;
      await rm(dir, { recursive: true, force: true });
    }
    console.log(summary('embedded', outcomes));
    // The kills spread over the whole run: some land before its commit and some after.
    expect(outcomes).toContain('before');
    expect(outcomes).toContain('after');
  });
});

describe('Neo4j: a re-import killed at any moment (client or server) leaves the state before or after it', () => {
  const why = inject('neo4jUnavailable');
  const uri = inject('neo4jUri');
  const committed = async (target: string): Promise<boolean> => {
    const driver = neo4j.driver(target, neo4j.auth.basic('neo4j', ''), { disableLosslessIntegers: true });
    try {
      const { records } = await driver.executeQuery('MATCH (r:Run {source: $source}) RETURN count(r) AS n', { source: REIMPORT_SOURCE });
      return (records[0]?.get('n') as number) >= 2;
    } catch {
      return false;
    } finally {
      await driver.close();
    }
  };
  /** Waits until the server runs no transaction but this check (a killed client's is rolled back). */
  const quiet = async (target: string) => {
    const driver = neo4j.driver(target, neo4j.auth.basic('neo4j', ''));
    try {
      return await until(async () => {
        const { records } = await driver.executeQuery('SHOW TRANSACTIONS YIELD currentQuery RETURN collect(currentQuery) AS q');
        return (records[0]?.get('q') as string[]).every((q) => q.includes('SHOW TRANSACTIONS'));
      }, 60_000, 100);
    } finally {
      await driver.close();
    }
  };
  /** Loads the before run into an empty database and returns both expected states (computed in-process). */
  const states = async (target: string) => {
    const store = new Neo4jStore({ uri: target });
    await store.init();
    await store.wipe();
    await loadBatch(store, reimportBatch('before', SIZES.neo4j));
    const before = await graphTuples(store);
    await loadBatch(store, reimportBatch('after', SIZES.neo4j));
    const after = await graphTuples(store);
    await store.close();
    return { before, after };
  };
  const reset = async (target: string) => {
    const store = new Neo4jStore({ uri: target });
    await store.init();
    await store.wipe();
    await loadBatch(store, reimportBatch('before', SIZES.neo4j));
    await store.close();
  };
  const check = async (target: string) => {
    const store = new Neo4jStore({ uri: target });
    await store.init();
    try { return await sideOf(store, expected!); } finally { await store.close(); }
  };
  let expected: { before: GraphTuples; after: GraphTuples } | undefined;

  it.skipIf(why)('kills of the client (3 random, 1 right after the commit) and of the server (1 random, 1 right after the commit)', async () => {
    // Client kills, on the suite's server.
    expected = await states(uri);
    await reset(uri);
    const duration = await calibrate(`neo4j:${uri}`, files.neo4j);
    const outcomes: Outcome[] = [];
    const plan: Array<{ kill: 'client' | 'server'; trigger: 'random' | 'commit' }> = [
      { kill: 'client', trigger: 'random' }, { kill: 'client', trigger: 'random' }, { kill: 'client', trigger: 'random' },
      { kill: 'client', trigger: 'commit' }, { kill: 'server', trigger: 'random' }, { kill: 'server', trigger: 'commit' },
    ];
    let own: RunningNeo4j | null = null;
    try {
      // As above, a kill that came after the run finished is tried again.
      for (let i = 0, attempt = 0; i < plan.length; attempt++) {
        expect(attempt, `too many kills came after the run finished (CRASH_SEED=${SEED})`).toBeLessThan(2 * plan.length);
        const { kill, trigger } = plan[i]!;
        if (kill === 'server' && !own) {
          // A server of its own (the suite's must stay up), killed and restarted on its data directory.
          // The expected states and the run's duration are the suite server's (same version, same data).
          own = await launchNeo4j({ dataDir: await tempDir('chokepoint-campaign-neo4j-'), heap: '1g', pageCacheMb: 128 });
        }
        const target = kill === 'client' ? uri : own!.uri;
        await reset(target);
        const child = startReimport(`neo4j:${target}`, files.neo4j);
        await readyOrThrow(child);
        const delay = rand() * duration;
        if (trigger === 'random') await until(() => child.done(), delay, 1);
        else await until(async () => child.done() || (await committed(target)), 60_000, 5);
        const finished = child.done();
        if (kill === 'server') {
          await killNeo4j(own!, 'SIGKILL');
          child.proc.kill('SIGKILL');
          await child.exited;
          own = await launchNeo4j({ dataDir: own!.dataDir, port: Number(new URL(own!.uri).port), heap: '1g', pageCacheMb: 128 });
        } else {
          child.proc.kill('SIGKILL');
          await child.exited;
          expect(await quiet(target)).toBe(true);
        }
        const side = await check(target);
        const what = `${kill} ${trigger}${trigger === 'random' ? ` ${delay.toFixed(0)} ms` : ''}`;
        expect(side, `kill ${attempt + 1} (${what}, CRASH_SEED=${SEED})`).toMatch(/^(before|after)$/);
        outcomes.push(finished ? 'finished first' : (side as Outcome));
        if (!finished) i++;
      }
    } finally {
      if (own) await killNeo4j(own, 'SIGTERM');
    }
    console.log(summary('neo4j', outcomes));
    expect(outcomes).toContain('before');
    expect(outcomes).toContain('after');
  }, 600_000);
});
