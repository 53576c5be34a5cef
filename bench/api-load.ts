/**
 * API load figures in their own process: the demo estate at <size> in a fresh embedded store, the real
 * server on loopback (auth on), then autocannon GETs top paths and the plan for <seconds> while a Zeek
 * conn.log of <mb> MB is uploaded and imported concurrently (and the re-score it triggers runs).
 *   tsx bench/api-load.ts <size> <seconds> <mb>   → one JSON line
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { generateDemoEstate, loadBatch } from '@chokepoint/importers';
import { EmbeddedStore } from '@chokepoint/queries';
import { hashToken, startServer } from '@chokepoint/server';

const [sizeArg = '100000', secondsArg = '10', mbArg = '20'] = process.argv.slice(2);
const dir = await mkdtemp(join(tmpdir(), 'chokepoint-api-load-'));
const store = new EmbeddedStore({ dataDir: join(dir, 'store') });
await store.init();
const estate = generateDemoEstate({ size: Number(sizeArg), seed: 1 });
while (estate.batches.length) await loadBatch(store, estate.batches.shift()!);
const token = 'cp_bench_token';
const server = await startServer(store, { host: '127.0.0.1', port: 0, auth: true, tokens: [{ name: 'bench', role: 'admin', sha256: hashToken(token) }], uploadLimitBytes: 1024 ** 3, rateLimitPerMinute: 10_000_000, corsOrigin: null, rescoreCron: null, maxK: 20, maxNeighbourhood: 500 }, { logger: false });
const headers = { authorization: `Bearer ${token}` };
for (;;) { // the start-up scoring
  const s = await (await fetch(`${server.url}/api/score`, { headers })).json() as { last: unknown };
  if (s.last) break;
  await new Promise((r) => setTimeout(r, 200));
}
const warm = performance.now();
await fetch(`${server.url}/api/plan`, { headers });
await fetch(`${server.url}/api/paths?targets=5&k=3`, { headers });
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

const load = () => autocannon({
  url: server.url, connections: 10, duration: Number(secondsArg), headers,
  requests: [{ method: 'GET', path: '/api/paths?targets=5&k=3' }, { method: 'GET', path: '/api/plan' }],
});
const figures = (r: autocannon.Result) => ({ requestsPerSec: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, max: r.latency.max, errors: r.errors, non2xx: r.non2xx, timeouts: r.timeouts, total: r.requests.total });
const quiet = figures(await load());
const importStart = performance.now();
const form = new FormData();
form.append('format', 'zeek');
form.append('file', new Blob([await readFile(log)]), 'conn.log');
const importDone = fetch(`${server.url}/api/imports`, { method: 'POST', headers, body: form }).then(async (r) => ({ status: r.status, ms: performance.now() - importStart, body: (await r.text()).slice(0, 200) }));
const busy = figures(await load());
const imported = await importDone;
await server.close();
await store.close();
await rm(dir, { recursive: true, force: true });
console.log(JSON.stringify({
  size: Number(sizeArg), seconds: Number(secondsArg), connections: 10, warmMs, quiet, duringImport: busy,
  import: { megabytes: Number(mbArg), status: imported.status, ms: imported.ms },
}));
