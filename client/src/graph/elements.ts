/**
 * Pure builders from API data to Cytoscape element definitions, positions included (a preset layout):
 * routes are drawn left to right by hop (or by Purdue level for OT), a neighbourhood by BFS ring from its
 * centre. Deterministic and linear, so a 2,000-element subgraph is positioned in a few milliseconds.
 */
import type { ElementDefinition } from 'cytoscape';
import type { NeighbourhoodBody, RouteWithNodesBody } from '../api/types.js';

export interface GraphNode { id: string; name: string; kind: string; domain: string; purdueLevel?: number | null; criticality?: number }
export interface GraphEdge { id: string; kind: string; from: string; to: string; p: number; routes: number[] }

const COLUMN = 230, ROW = 90, MAX_ROWS = 24;

function place(columns: Map<number, string[]>): Map<string, { x: number; y: number }> {
  const out = new Map<string, { x: number; y: number }>();
  let x = 0;
  for (const col of [...columns.keys()].sort((a, b) => a - b)) {
    const ids = columns.get(col)!;
    // Long columns wrap into sub-columns so the picture stays readable.
    const sub = Math.ceil(ids.length / MAX_ROWS);
    ids.forEach((id, i) => {
      const rows = Math.min(ids.length, MAX_ROWS);
      out.set(id, { x: x + Math.floor(i / MAX_ROWS) * (COLUMN * 0.6), y: ((i % MAX_ROWS) - (rows - 1) / 2) * ROW });
    });
    x += COLUMN + (sub - 1) * COLUMN * 0.6;
  }
  return out;
}

/** Nodes and edges of a set of routes; each edge knows which routes (by index) run over it. */
export function routeGraph(routes: RouteWithNodesBody[]): { nodes: GraphNode[]; edges: GraphEdge[] } {
  const nodes = new Map<string, GraphNode>();
  const edges = new Map<string, GraphEdge>();
  routes.forEach((route, r) => {
    for (const n of route.nodes) if (!nodes.has(n.id)) nodes.set(n.id, n);
    for (const s of route.steps) {
      const e = edges.get(s.eid);
      if (e) e.routes.push(r);
      else edges.set(s.eid, { id: s.eid, kind: s.kind, from: s.from, to: s.to, p: s.p, routes: [r] });
    }
  });
  return { nodes: [...nodes.values()], edges: [...edges.values()] };
}

/** Column of each node: its least hop count over the routes, or (layout `purdue`) 5 − Purdue level. */
export function routeColumns(routes: RouteWithNodesBody[], layout: 'hop' | 'purdue'): Map<string, number> {
  const col = new Map<string, number>();
  for (const route of routes) {
    route.nodes.forEach((n, hop) => {
      const c = layout === 'purdue' ? (n.purdueLevel === null ? -1 : 5 - n.purdueLevel) : hop;
      const old = col.get(n.id);
      if (old === undefined || c < old) col.set(n.id, c);
    });
  }
  return col;
}

export function neighbourhoodGraph(centre: string, data: NeighbourhoodBody): { nodes: GraphNode[]; edges: GraphEdge[]; columns: Map<string, number> } {
  const adjacent = new Map<string, string[]>();
  for (const e of data.edges) {
    (adjacent.get(e.from) ?? adjacent.set(e.from, []).get(e.from)!).push(e.to);
    (adjacent.get(e.to) ?? adjacent.set(e.to, []).get(e.to)!).push(e.from);
  }
  const columns = new Map<string, number>([[centre, 0]]);
  const queue = [centre];
  for (let i = 0; i < queue.length; i++) {
    for (const next of adjacent.get(queue[i]!) ?? []) if (!columns.has(next)) { columns.set(next, columns.get(queue[i]!)! + 1); queue.push(next); }
  }
  for (const n of data.nodes) if (!columns.has(n.id)) columns.set(n.id, 1);
  return { nodes: data.nodes, edges: data.edges.map((e) => ({ ...e, routes: [] })), columns };
}

export interface ElementOptions { columns: Map<string, number>; crossDomain?: boolean }

/**
 * The domain a hop changes from or to, as the route flags count it (queries/analysis/flags.ts): AD identities
 * belong with IT, and the Internet and zones are no asset's domain — so only a real change of domain (IT → OT,
 * vendor → OT, on-prem ↔ cloud) is emphasised, not every AD hop.
 */
function domainFamily(n: GraphNode): string | null {
  if (n.kind === 'Internet' || n.kind === 'Zone') return null;
  return n.domain === 'identity' ? 'it' : n.domain;
}

/** Cytoscape elements with preset positions; hops across a real change of domain carry the `cross` class. */
export function toElements(graph: { nodes: GraphNode[]; edges: GraphEdge[] }, { columns }: ElementOptions): ElementDefinition[] {
  const byColumn = new Map<number, string[]>();
  const sorted = [...graph.nodes].sort((a, b) => a.id.localeCompare(b.id));
  for (const n of sorted) { const c = columns.get(n.id) ?? 0; (byColumn.get(c) ?? byColumn.set(c, []).get(c)!).push(n.id); }
  const positions = place(byColumn);
  const domainOf = new Map(graph.nodes.map((n) => [n.id, domainFamily(n)]));
  const cross = (a: string, b: string) => { const x = domainOf.get(a), y = domainOf.get(b); return x !== null && y !== null && x !== y; };
  return [
    ...graph.nodes.map((n): ElementDefinition => ({
      group: 'nodes', data: { id: n.id, label: n.name, kind: n.kind, domain: n.domain }, position: positions.get(n.id) ?? { x: 0, y: 0 },
      classes: `kind-${n.kind} domain-${n.domain}${(n.criticality ?? 0) >= 8 ? ' target' : ''}`,
    })),
    ...graph.edges.filter((e) => domainOf.has(e.from) && domainOf.has(e.to)).map((e): ElementDefinition => ({
      group: 'edges', data: { id: `e:${e.id}`, eid: e.id, source: e.from, target: e.to, kind: e.kind, p: e.p, label: `${e.kind} ${e.p.toFixed(2)}`, routes: e.routes.join(' ') },
      classes: cross(e.from, e.to) ? 'cross' : '',
    })),
  ];
}
