/** Multi-source Dijkstra on the compact attack graph: exact answers on a tiny graph, graphology as oracle on random ones. */
import { describe, expect, it } from 'vitest';
import { MultiDirectedGraph } from 'graphology';
import * as dijkstra from 'graphology-shortest-path/dijkstra.js';
import { compileAttackGraph, multiSourceDijkstra, routeTo, type EdgeKind } from '@chokepoint/queries';

const e = (kind: EdgeKind, from: string, to: string, p: number | null = null) => ({ eid: `${kind}|${from}|${to}`, kind, from, to, p });

describe('compact attack graph + multi-source Dijkstra', () => {
  it('picks the most likely route across parallel steps and ignores context facts', () => {
    const nodes = ['vendor', 'vpn', 'jump', 'plc', 'web'].map((id) => ({ id }));
    const g = compileAttackGraph(nodes, [
      e('VendorAccess', 'vendor', 'vpn', 0.5),
      e('ProvidesAccess', 'vpn', 'jump', 0.9),
      e('AdminTo', 'jump', 'plc', 0.2),
      e('Controls', 'jump', 'plc', 0.8), // parallel step of another kind, more likely
      e('CanReach', 'web', 'plc'), // context: never traversed
    ]);
    expect(g.edgeIds).toHaveLength(4);
    const paths = multiSourceDijkstra(g, [{ node: g.indexOf.get('vendor')!, cost: -Math.log(0.6) }]);
    const plc = g.indexOf.get('plc')!;
    expect(Math.exp(-paths.dist[plc]!)).toBeCloseTo(0.6 * 0.5 * 0.9 * 0.8, 12);
    expect(routeTo(g, paths, plc)!.map((k) => g.edgeIds[g.edgeOf[k]!])).toEqual(['VendorAccess|vendor|vpn', 'ProvidesAccess|vpn|jump', 'Controls|jump|plc']);
    expect(routeTo(g, paths, g.indexOf.get('web')!)).toBeNull();
  });

  it('agrees with graphology-shortest-path and brute force on 300 random graphs', () => {
    let seed = 12345;
    const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
    const kinds: EdgeKind[] = ['AdminTo', 'HasSession', 'MemberOf', 'GenericAll'];
    for (let round = 0; round < 300; round++) {
      const n = 2 + Math.floor(rand() * 10);
      const ids = Array.from({ length: n }, (_, i) => `n${i}`);
      const edges = Array.from({ length: Math.floor(rand() * n * 3) }, (_, i) => ({
        ...e(kinds[i % kinds.length]!, ids[Math.floor(rand() * n)]!, ids[Math.floor(rand() * n)]!, 0.05 + rand() * 0.95),
        eid: `e${i}`,
      }));
      const g = compileAttackGraph(ids.map((id) => ({ id })), edges);
      const model = new MultiDirectedGraph({ allowSelfLoops: true });
      ids.forEach((id) => model.addNode(id));
      edges.forEach((x) => model.addDirectedEdgeWithKey(x.eid, x.from, x.to, { w: -Math.log(x.p!) }));
      const weightOf = (a: string, b: string) => Math.min(...model.outEdges(a, b).map((k) => model.getEdgeAttribute(k, 'w') as number));
      const oracle = (s: string): Map<string, number> => {
        const out = new Map<string, number>();
        for (const [target, path] of Object.entries(dijkstra.singleSource(model, s, 'w'))) {
          let d = 0;
          for (let i = 1; i < path.length; i++) d += weightOf(path[i - 1]!, path[i]!);
          out.set(target, d);
        }
        return out;
      };
      const sources = ids.filter(() => rand() < 0.3).map((id) => ({ id, cost: rand() * 2 }));
      if (sources.length === 0) sources.push({ id: ids[0]!, cost: 0 });
      const paths = multiSourceDijkstra(g, sources.map((s) => ({ node: g.indexOf.get(s.id)!, cost: s.cost })));
      for (const id of ids) {
        const brute = Math.min(...sources.map((s) => s.cost + (oracle(s.id).get(id) ?? Infinity)));
        const v = g.indexOf.get(id)!;
        if (brute === Infinity) expect(paths.dist[v]).toBe(Infinity);
        else expect(paths.dist[v]).toBeCloseTo(brute, 9);
        const route = routeTo(g, paths, v);
        if (route) {
          const start = route.length ? g.sources[route[0]!]! : v;
          const cost = sources.filter((s) => g.indexOf.get(s.id) === start).reduce((m, s) => Math.min(m, s.cost), Infinity);
          expect(cost + route.reduce((sum, k) => sum + g.weights[k]!, 0)).toBeCloseTo(paths.dist[v]!, 9);
        }
      }
    }
  });

  it('validates its arguments', () => {
    const g = compileAttackGraph([{ id: 'a' }], []);
    expect(() => multiSourceDijkstra(g, [{ node: 3, cost: 0 }])).toThrow(/source 3 is not a node index/);
    expect(() => multiSourceDijkstra(g, [{ node: 0, cost: -1 }])).toThrow(/cost must be ≥ 0/);
  });
});
