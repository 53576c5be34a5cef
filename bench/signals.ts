/**
 * Signals against the demo estate, in their own process, printed as one JSON line:
 *   tsx bench/signals.ts <size> <signals>
 * The estate is loaded into a fresh embedded store and scored (not timed); then <signals> generated
 * signals (95 % on the estate's addresses, 5 % on unknown ones, times spread over 10 days, a few with
 * techniques) are attached through the store's alias lookup and analysed: ranked by the route they sit on,
 * scored with and without signals, chains found. Time and memory of attach + analyse are the figures;
 * the baseline in the same run is the plain scoring of the same model.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDemoEstate, loadBatch } from '@chokepoint/importers';
import { EmbeddedStore, analyseSignals, attachSignals, loadModel, scoreModel, type StoredSignal } from '@chokepoint/queries';

const size = Number(process.argv[2] ?? 100_000);
const count = Number(process.argv[3] ?? 1_000_000);
const dir = await mkdtemp(join(tmpdir(), 'chokepoint-bench-signals-'));
const store = new EmbeddedStore({ dataDir: dir });
await store.init();
const estate = generateDemoEstate({ size });
const addresses = [...new Set(estate.batches.flatMap((b) => b.nodes).flatMap((n) => n.aliases ?? []).filter((a) => a.startsWith('ip:')))];
for (const b of estate.batches.splice(0)) await loadBatch(store, b);
const model = await loadModel(store);
const scoring = scoreModel(model);
const baselineStart = performance.now();
scoreModel(model);
const baselineMs = performance.now() - baselineStart;

const now = Date.parse('2026-11-20T12:00:00.000Z');
const severities = ['info', 'low', 'medium', 'high', 'critical'] as const;
const techniques = [[], [], [], ['T1021.001'], ['T1133'], ['T0843'], ['T1046']];
let seed = 42;
const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
const signals: StoredSignal[] = new Array(count);
for (let i = 0; i < count; i++) {
  const known = rnd() < 0.95;
  signals[i] = {
    id: `s${i}`, time: new Date(now - Math.floor(rnd() * 10 * 86_400_000)).toISOString(), product: 'bench', rule: `rule ${i % 500}`,
    severity: severities[Math.floor(rnd() * 5)]!, confidence: 0.5 + rnd() / 2, techniques: techniques[Math.floor(rnd() * techniques.length)]!,
    subjects: [{ key: known ? addresses[Math.floor(rnd() * addresses.length)]! : `ip:198.18.${Math.floor(rnd() * 256)}.${Math.floor(rnd() * 256)}`, role: 'destination' }],
    evidence: 'bench', runId: 'bench', source: 'bench',
  };
}
global.gc?.();
const rssBefore = process.memoryUsage().rss;
let peak = rssBefore;
const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 20);
const t0 = performance.now();
const attachment = await attachSignals(signals, (keys) => store.lookup(keys));
const attachMs = performance.now() - t0;
const t1 = performance.now();
const analysis = analyseSignals(model, scoring, attachment, { now: new Date(now), limit: 100 });
const analyseMs = performance.now() - t1;
clearInterval(sampler);
peak = Math.max(peak, process.memoryUsage().rss);
console.log(JSON.stringify({
  size, nodes: model.nodes.length, steps: model.steps.length, signals: count, addresses: addresses.length,
  attached: analysis.attached, unattached: analysis.unattached, current: analysis.current, chains: analysis.chains.length,
  attachMs, analyseMs, totalMs: attachMs + analyseMs, baselineScoringMs: baselineMs, extraRssMb: (peak - rssBefore) / 2 ** 20,
  scoreWithout: analysis.scoreWithout, scoreWith: analysis.scoreWith,
}));
await store.close();
await rm(dir, { recursive: true, force: true });
