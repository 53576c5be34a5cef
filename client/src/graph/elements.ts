/**
 * Pure builders from API data to Cytoscape element definitions, positions included (a preset layout):
 * routes are drawn left to right by hop, a neighbourhood by BFS ring from its centre; the Purdue layout
 * keeps the hop order left to right and puts each node in a horizontal band — assets with no Purdue
 * level (IT, identity, cloud, vendor, AI) on top, then OT without a level, then Purdue 5 down to 0.
 * Deterministic and linear, so a 2,000-element subgraph is positioned in a few milliseconds.
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

/** Column of each node: its least hop count over the routes. */
export function routeColumns(routes: RouteWithNodesBody[]): Map<string, number> {
  const col = new Map<string, number>();
  for (const route of routes) {
    route.nodes.forEach((n, hop) => {
      const old = col.get(n.id);
      if (old === undefined || hop < old) col.set(n.id, hop);
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

export interface ElementOptions {
  columns: Map<string, number>;
  /** `purdue`: horizontal bands by Purdue level (the schema's list, top first), hop order kept left to right. */
  layout?: 'hop' | 'purdue';
  purdue?: ReadonlyArray<{ level: number; label: string }>;
  /** Marked owned (routes start there) and high value (a target whatever its criticality). */
  owned?: ReadonlySet<string>;
  highValue?: ReadonlySet<string>;
}

export interface Band { key: string; label: string; top: number; height: number }

const BAND_ROWS = 8, BAND_ROW = 60, BAND_PAD = 30, BAND_GAP = 16, SUB_COLUMN = 150;

/** The band a node belongs in: its Purdue level, else OT with no level, else the non-OT layers on top. */
export function bandKey(n: GraphNode): string {
  if (typeof n.purdueLevel === 'number') return `L${n.purdueLevel}`;
  return n.domain === 'ot' ? 'ot' : 'above';
}

/** Positions in horizontal bands: within a band, nodes keep their hop column; a crowded cell wraps into sub-columns. */
export function purduePositions(nodes: GraphNode[], columns: Map<string, number>, purdue: ReadonlyArray<{ level: number; label: string }>): { positions: Map<string, { x: number; y: number }>; bands: Band[] } {
  const order = [{ key: 'above', label: 'IT, identity, cloud, vendor, AI — no Purdue level' }, { key: 'ot', label: 'OT — Purdue level not known' }, ...purdue.map((p) => ({ key: `L${p.level}`, label: p.label }))];
  const cells = new Map<string, Map<number, string[]>>();
  for (const n of nodes) {
    const band = cells.get(bandKey(n)) ?? cells.set(bandKey(n), new Map()).get(bandKey(n))!;
    const c = columns.get(n.id) ?? 0;
    (band.get(c) ?? band.set(c, []).get(c)!).push(n.id);
  }
  const cols = [...new Set([...cells.values()].flatMap((b) => [...b.keys()]))].sort((a, b) => a - b);
  const x0 = new Map<number, number>();
  let x = 0;
  for (const c of cols) {
    x0.set(c, x);
    const sub = Math.max(...[...cells.values()].map((b) => Math.ceil((b.get(c)?.length ?? 0) / BAND_ROWS)), 1);
    x += COLUMN + (sub - 1) * SUB_COLUMN;
  }
  const positions = new Map<string, { x: number; y: number }>();
  const bands: Band[] = [];
  let top = 0;
  for (const { key, label } of order) {
    const band = cells.get(key);
    if (!band) continue;
    const rows = Math.max(...[...band.values()].map((ids) => Math.min(ids.length, BAND_ROWS)));
    const height = rows * BAND_ROW + 2 * BAND_PAD;
    for (const [c, ids] of band) {
      ids.forEach((id, i) => positions.set(id, { x: x0.get(c)! + Math.floor(i / BAND_ROWS) * SUB_COLUMN, y: top + BAND_PAD + (i % BAND_ROWS) * BAND_ROW + BAND_ROW / 2 }));
    }
    bands.push({ key, label, top, height });
    top += height + BAND_GAP;
  }
  return { positions, bands };
}

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
export function toElements(graph: { nodes: GraphNode[]; edges: GraphEdge[] }, { columns, layout = 'hop', purdue = [], owned, highValue }: ElementOptions): ElementDefinition[] {
  const sorted = [...graph.nodes].sort((a, b) => a.id.localeCompare(b.id));
  let positions: Map<string, { x: number; y: number }>;
  const backdrop: ElementDefinition[] = [];
  if (layout === 'purdue') {
    const laid = purduePositions(sorted, columns, purdue);
    positions = laid.positions;
    const xs = [...positions.values()].map((p) => p.x);
    const left = Math.min(...xs) - COLUMN / 2, right = Math.max(...xs) + COLUMN / 2;
    // A band is a node drawn behind the others (the stylesheet's `band` class): not selectable, taps pass through.
    for (const b of laid.bands) {
      backdrop.push({ group: 'nodes', data: { id: `band:${b.key}`, label: b.label, w: right - left, h: b.height }, position: { x: (left + right) / 2, y: b.top + b.height / 2 }, classes: 'band', selectable: false, grabbable: false });
    }
  } else {
    const byColumn = new Map<number, string[]>();
    for (const n of sorted) { const c = columns.get(n.id) ?? 0; (byColumn.get(c) ?? byColumn.set(c, []).get(c)!).push(n.id); }
    positions = place(byColumn);
  }
  const domainOf = new Map(graph.nodes.map((n) => [n.id, domainFamily(n)]));
  const cross = (a: string, b: string) => { const x = domainOf.get(a), y = domainOf.get(b); return x !== null && y !== null && x !== y; };
  return [
    ...backdrop,
    ...graph.nodes.map((n): ElementDefinition => ({
      group: 'nodes', data: { id: n.id, label: n.name, kind: n.kind, domain: n.domain, band: bandKey(n) }, position: positions.get(n.id) ?? { x: 0, y: 0 },
      classes: [`kind-${n.kind}`, `domain-${n.domain}`, (n.criticality ?? 0) >= 8 ? 'target' : '', owned?.has(n.id) ? 'owned' : '', highValue?.has(n.id) ? 'high-value' : ''].filter(Boolean).join(' '),
    })),
    ...graph.edges.filter((e) => domainOf.has(e.from) && domainOf.has(e.to)).map((e): ElementDefinition => ({
      group: 'edges', data: { id: `e:${e.id}`, eid: e.id, source: e.from, target: e.to, kind: e.kind, p: e.p, label: `${e.kind} ${e.p.toFixed(2)}`, routes: e.routes.join(' ') },
      classes: cross(e.from, e.to) ? 'cross' : '',
    })),
  ];
}
