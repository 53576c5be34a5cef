/**
 * A large upload against a live server: `chokepoint serve` on a small demo estate (embedded store, its own
 * process), a generated SharpHound users JSON of <mb> MB uploaded through POST /api/imports while GET
 * /api/health is asked every 20 ms (open loop); then the same upload again, interrupted by SIGTERM once the server
 * has the file, and the time until the process exits.
 *   tsx bench/upload-large.ts <mb>   → one JSON line
 */
import { spawn } from 'node:child_process';
import { appendFileSync, openAsBlob } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDemoEstate, loadBatch } from '@chokepoint/importers';
import { EmbeddedStore } from '@chokepoint/queries';
import { hashToken } from '@chokepoint/server';
import { writeSharpHoundUsers } from '../test/helpers/sharphound-users.js';

const mb = Number(process.argv[2] ?? '512');
const dir = await mkdtemp(join(tmpdir(), 'chokepoint-upload-large-'));
const dataDir = join(dir, 'store');
const token = 'cp_bench_token';
const headers = { authorization: `Bearer ${token}` };

async function runsInStore(): Promise<number> {
  const store = new EmbeddedStore({ dataDir });
  await store.init();
  const n = (await store.listRuns()).length;
  await store.close();
  return n;
}

function startServer() {
  const child = spawn(process.execPath, [...(process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? []), '--import', 'tsx', '--max-old-space-size=8192', join(import.meta.dirname, '../server/src/cli/main.ts'), '--data-dir', dataDir, 'serve', '--port', '0'], {
    env: { ...process.env, NEO4J_URI: '', CHOKEPOINT_TOKENS: `bench:admin:${hashToken(token)}`, CHOKEPOINT_RATE_LIMIT: '100000000', CHOKEPOINT_UPLOAD_LIMIT_MB: String(mb + 64) },
    stdio: ['ignore', process.env.BENCH_LOG ? 'inherit' : 'ignore', 'pipe'],
  });
  const exited = once(child, 'exit');
  const url = new Promise<string>((resolve, reject) => {
    let err = '';
    child.stderr.on('data', (d: Buffer) => { err += d.toString(); if (process.env.BENCH_LOG) appendFileSync(process.env.BENCH_LOG, d); const m = /serving (http:\/\/[^\s/]+)\/api/.exec(err); if (m) resolve(m[1]!); });
    child.on('exit', (code) => reject(new Error(`server exited ${code}: ${err.slice(-2000)}`)));
  });
  return { child, url, exited };
}

const percentile = (xs: number[], p: number) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? NaN; };

try {
  {
    const store = new EmbeddedStore({ dataDir });
    await store.init();
    const estate = generateDemoEstate({ size: 2000, seed: 1 });
    while (estate.batches.length) await loadBatch(store, estate.batches.shift()!);
    await store.close();
  }
  const file = join(dir, 'users.json');
  const users = await writeSharpHoundUsers(file, mb);
  const bytes = (await stat(file)).size;
  const upload = async (url: string) => {
    const body = new FormData();
    body.append('format', 'sharphound');
    body.append('file', await openAsBlob(file), 'users.json');
    return fetch(`${url}/api/imports`, { method: 'POST', headers, body });
  };

  // 1. Health during the whole upload and import.
  let server = startServer();
  let url = await server.url;
  // Open-loop sampling: a health request every 20 ms whether or not the previous one answered, so a
  // stalled event loop shows as many slow requests, not as one.
  const latencies: number[] = [];
  let failures = 0;
  const start = performance.now();
  let finished = false;
  const importing = upload(url).then(async (r) => ({ status: r.status, body: (await r.text()).slice(0, 300), ms: performance.now() - start })).finally(() => { finished = true; });
  const probes: Array<Promise<void>> = [];
  while (!finished) {
    const t = performance.now();
    probes.push(fetch(`${url}/api/health`, { signal: AbortSignal.timeout(30_000) }).then((r) => { if (!r.ok) failures++; }, () => { failures++; }).finally(() => { latencies.push(performance.now() - t); }));
    await new Promise((r) => setTimeout(r, 20));
  }
  await Promise.all(probes);
  const imported = await importing;
  const status = await import('node:fs/promises').then((fs) => fs.readFile(`/proc/${server.child.pid}/status`, 'utf8')).catch(() => '');
  const serverPeakRssMb = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? NaN) / 1024;
  server.child.kill('SIGTERM');
  await server.exited;
  const runsAfterImport = await runsInStore();

  // 2. SIGTERM in the middle of the same upload: the time until the process exits; nothing half-stored.
  server = startServer();
  url = await server.url;
  const second = upload(url).catch(() => null);
  // The upload is on the server's disk once the request body is sent; give the parse a moment to start.
  const sentAt = performance.now();
  await new Promise((r) => setTimeout(r, Math.max(3000, (bytes / (200 * 1024 * 1024)) * 1000)));
  const termAt = performance.now();
  server.child.kill('SIGTERM');
  await server.exited;
  const stopMs = performance.now() - termAt;
  await second;
  const runsAfterStop = await runsInStore();
  console.log(JSON.stringify({
    megabytes: bytes / 1024 / 1024, users, import: imported, serverPeakRssMb,
    health: { requests: latencies.length, failures, p50: percentile(latencies, 50), p99: percentile(latencies, 99), max: Math.max(...latencies) },
    sigterm: { afterMs: termAt - sentAt, stopMs, runsBefore: runsAfterImport, runsAfter: runsAfterStop },
  }));
} finally {
  await rm(dir, { recursive: true, force: true });
}
