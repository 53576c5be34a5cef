/**
 * The embedded store's lock under a race: a lock left by a dead process, and twelve processes started at
 * once that all find it stale. Exactly one may take it over (before the fix, two could: both removed the
 * stale file, the second removing the first's fresh lock).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedStore } from '@chokepoint/queries';
import { runCli } from '../helpers/cli.js';
import { FIXTURES } from '../helpers/fixtures.js';

let dir: string;
beforeAll(async () => { dir = await mkdtemp(join(tmpdir(), 'chokepoint-lock-')); });
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

describe('embedded store lock', () => {
  it('twelve processes racing for a stale lock: exactly one takes it, the others are told the store is busy', async () => {
    // A pid that certainly exited: a child that has finished.
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    await writeFile(join(dir, 'LOCK'), String(dead));
    const racers = Array.from({ length: 12 }, () => spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '../helpers/lock-racer.ts'), dir], { stdio: ['pipe', 'pipe', 'inherit'] }));
    const lines = racers.map((child) => {
      const seen: string[] = [];
      let buffered = '';
      const waiters: Array<() => void> = [];
      child.stdout!.on('data', (b: Buffer) => {
        buffered += b.toString();
        const parts = buffered.split('\n'); buffered = parts.pop()!;
        seen.push(...parts.map((x) => x.trim()).filter(Boolean));
        for (const w of waiters.splice(0)) w();
      });
      child.on('exit', () => { for (const w of waiters.splice(0)) w(); });
      const next = async (n: number) => { while (seen.length < n && child.exitCode === null) await new Promise<void>((r) => waiters.push(r)); return seen[n - 1] ?? ''; };
      return { next };
    });
    // Every racer loaded and waiting; then all are told to go at once.
    expect(await Promise.all(lines.map((l) => l.next(1)))).toEqual(racers.map(() => 'READY'));
    for (const child of racers) child.stdin!.write('go\n');
    const outcomes = await Promise.all(lines.map((l) => l.next(2)));
    const winners = outcomes.filter((o) => o === 'LOCKED');
    expect(winners, outcomes.join(', ')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'BUSY STORE_BUSY')).toHaveLength(11);
    const holder = racers[outcomes.indexOf('LOCKED')]!;
    expect(Number((await readFile(join(dir, 'LOCK'), 'utf8')).trim())).toBe(holder.pid);
    for (const child of racers) child.stdin!.end();
    await Promise.all(racers.map((child) => new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.on('exit', resolve)))));
  });

  it('imports racing for a stale lock: each reports success only when its run is stored, and every other one is told the store is busy', async () => {
    const store = join(dir, 'imports');
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    await (await import('node:fs/promises')).mkdir(store, { recursive: true });
    await writeFile(join(store, 'LOCK'), String(dead));
    const scan = join(FIXTURES, 'real/nmap/libnmap-os_scan5.xml');
    const results = await Promise.all(Array.from({ length: 4 }, (_, i) => runCli(['--data-dir', store, '--json', 'import', 'nmap', scan, '--source', `racer-${i}`])));
    for (const r of results) expect([0, 3], r.stderr).toContain(r.code);
    const reported = results.flatMap((r, i) => (r.code === 0 ? [`racer-${i}`] : []));
    expect(reported.length).toBeGreaterThanOrEqual(1);
    const opened = new EmbeddedStore({ dataDir: store });
    await opened.init();
    const stored = (await opened.listRuns()).map((run) => run.source).sort();
    await opened.close();
    expect(stored).toEqual(reported.sort());
    for (const r of results.filter((x) => x.code === 3)) expect(r.stderr).toMatch(/the embedded store at .* is in use by process \d+|could not lock the embedded store at/);
  });
});
