/**
 * Oracles for the scoring engine on hundreds of random small graphs: best routes and top-k against
 * brute-force enumeration of simple paths, distances against graphology-shortest-path, incremental
 * re-scoring against full re-scoring. (The plan against the exhaustive optimum: estate-oracle.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { MultiDirectedGraph } from 'graphology';
import * as dijkstra from 'graphology-shortest-path/dijkstra.js';
import {
  RiskEvaluator, buildModel, scoreModel, topKPaths,
  type EdgeKind, type StoredEdge, type StoredNode,
} from '@chokepoint/queries';
import { edge, lcg, node } from '../helpers/model.js';

interface RandomGraph { nodes: StoredNode[]; edges: StoredEdge[]; entries: Map<string, number>; targets: Map<string, number> }

function randomGraph(rand: () => number): RandomGraph {
  const n = 3 + Math.floor(rand() * 7);
  const entries = new Map<string, number>(), targets = new Map<string, number>();
  const nodes = Array.from({ length: n }, (_, i) => {
    const id = `u${i}`;
    const entry = rand() < 0.35, target = rand() < 0.35;
    const p0 = Math.round((0.05 + rand() * 0.95) * 100) / 100;
    const criticality = target ? 8 + Math.floor(rand() * 3) : 1 + Math.floor(rand() * 6);
    if (entry) entries.set(id, p0);
    if (target) targets.set(id, criticality);
    return node(id, 'User', { criticality, ...(entry ? { exposure: 'phishable' as const, props: { p0 } } : {}) });
  });
  const kinds: EdgeKind[] = ['GenericAll', 'ForceChangePassword', 'GenericWrite'];
  const edges = new Map<string, StoredEdge>();
  for (let i = Math.floor(rand() * n * 2.5); i > 0; i--) {
    const a = Math.floor(rand() * n), b = Math.floor(rand() * n);
    if (a === b) continue;
    const e = edge(kinds[Math.floor(rand() * kinds.length)]!, `u${a}`, `u${b}`, { p: Math.round((0.05 + rand() * 0.95) * 100) / 100 });
    edges.set(e.eid, e);
  }
  return { nodes, edges: [...edges.values()], entries, targets };
}

/** Every simple route from an entry to `target`, as −ln(p₀ · Π p), ascending. */
function bruteForce(g: RandomGraph, target: string): number[] {
  const out: number[] = [];
  const walk = (at: string, cost: number, seen: Set<string>) => {
    if (at === target) out.push(cost);
    for (const e of g.edges) {
      if (e.from !== at || seen.has(e.to)) continue;
      seen.add(e.to); walk(e.to, cost - Math.log(e.p!), seen); seen.delete(e.to);
    }
  };
  for (const [entry, p0] of g.entries) walk(entry, -Math.log(p0), new Set([entry]));
  return out.sort((a, b) => a - b);
}

describe('scoring oracles on random graphs', () => {
  it('best routes, top-k and distances agree with brute force and graphology on 300 graphs', () => {
    const rand = lcg(2026);
    let routesChecked = 0;
    for (let round = 0; round < 300; round++) {
      const g = randomGraph(rand);
      const model = buildModel(g.nodes, g.edges);
      const scoring = scoreModel(model);
      // graphology: the same multigraph with a root and p₀ entry edges.
      const oracle = new MultiDirectedGraph();
      oracle.addNode('@root');
      for (const x of g.nodes) oracle.addNode(x.id);
      for (const [id, p0] of g.entries) oracle.addDirectedEdge('@root', id, { w: -Math.log(p0) });
      for (const e of g.edges) oracle.addDirectedEdge(e.from, e.to, { w: -Math.log(e.p!) });
      const paths = dijkstra.singleSource(oracle, '@root', 'w');
      for (const x of g.nodes) {
        const path = paths[x.id];
        let d = Infinity;
        if (path) { d = 0; for (let i = 1; i < path.length; i++) d += Math.min(...oracle.outEdges(path[i - 1]!, path[i]!).map((k) => oracle.getEdgeAttribute(k, 'w') as number)); }
        const v = model.indexOf.get(x.id)!;
        if (d === Infinity) expect(scoring.paths.dist[v]).toBe(Infinity);
        else expect(scoring.paths.dist[v]).toBeCloseTo(d, 9);
      }
      for (const [id, criticality] of g.targets) {
        const brute = bruteForce(g, id);
        const t = model.indexOf.get(id)!;
        expect(scoring.risk[t]).toBeCloseTo(brute.length ? Math.exp(-brute[0]!) * criticality : 0, 9);
        const k = 1 + Math.floor(rand() * 6);
        const top = topKPaths(model, t, k, { maxSteps: 100 });
        expect(top.map((p) => Math.round(p.cost * 1e9) + 0)).toEqual(brute.slice(0, k).map((c) => Math.round(c * 1e9) + 0)); // + 0: no −0
        for (const p of top) expect(new Set(p.positions.map((pos) => model.graph.targets[pos])).size).toBe(p.positions.length); // simple
        routesChecked += top.length;
      }
    }
    expect(routesChecked).toBeGreaterThan(300);
  });

  it('incremental re-scoring (risk removed and the patched scoring) equals a full re-score for random removals', () => {
    const rand = lcg(99);
    for (let round = 0; round < 300; round++) {
      const g = randomGraph(rand);
      const model = buildModel(g.nodes, g.edges);
      const scoring = scoreModel(model);
      const m = model.graph.targets.length;
      if (m === 0) continue;
      const changes = Array.from({ length: 1 + Math.floor(rand() * 3) }, () => {
        const position = Math.floor(rand() * m);
        return { position, weight: rand() < 0.5 ? Infinity : model.graph.weights[position]! + rand() * 2 };
      });
      const weights = model.graph.weights.slice();
      for (const c of changes) weights[c.position] = Math.max(weights[c.position]!, c.weight);
      const full = scoreModel(model, weights);
      const evaluator = new RiskEvaluator(model, scoring);
      expect(evaluator.evaluate(changes).removed).toBeCloseTo(scoring.total - full.total, 9);
      const patched = evaluator.rescore(changes);
      expect([...patched.paths.dist]).toEqual([...full.paths.dist].map((d) => (d === Infinity ? Infinity : expect.closeTo(d, 9))));
      expect(patched.total).toBeCloseTo(full.total, 9);
      expect(patched.reachableTargets).toBe(full.reachableTargets);
      expect(patched.weights).toEqual(weights);
    }
  });
});
