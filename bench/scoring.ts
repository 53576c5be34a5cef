/**
 * Scoring figures in their own process (so peak RSS is the analysis's), printed as one JSON line.
 *   tsx bench/scoring.ts demo <size>            the demo estate, loaded into a fresh embedded store, then
 *                                                the model compiled from the store, scored, top-k, plan
 *   tsx bench/scoring.ts layered <nodes> <deg>   a generated layered attack graph compiled straight to CSR
 *                                                (no store, no per-step metadata), scored and planned
 * Every pass that graphology-shortest-path can also do is timed with it in the same process (--graphology).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MultiDirectedGraph } from 'graphology';
import * as dijkstra from 'graphology-shortest-path/dijkstra.js';
import { generateDemoEstate, loadBatch } from '@chokepoint/importers';
import {
  DEFAULT_POLICY, EmbeddedStore, compileCsr, loadModel, ownGroups, remediationPlan, riskiestTargets, scoreModel, topKPaths,
  type AnalysisModel, type FixCandidate, type ModelNode,
} from '@chokepoint/queries';

const [mode, sizeArg, degArg] = process.argv.slice(2);
const withGraphology = process.argv.includes('--graphology');
const size = Number(sizeArg);
let peakRss = 0;
const sample = () => { peakRss = Math.max(peakRss, process.memoryUsage().rss); };
const sampler = setInterval(sample, 50);
const time = <T>(fn: () => T): [T, number] => { const t = performance.now(); const r = fn(); sample(); return [r, performance.now() - t]; };
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** The same all-entries pass with graphology-shortest-path: a graph with the root, then one Dijkstra from it. */
function graphologyPass(model: AnalysisModel): { buildMs: number; passMs: number } {
  const [graph, buildMs] = time(() => {
    const g = new MultiDirectedGraph();
    for (let i = 0; i < model.graph.n; i++) g.addNode(i);
    const { offsets, targets, weights } = model.graph;
    for (let u = 0; u < model.graph.n; u++) for (let k = offsets[u]!; k < offsets[u + 1]!; k++) g.addDirectedEdge(u, targets[k]!, { w: weights[k]! });
    return g;
  });
  const [, passMs] = time(() => dijkstra.singleSource(graph, String(model.root), 'w'));
  return { buildMs, passMs };
}

function layeredModel(n: number, degree: number): AnalysisModel {
  // Layers of equal width; each node links to `degree` random nodes of the next layer (and, 1 in 10, of its
  // own layer, so there are cycles). The first layer's 10 % are entries, the last layer's 5 % targets.
  let seed = 42;
  const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const layers = 8, width = Math.floor((n - 1) / layers);
  const m = n * degree;
  const from = new Uint32Array(m + width), to = new Uint32Array(m + width), weight = new Float64Array(m + width);
  let k = 0;
  const nodes: ModelNode[] = [{ id: '@entry', kind: 'Internet', name: 'root', domain: 'it', criticality: 0, exposure: null, purdueLevel: null, props: {} }];
  const targets: number[] = [], entries: number[] = [];
  const impact = new Float64Array(n);
  for (let i = 1; i < n; i++) {
    const layer = Math.min(layers - 1, Math.floor((i - 1) / width));
    const target = layer === layers - 1 && rand() < 0.05;
    nodes.push({ id: `n${i}`, kind: 'Host', name: `n${i}`, domain: 'it', criticality: target ? 9 : 3, exposure: null, purdueLevel: null, props: {} });
    if (target) { targets.push(i); impact[i] = 9; }
    if (layer === 0 && rand() < 0.1) { entries.push(i); from[k] = 0; to[k] = i; weight[k++] = -Math.log(0.3 + rand() * 0.6); }
    if (layer === layers - 1) continue;
    for (let d = 0; d < degree; d++) {
      const next = rand() < 0.1 ? layer : layer + 1;
      from[k] = i; to[k] = 1 + next * width + Math.floor(rand() * width); weight[k++] = -Math.log(0.2 + rand() * 0.79);
    }
  }
  const graph = compileCsr(n, { from: from.subarray(0, k), to: to.subarray(0, k), weight: weight.subarray(0, k) });
  return { nodes, indexOf: new Map(), root: 0, steps: [], graph, positionOf: new Uint32Array(0), entries, targets, impact, fixes: new Map(), minCriticality: 8, ...ownGroups(nodes, targets), policy: DEFAULT_POLICY, zonesOf: new Map() };
}

/** Layered candidates: "isolate node v" (all its out-steps) for every non-target node. */
function isolationFixes(model: AnalysisModel): Map<string, FixCandidate> {
  const out = new Map<string, FixCandidate>();
  const { offsets } = model.graph;
  for (let v = 1; v < model.graph.n; v++) {
    if (offsets[v] === offsets[v + 1]) continue;
    const positions: number[] = [];
    for (let p = offsets[v]!; p < offsets[v + 1]!; p++) positions.push(p);
    out.set(`isolate:${v}`, { id: `isolate:${v}`, family: 'segment', action: `isolate n${v}`, cost: 1 + (v % 5), factor: null, positions, nis2: '', cir2690: '', iec62443: null });
  }
  return out;
}

let result: Record<string, unknown>;
if (mode === 'demo') {
  const dir = await mkdtemp(join(tmpdir(), 'chokepoint-bench-score-'));
  const store = new EmbeddedStore({ dataDir: dir });
  await store.init();
  const estate = generateDemoEstate({ size, seed: 1 });
  while (estate.batches.length) await loadBatch(store, estate.batches.shift()!);
  sample();
  const t = performance.now();
  const model = await loadModel(store);
  const compileMs = performance.now() - t;
  sample();
  const scoreMs = median(Array.from({ length: 5 }, () => time(() => scoreModel(model))[1]));
  const scoring = scoreModel(model);
  const riskiest = riskiestTargets(model, scoring, 50);
  const [, topKMs] = time(() => { for (const target of riskiest) topKPaths(model, target, 10, { forward: scoring.paths.dist }); });
  const [plan, planMs] = time(() => remediationPlan(model, { steps: 20 }));
  const g = withGraphology ? graphologyPass(model) : null;
  result = {
    mode, size, nodes: model.graph.n, steps: model.graph.targets.length, derived: model.steps.filter((s) => s.derived).length,
    entries: model.entries.length, targets: model.targets.length, reachable: scoring.reachableTargets, riskiest: riskiest.length,
    compileMs, scoreMs, topKMs, planMs, planRows: plan.rows.length, graphology: g, peakRssMb: 0,
  };
  await store.close();
  await rm(dir, { recursive: true, force: true });
} else {
  const degree = Number(degArg ?? 10);
  const [model, compileMs] = time(() => layeredModel(size, degree));
  const scoreMs = median(Array.from({ length: 3 }, () => time(() => scoreModel(model))[1]));
  const scoring = scoreModel(model);
  const [candidates, candidatesMs] = time(() => isolationFixes(model));
  const [plan, planMs] = time(() => remediationPlan(model, { steps: 20, candidates }));
  const riskiest = riskiestTargets(model, scoring, 50);
  const [, topKMs] = time(() => { for (const target of riskiest) topKPaths(model, target, 10, { forward: scoring.paths.dist }); });
  const g = withGraphology ? graphologyPass(model) : null;
  result = {
    mode, size, nodes: model.graph.n, steps: model.graph.targets.length, entries: model.entries.length, targets: model.targets.length,
    reachable: scoring.reachableTargets, compileMs, scoreMs, candidatesMs, planMs, planRows: plan.rows.length, topKMs, riskiest: riskiest.length, graphology: g, peakRssMb: 0,
  };
}
sample();
clearInterval(sampler);
result.peakRssMb = peakRss / 2 ** 20;
console.log(JSON.stringify(result));
