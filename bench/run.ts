/**
 * `npm run bench [-- --size N] [-- --skip-neo4j] [-- --skip-large] [-- --skip-scoring] [-- --skip-xl] [-- --skip-api] [-- --skip-upload] [-- --skip-ui] [-- --skip-signals]`:
 * figures, printed, never asserted. Each store and each scoring tier is measured in its own process;
 * Neo4j is the repo's own 5.26 server started for the run.
 *   load: the demo estate (~10 edges per node) written as its 7 source runs, all-or-nothing each
 *   reload: the same runs again (idempotent MERGE path), stream: every edge read back
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startNeo4j, stopNeo4j, readState } from '../scripts/neo4j/server.js';

const args = process.argv.slice(2);
const sizeAt = args.indexOf('--size');
const size = sizeAt >= 0 ? Number(args[sizeAt + 1]) : 100_000;
const run = promisify(execFile);

interface Figures {
  store: string; size: number; records: { nodes: number; edges: number }; stored: { nodes: number; edges: number };
  generateMs: number; loadMs: number; reloadMs: number; streamMs: number; reopenMs: number | null; peakRssMb: number;
}

async function measure(kind: string, uri?: string): Promise<Figures> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', '--max-old-space-size=6144', join(import.meta.dirname, 'load-store.ts'), kind, String(size), uri ?? ''], { maxBuffer: 1 << 20 });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as Figures;
}

function report(f: Figures, extra = ''): void {
  const eps = (f.stored.edges / (f.loadMs / 1000)).toFixed(0);
  console.log(`${f.store.padEnd(8)} ${f.stored.nodes} nodes / ${f.stored.edges} edges (${f.records.edges} edge records)`);
  console.log(`  load   ${(f.loadMs / 1000).toFixed(2)} s  → ${eps} edges/s`);
  console.log(`  reload ${(f.reloadMs / 1000).toFixed(2)} s  → ${(f.stored.edges / (f.reloadMs / 1000)).toFixed(0)} edges/s (same runs again)`);
  console.log(`  stream ${(f.streamMs / 1000).toFixed(2)} s  (every edge read back)`);
  if (f.reopenMs !== null) console.log(`  reopen ${(f.reopenMs / 1000).toFixed(2)} s  (replay from disk)`);
  console.log(`  peak RSS ${f.peakRssMb.toFixed(0)} MB (loader process)${extra}`);
}

console.log(`# Chokepoint bench — demo estate size ${size}, Node ${process.version}, ${(await import('node:os')).cpus().length} cores`);

// Large single files through the real importers (streamed parse; bounded memory is the claim).
if (!args.includes('--skip-large')) {
  for (const format of ['nmap', 'zeek']) {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'import-large.ts'), format, '200'], { maxBuffer: 1 << 20 });
    const f = JSON.parse(stdout.trim().split('\n').at(-1)!) as { megabytes: number; rows: number; totalMs: number; rowsPerSec: number; nodes: number; edges: number; peakRssMb: number; parseMs: number };
    console.log(`${format.padEnd(8)} ${f.megabytes.toFixed(0)} MB file, ${f.rows} rows (open ports / conn lines) → ${f.nodes} nodes, ${f.edges} edges`);
    console.log(`  import ${(f.totalMs / 1000).toFixed(1)} s (parse ${(f.parseMs / 1000).toFixed(1)} s) → ${f.rowsPerSec.toFixed(0)} rows/s, peak RSS ${f.peakRssMb.toFixed(0)} MB`);
  }
}
// Scoring: the demo estate through the embedded store, and generated layered graphs (100k/~1M, 1M/~10M).
interface ScoringFigures {
  mode: string; nodes: number; steps: number; entries: number; targets: number; reachable: number; riskiest: number;
  compileMs: number; scoreMs: number; topKMs: number; planMs: number; planRows: number; peakRssMb: number;
  graphology: { buildMs: number; passMs: number } | null;
}
async function scoring(argv: string[]): Promise<ScoringFigures> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', '--max-old-space-size=8192', join(import.meta.dirname, 'scoring.ts'), ...argv], { maxBuffer: 1 << 20 });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as ScoringFigures;
}
function reportScoring(label: string, f: ScoringFigures, targets: string): void {
  console.log(`scoring ${label}: ${f.nodes} nodes, ${f.steps} attack steps, ${f.entries} entries, ${f.targets} targets (${f.reachable} reachable)`);
  console.log(`  compile ${(f.compileMs / 1000).toFixed(2)} s · full scoring ${f.scoreMs.toFixed(0)} ms · top-10 for the ${f.riskiest} riskiest targets ${f.topKMs.toFixed(0)} ms · ${f.planRows}-row plan ${(f.planMs / 1000).toFixed(2)} s · peak RSS ${f.peakRssMb.toFixed(0)} MB`);
  if (f.graphology) console.log(`  graphology-shortest-path, same all-entries pass: ${f.graphology.passMs.toFixed(0)} ms (+ ${(f.graphology.buildMs / 1000).toFixed(1)} s to build its graph) → CSR is ${(f.graphology.passMs / f.scoreMs).toFixed(0)}× faster`);
  console.log(`  targets: ${targets}`);
}
if (!args.includes('--skip-scoring')) {
  reportScoring(`demo estate (size ${size}, from the embedded store)`, await scoring(['demo', String(size), '--graphology']), 'scoring < 100 ms, top-10 × 50 < 2 s, 20-step plan < 5 s (at 100k)');
  reportScoring('layered 100k', await scoring(['layered', '100000', '10', '--graphology']), 'scoring < 100 ms, top-10 × 50 < 2 s, 20-step plan < 5 s, graphology ratio ≥ 20×');
  if (!args.includes('--skip-xl')) {
    reportScoring('layered 1M (CSR compiled from generated arrays, not from a store)', await scoring(['layered', '1000000', '10']), 'scoring ≤ 2 s, 20-step plan ≤ 60 s, RSS ≤ 1.5 GB');
  }
}
// Signals: 1M generated signals attached and analysed against the demo estate (aim: < 10 s, < 1 GB extra).
if (!args.includes('--skip-signals')) {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', '--expose-gc', '--max-old-space-size=8192', join(import.meta.dirname, 'signals.ts'), String(size), '1000000'], { maxBuffer: 1 << 20 });
  const f = JSON.parse(stdout.trim().split('\n').at(-1)!) as { signals: number; nodes: number; attached: number; unattached: number; current: number; chains: number; attachMs: number; analyseMs: number; totalMs: number; baselineScoringMs: number; extraRssMb: number };
  console.log(`signals: ${f.signals} against the demo estate (${f.nodes} nodes): ${f.attached} attached, ${f.unattached} not, ${f.current} current, ${f.chains} chains`);
  console.log(`  attach ${(f.attachMs / 1000).toFixed(2)} s + rank, score with signals, chains ${(f.analyseMs / 1000).toFixed(2)} s = ${(f.totalMs / 1000).toFixed(2)} s (aim < 10 s); extra RSS ${f.extraRssMb.toFixed(0)} MB (aim < 1 GB); plain scoring of the same model ${f.baselineScoringMs.toFixed(0)} ms`);
}
// The API under load: top paths and the plan, quiet and while a 20 MB Zeek log is uploaded and imported.
if (!args.includes('--skip-api')) {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', '--max-old-space-size=8192', join(import.meta.dirname, 'api-load.ts'), String(size), '10', '20'], { maxBuffer: 1 << 20 });
  const f = JSON.parse(stdout.trim().split('\n').at(-1)!) as { quiet: Record<string, number>; duringImport: Record<string, number>; import: { ms: number; status: number; rescorePublishedMs: number }; connections: number; serverPeakRssMb: number };
  const line = (x: Record<string, number>) => `${x.requestsPerSec!.toFixed(0)} req/s, p50 ${x.p50} ms, p99 ${x.p99} ms, max ${x.max} ms, errors ${x.errors}, non-2xx ${x.non2xx}`;
  console.log(`api (demo estate size ${size}, ${f.connections} connections, GET /api/paths + /api/plan; quiet 10 s, then from the upload until the re-score is published):`);
  console.log(`  quiet            ${line(f.quiet)}`);
  console.log(`  during an import ${line(f.duringImport)} (20 MB Zeek upload: HTTP ${f.import.status} in ${(f.import.ms / 1000).toFixed(1)} s; new scoring published ${(f.import.rescorePublishedMs / 1000).toFixed(1)} s after the upload began)`);
  console.log(`  server peak RSS ${(f.serverPeakRssMb / 1024).toFixed(2)} GB`);
  console.log('  target: p99 < 50 ms, zero errors');
}
// A 512 MB upload: health answered throughout (parse in a worker, load in slices); SIGTERM mid-upload.
if (!args.includes('--skip-upload')) {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'upload-large.ts'), '512'], { maxBuffer: 1 << 20 });
  const f = JSON.parse(stdout.trim().split('\n').at(-1)!) as { megabytes: number; users: number; import: { status: number; ms: number }; serverPeakRssMb: number; health: { requests: number; failures: number; p50: number; p99: number; max: number }; sigterm: { stopMs: number; runsBefore: number; runsAfter: number } };
  console.log(`upload ${f.megabytes.toFixed(0)} MB SharpHound users.json (${f.users} users) through POST /api/imports: HTTP ${f.import.status} in ${(f.import.ms / 1000).toFixed(0)} s, server peak RSS ${(f.serverPeakRssMb / 1024).toFixed(1)} GB`);
  console.log(`  GET /api/health every 20 ms meanwhile (open loop): ${f.health.requests} requests, p50 ${f.health.p50.toFixed(0)} ms, p99 ${f.health.p99.toFixed(0)} ms, max ${f.health.max.toFixed(0)} ms, ${f.health.failures} failed (target p99 < 200 ms)`);
  console.log(`  SIGTERM 3 s into the same upload: exited in ${(f.sigterm.stopMs / 1000).toFixed(1)} s (target < 5 s); runs stored ${f.sigterm.runsBefore} → ${f.sigterm.runsAfter} (nothing half-stored)`);
}
// The web view: first frame of a hub's neighbourhood in Chromium, grouped (the default) against drawn whole.
if (!args.includes('--skip-ui')) {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'ui-render.ts'), '20000', '5'], { maxBuffer: 1 << 20 });
  type Draw = { elements: number; renderMs: number; navigationToFrameMs: number };
  const f = JSON.parse(stdout.trim().split('\n').at(-1)!) as { runs: number; neighbours: number; grouped: Draw; whole: Draw };
  console.log(`web view (Chromium 1280×800, two-hop neighbourhood of a hub with ${f.neighbours.toLocaleString('en')} neighbours, median of ${f.runs} page loads):`);
  console.log(`  grouped (default): ${f.grouped.elements} elements; patched → first frame ${f.grouped.renderMs.toFixed(0)} ms; navigation → first frame ${f.grouped.navigationToFrameMs.toFixed(0)} ms (target < 1 s at ≤ 500 drawn elements)`);
  console.log(`  without grouping (baseline): ${f.whole.elements} elements; patched → first frame ${f.whole.renderMs.toFixed(0)} ms; navigation → first frame ${f.whole.navigationToFrameMs.toFixed(0)} ms → grouped is ${(f.whole.navigationToFrameMs / f.grouped.navigationToFrameMs).toFixed(1)}× faster to first frame`);
}
const embedded = await measure('embedded');
report(embedded);
if (!args.includes('--skip-neo4j')) {
  const wasRunning = (await readState()) !== null;
  // A run is one transaction; a million-edge run needs a larger heap than the test default.
  const server = await startNeo4j({ heap: process.env.NEO4J_HEAP ?? '8g' });
  try {
    const neo = await measure('neo4j', server.uri);
    const status = await readFile(`/proc/${server.pid}/status`, 'utf8').catch(() => '');
    const hwm = /VmHWM:\s+(\d+) kB/.exec(status);
    report(neo, hwm ? `; Neo4j server peak RSS ${(Number(hwm[1]) / 1024).toFixed(0)} MB` : '');
    console.log(`ratio embedded/neo4j load speed: ${(neo.loadMs / embedded.loadMs).toFixed(1)}×`);
  } finally {
    if (!wasRunning) await stopNeo4j();
  }
}
