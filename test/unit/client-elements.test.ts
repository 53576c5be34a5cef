/** The web view's pure element builders: merged routes, columns by hop, Purdue bands, markers, cross-domain hops, preset positions. */
import { describe, expect, it } from 'vitest';
import { neighbourhoodGraph, routeColumns, routeGraph, toElements } from '../../client/src/graph/elements.js';
import type { RouteWithNodesBody } from '../../client/src/api/types.js';

const node = (id: string, domain: string, purdueLevel: number | null = null) => ({ id, name: id.toUpperCase(), kind: 'Host', domain, criticality: id === 'plc' ? 9 : 5, purdueLevel });
const step = (from: string, to: string, kind = 'AdminTo', p = 0.5) => ({ eid: `${kind}|${from}|${to}`, kind, from, to, fromName: from, toName: to, key: null, p, techniques: [], derived: false, assumed: false, explain: '', facts: [], sources: [] });
function route(nodes: ReturnType<typeof node>[], kinds: string[] = []): RouteWithNodesBody {
  return {
    target: nodes.at(-1)!.id, targetName: nodes.at(-1)!.name, entry: nodes[0]!.id, entryName: nodes[0]!.name, p0: 0.5, likelihood: 0.1, criticality: 9, risk: 0.9,
    steps: nodes.slice(1).map((n, i) => step(nodes[i]!.id, n.id, kinds[i])), fingerprint: nodes.map((n) => n.id).join('>'), flags: [], purdueJumps: [], alike: [], explain: '', nodes, gaps: [],
  };
}

describe('route elements', () => {
  const a = node('vendor', 'vendor'), vpn = node('vpn', 'it', 4), ews = node('ews', 'ot', 2), plc = node('plc', 'ot', 1), web = node('web', 'it', 4);
  const r1 = route([a, vpn, ews, plc]);
  const r2 = route([web, vpn, ews, plc]);

  it('merges shared steps and remembers which routes run over each', () => {
    const g = routeGraph([r1, r2]);
    expect(g.nodes.map((n) => n.id).sort()).toEqual(['ews', 'plc', 'vendor', 'vpn', 'web']);
    expect(g.edges.find((e) => e.id === 'AdminTo|ews|plc')!.routes).toEqual([0, 1]);
    expect(g.edges.find((e) => e.id === 'AdminTo|vendor|vpn')!.routes).toEqual([0]);
  });

  it('columns by least hop', () => {
    const long = route([node('x', 'it'), node('y', 'it'), ews, plc]);
    expect(Object.fromEntries(routeColumns([r1, long]))).toEqual({ vendor: 0, vpn: 1, ews: 2, plc: 3, x: 0, y: 1 });
  });

  it('the Purdue layout draws horizontal bands, non-OT on top, level 5 down to 0, each node inside its band, hop order kept', () => {
    const purdue = [5, 4, 3.5, 3, 2, 1, 0].map((level) => ({ level, label: `L${level}` }));
    const otNoLevel = node('hist', 'ot');
    const plcs = Array.from({ length: 9 }, (_, i) => node(`plc${i}`, 'ot', 1)); // a crowded cell wraps
    const routes = [r1, route([web, vpn, otNoLevel]), ...plcs.map((p) => route([a, vpn, ews, p]))];
    const g = routeGraph(routes);
    const els = toElements(g, { columns: routeColumns(routes), layout: 'purdue', purdue });
    const bands = els.filter((e) => e.classes === 'band');
    expect(bands.map((b) => b.data.id)).toEqual(['band:above', 'band:ot', 'band:L4', 'band:L2', 'band:L1']);
    const range = (id: string) => { const b = bands.find((x) => x.data.id === `band:${id}`)!; return [b.position!.y - b.data.h / 2, b.position!.y + b.data.h / 2] as const; };
    for (let i = 1; i < bands.length; i++) expect(bands[i]!.position!.y).toBeGreaterThan(bands[i - 1]!.position!.y); // top to bottom
    const pos = (id: string) => els.find((e) => e.data.id === id)!.position!;
    const inBand = (id: string, band: string) => { const [top, bottom] = range(band); return pos(id).y > top && pos(id).y < bottom; };
    expect(inBand('vendor', 'above') && inBand('web', 'L4')).toBe(true); // an IT host with a Purdue level sits in its level's band
    expect(inBand('hist', 'ot')).toBe(true);
    expect(inBand('vpn', 'L4') && inBand('ews', 'L2')).toBe(true);
    expect(['plc', ...plcs.map((p) => p.id)].every((id) => inBand(id, 'L1'))).toBe(true);
    expect(pos('vendor').x).toBeLessThan(pos('vpn').x); // hop order left to right
    expect(pos('vpn').x).toBeLessThan(pos('ews').x);
    expect(pos('ews').x).toBeLessThanOrEqual(pos('plc').x);
    expect(new Set([...plcs.map((p) => `${pos(p.id).x},${pos(p.id).y}`), `${pos('plc').x},${pos('plc').y}`]).size).toBe(10); // none on top of another
  });

  it('owned and high-value markers become classes', () => {
    const els = toElements(routeGraph([r1]), { columns: routeColumns([r1]), owned: new Set(['vendor']), highValue: new Set(['ews']) });
    expect(els.find((e) => e.data.id === 'vendor')!.classes).toContain('owned');
    expect(els.find((e) => e.data.id === 'ews')!.classes).toContain('high-value');
    expect(els.find((e) => e.data.id === 'vpn')!.classes).not.toMatch(/owned|high-value/);
  });

  it('marks cross-domain hops, targets, and places nodes deterministically left to right', () => {
    const g = routeGraph([r1]);
    const elements = toElements(g, { columns: routeColumns([r1]) });
    const again = toElements(routeGraph([r1]), { columns: routeColumns([r1]) });
    expect(again).toEqual(elements);
    const edge = (id: string) => elements.find((e) => e.data.id === `e:${id}`)!;
    expect(edge('AdminTo|vendor|vpn').classes).toBe('cross');
    expect(edge('AdminTo|ews|plc').classes).toBe('');
    expect(edge('AdminTo|ews|plc').data.label).toBe('AdminTo 0.50');
    const x = (id: string) => elements.find((e) => e.data.id === id)!.position!.x;
    expect(x('vendor')).toBeLessThan(x('vpn'));
    expect(x('vpn')).toBeLessThan(x('ews'));
    expect(elements.find((e) => e.data.id === 'plc')!.classes).toContain('target');
    expect(elements.find((e) => e.data.id === 'vendor')!.data.label).toBe('VENDOR'); // names are data, drawn as canvas text
  });

  it('emphasises only a real change of domain: AD identity to IT and hops from the Internet or a zone are not cross-domain', () => {
    const els = toElements({
      nodes: [
        { id: 'u', name: 'alice', kind: 'User', domain: 'identity' }, { id: 'h', name: 'ws1', kind: 'Host', domain: 'it' },
        { id: 'i', name: 'Internet', kind: 'Internet', domain: 'it' }, { id: 'p', name: 'plc', kind: 'Controller', domain: 'ot' },
      ],
      edges: [
        { id: 'AdminTo|u|h', kind: 'AdminTo', from: 'u', to: 'h', p: 0.9, routes: [] },
        { id: 'CanReach|i|h', kind: 'CanReach', from: 'i', to: 'h', p: 0.9, routes: [] },
        { id: 'Controls|h|p', kind: 'Controls', from: 'h', to: 'p', p: 0.9, routes: [] },
        { id: 'AdminTo|u|p', kind: 'AdminTo', from: 'u', to: 'p', p: 0.9, routes: [] },
      ],
    }, { columns: new Map() });
    const cls = (id: string) => els.find((e) => e.data.id === `e:${id}`)!.classes;
    expect([cls('AdminTo|u|h'), cls('CanReach|i|h'), cls('Controls|h|p'), cls('AdminTo|u|p')]).toEqual(['', '', 'cross', 'cross']);
  });

  it('a neighbourhood is laid out in BFS rings from its centre; long columns wrap', () => {
    const nodes = [node('c', 'it'), ...Array.from({ length: 60 }, (_, i) => node(`n${i}`, 'it'))];
    const edges = nodes.slice(1).map((n) => ({ id: `AdminTo|c|${n.id}`, kind: 'AdminTo', from: 'c', to: n.id, p: 0.5 }));
    const g = neighbourhoodGraph('c', { nodes: nodes.map((n) => ({ ...n, exposure: null, risk: 0 })), edges, truncated: false, groups: [] });
    expect(g.columns.get('c')).toBe(0);
    expect(g.columns.get('n59')).toBe(1);
    const elements = toElements(g, { columns: g.columns });
    const xs = new Set(elements.filter((e) => e.group === 'nodes' && e.data.id !== 'c').map((e) => e.position!.x));
    expect(xs.size).toBe(3); // 60 nodes in one ring → three sub-columns of at most 24
    expect(elements.filter((e) => e.group === 'edges')).toHaveLength(60);
  });
});
