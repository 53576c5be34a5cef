/**
 * API load figures: the demo estate at <size> in a fresh embedded store, `chokepoint serve` in its own
 * process on loopback (auth on), then autocannon GETs top paths and the plan for <seconds> — quiet, and
 * again while a Zeek conn.log of <mb> MB is uploaded and imported and the re-score it triggers runs: that
 * second window lasts at least <seconds> and until the new scoring is published.
 *   tsx bench/api-load.ts <size> <seconds> <mb>   → one JSON line
 * BENCH_SERVER_NODE_ARGS adds Node flags to the server process (e.g. `--cpu-prof --cpu-prof-dir=DIR`).
 */
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { generateDemoEstate, loadBatch } from '@chokepoint/importers';
import { EmbeddedStore } from '@chokepoint/queries';
import { hashToken } from '@chokepoint/server';

const [sizeArg = '100000', secondsArg = '10', mbArg = '20'] = process.argv.slice(2);
const dir = await mkdtemp(join(tmpdir(), 'chokepoint-api-load-'));
const dataDir = join(dir, 'store');
{
  const store = new EmbeddedStore({ dataDir });
  await store.init();
  const estate = generateDemoEstate({ size: Number(sizeArg), seed: 1 });
  while (estate.batches.length) await loadBatch(store, estate.batches.shift()!);
  await store.close();
}
const token = 'cp_bench_token';
const child = spawn(process.execPath, [...(process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? []), '--import', 'tsx', '--max-old-space-size=8192', join(import.meta.dirname, '../server/src/cli/main.ts'), '--data-dir', dataDir, 'serve', '--port', '0'], {
  env: { ...process.env, NEO4J_URI: '', CHOKEPOINT_TOKENS: `bench:admin:${hashToken(token)}`, CHOKEPOINT_RATE_LIMIT: '100000000', CHOKEPOINT_UPLOAD_LIMIT_MB: '1024' },
  stdio: ['ignore', 'ignore', 'pipe'],
});
const url = await new Promise<string>((resolve, reject) => {
  let err = '';
  child.stderr.on('data', (d: Buffer) => { err += d.toString(); const m = /serving (http:\/\/[^\s/]+)\/api/.exec(err); if (m) resolve(m[1]!); });
  child.on('exit', (code) => reject(new Error(`server exited ${code}: ${err}`)));
});
const headers = { authorization: `Bearer ${token}` };
try {
  for (;;) { // the start-up scoring
    const s = await (await fetch(`${url}/api/score`, { headers })).json() as { last: unknown };
    if (s.last) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  const warm = performance.now();
  await fetch(`${url}/api/plan`, { headers });
  await fetch(`${url}/api/paths`, { headers });
  const warmMs = performance.now() - warm;

  // A Zeek conn.log to import during the load.
  const log = join(dir, 'conn.log');
  const out = createWriteStream(log);
  out.write('#separator \\x09\n#path\tconn\n#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tservice\tconn_state\n');
  for (let i = 0, written = 0; written < Number(mbArg) * 1024 * 1024; i++) {
    const line = `1700000000.${i}\tC${i}\t10.20.${(i % 3000) >> 8}.${i % 256}\t${40000 + (i % 20000)}\t10.31.0.${(i * 7) % 200}\t${[502, 102, 44818, 443][i % 4]}\ttcp\t-\tSF\n`;
    written += line.length;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  const body = new FormData();
  body.append('format', 'zeek');
  body.append('file', new Blob([await readFile(log)]), 'conn.log');

  const lastScoreRun = async () => ((await (await fetch(`${url}/api/score`, { headers })).json()) as { last: { scoreRun: string } }).last.scoreRun;
  const load = (until?: Promise<unknown>) => new Promise<autocannon.Result>((resolve, reject) => {
    const options = { url, connections: 10, duration: until ? 3600 : Number(secondsArg), headers, requests: [{ method: 'GET' as const, path: '/api/paths' }, { method: 'GET' as const, path: '/api/plan' }] };
    const instance = autocannon(options, (err, result) => (err ? reject(err as Error) : resolve(result)));
    if (until) void Promise.all([until, new Promise((r) => setTimeout(r, Number(secondsArg) * 1000))]).then(() => instance.stop());
  });
  const figures = (r: autocannon.Result) => ({ requestsPerSec: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, max: r.latency.max, errors: r.errors, non2xx: r.non2xx, timeouts: r.timeouts, total: r.requests.total });
  const quiet = figures(await load());
  const before = await lastScoreRun();
  const importStart = performance.now();
  const importDone = fetch(`${url}/api/imports`, { method: 'POST', headers, body }).then(async (r) => ({ status: r.status, ms: performance.now() - importStart }));
  const rescored = importDone.then(async () => {
    while ((await lastScoreRun()) === before) await new Promise((r) => setTimeout(r, 100));
    return performance.now() - importStart;
  });
  const busy = figures(await load(rescored));
  const imported = await importDone;
  const published = await rescored;
  // The server's peak resident set (Linux), which includes the store, the worker's copy and both models.
  const status = await readFile(`/proc/${child.pid}/status`, 'utf8').catch(() => '');
  const serverPeakRssMb = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? NaN) / 1024;
  console.log(JSON.stringify({ size: Number(sizeArg), seconds: Number(secondsArg), connections: 10, warmMs, quiet, duringImport: busy, import: { megabytes: Number(mbArg), status: imported.status, ms: imported.ms, rescorePublishedMs: published }, serverPeakRssMb }));
} finally {
  child.kill('SIGTERM');
  await once(child, 'exit').catch(() => undefined);
  await rm(dir, { recursive: true, force: true });
}
