/**
 * Route explorer: the top-k routes to a target (from the entries, one entry, any node or every owned
 * node) drawn left to right by hop, or in Purdue bands; click for facts and remediation (the details
 * panel sits beside the canvas, above the route list); expand a node's neighbourhood; search; tick fixes
 * to see routes disappear and the totals change; export the view as PNG or SVG.
 */
import { useMemo, useRef, useState } from 'react';
import { api, post, saveBlob } from '../api/http.js';
import type { KindsBody, MarkerBody, NeighbourhoodBody, NodeSummaryBody, PlanResponse, RouteWithNodesBody, TargetRoutesBody, WhatIfResponse } from '../api/types.js';
import { fmt } from '../components/charts.js';
import { NodeDetails, StepDetails } from '../components/Details.js';
import { FixList } from '../components/FixList.js';
import { NodePicker } from '../components/NodePicker.js';
import { Legend } from '../components/Legend.js';
import { GraphCanvas, type GraphHandle, type Selection } from '../graph/GraphCanvas.js';
import { neighbourhoodGraph, routeColumns, routeGraph, toElements, type GraphEdge, type GraphNode } from '../graph/elements.js';
import { stylesheet } from '../graph/style.js';
import { useApi } from '../use-api.js';
import { useThemeName } from '../theme.js';
import type { UrlState } from '../url-state.js';

interface Props { url: UrlState; go: (patch: Partial<UrlState>) => void; kinds: KindsBody | undefined; scoreRun: string | undefined; targets: Array<{ id: string; name: string }> }

export function Routes({ url, go, kinds, scoreRun, targets }: Props) {
  const k = url.k ?? 5;
  // Markers change the scoring, so they are read again with every score run.
  const markers = useApi(`markers ${scoreRun}`, () => api<MarkerBody[]>('/markers'));
  const owned = useMemo(() => new Set((markers.data ?? []).filter((m) => m.marker === 'owned').map((m) => m.nodeId)), [markers.data]);
  const highValue = useMemo(() => new Set((markers.data ?? []).filter((m) => m.marker === 'high-value').map((m) => m.nodeId)), [markers.data]);
  const fromOwned = url.owned ? [...owned].sort() : [];
  const query = new URLSearchParams([['k', String(k)], ...(url.target ? [['target', url.target]] : []), ...(url.owned ? fromOwned.map((id) => ['from', id]) : url.entry ? [['entry', url.entry]] : [])]);
  // `node` in the URL: explore around one node (two hops, up to 500 nodes, large groups as counts) instead of routes.
  const waiting = url.node || (url.owned && (!markers.data || fromOwned.length === 0));
  const paths = useApi(waiting ? null : `paths ${scoreRun} ${query}`, () => api<TargetRoutesBody[]>(`/paths?${query}`));
  // First-ring groups of more than 25 alike neighbours come back as counts, and the answer stops at 500
  // elements (nodes and steps), so even a hub's first frame is quick; "draw without grouping" lifts both.
  const aroundQuery = `${url.whole ? 'depth=2&limit=1000' : 'depth=2&limit=500&group=25&maxElements=500'}${url.dir ? `&direction=${url.dir}` : ''}${url.edgeKind ? `&edgeKind=${encodeURIComponent(url.edgeKind)}` : ''}`;
  const around = useApi(url.node ? `around ${scoreRun} ${url.node} ${aroundQuery}` : null, () => api<NeighbourhoodBody>(`/nodes/${encodeURIComponent(url.node!)}/neighbourhood?${aroundQuery}`));
  const plan = useApi(`plan ${scoreRun}`, () => api<PlanResponse>('/plan'));
  const routes = useMemo(() => (url.node ? [] : (paths.data ?? []).flatMap((t) => t.routes)), [paths.data, url.node]);
  const eids = useMemo(() => [...new Set(routes.flatMap((r) => r.steps.map((s) => s.eid)))], [routes]);
  // Asked once the routes are known, so the answer says which of them the fixes cut.
  const whatif = useApi(url.fixes.length && (paths.data || url.node) ? `whatif ${scoreRun} ${url.fixes.join(',')} ${eids.length} ${query}` : null,
    () => post<WhatIfResponse>('/whatif', { fixes: url.fixes, steps: eids.slice(0, 5000) }));
  const [selection, setSelection] = useState<Selection | null>(null);
  const [focus, setFocus] = useState<number | null>(null);
  const [expanded, setExpanded] = useState<Array<{ centre: string; data: NeighbourhoodBody }>>([]);
  const [search, setSearch] = useState('');
  const [found, setFound] = useState<NodeSummaryBody[] | null>(null);
  const canvas = useRef<GraphHandle>(null);

  const cut = (r: RouteWithNodesBody) => !!whatif.data && r.steps.some((s) => whatif.data!.steps[s.eid] === 0);
  const visible = routes.filter((r) => !cut(r));
  const layout = url.layout ?? 'hop';
  const theme = useThemeName();
  const elements = useMemo(() => {
    const g = routeGraph(visible);
    const columns = routeColumns(visible);
    const nodes = new Map<string, GraphNode>(g.nodes.map((n) => [n.id, n]));
    const edges = new Map<string, GraphEdge>(g.edges.map((e) => [e.id, e]));
    const all = around.data && url.node ? [{ centre: url.node, data: around.data }, ...expanded] : expanded;
    for (const x of all) {
      const n = neighbourhoodGraph(x.centre, x.data);
      const base = columns.get(x.centre) ?? 0;
      for (const node of n.nodes) if (!nodes.has(node.id)) { nodes.set(node.id, node); columns.set(node.id, base + (n.columns.get(node.id) ?? 1)); }
      for (const e of n.edges) if (!edges.has(e.id)) edges.set(e.id, e);
    }
    return toElements({ nodes: [...nodes.values()], edges: [...edges.values()] }, { columns, layout, purdue: kinds?.purdue ?? [], owned, highValue });
    // `visible` derives from these.
  }, [routes, whatif.data, expanded, layout, around.data, url.node, kinds, owned, highValue]);
  const style = useMemo(() => (kinds ? stylesheet(kinds, theme) : []), [kinds, theme]);
  const present = useMemo(() => new Set(elements.filter((e) => e.group === 'nodes' && e.data.kind).map((e) => String(e.data.kind))), [elements]);
  const centreName = url.node ? around.data?.nodes.find((n) => n.id === url.node)?.name ?? url.node : undefined;
  const highlight = useMemo(() => {
    if (focus === null || !visible[focus]) return new Set<string>();
    const r = visible[focus]!;
    return new Set([...r.nodes.map((n) => n.id), ...r.steps.map((s) => `e:${s.eid}`)]);
  }, [focus, visible]);

  const step = selection?.group === 'edges' ? routes.flatMap((r) => r.steps).find((s) => s.eid === selection.id) : undefined;
  const expand = async (id: string, only?: { direction: 'in' | 'out'; edgeKind: string }) => {
    // Large groups of like neighbours come back as counts (the entity panel's "draw" asks for one kind whole).
    const filter = only ? `&direction=${only.direction}&edgeKind=${encodeURIComponent(only.edgeKind)}&limit=200` : '&limit=40&group=20';
    const data = await api<NeighbourhoodBody>(`/nodes/${encodeURIComponent(id)}/neighbourhood?depth=1${filter}`);
    setExpanded((old) => [...old.filter((x) => x.centre !== id), { centre: id, data }]);
  };
  const runSearch = async () => { if (search.trim()) setFound(await api<NodeSummaryBody[]>(`/nodes?q=${encodeURIComponent(search.trim())}&limit=20`)); };
  const exportSvg = () => { const svg = canvas.current?.svg(); if (svg) saveBlob(new Blob([svg], { type: 'image/svg+xml' }), 'chokepoint-view.svg'); };
  const exportPng = () => { const png = canvas.current?.png(); if (png) saveBlob(png, 'chokepoint-view.png'); };

  return (
    <div className="routes">
      <form className="toolbar" onSubmit={(e) => e.preventDefault()} aria-label="route query">
        <NodePicker label="To" value={url.target} placeholder="the riskiest targets — or any node" initial={targets.map((t) => ({ id: t.id, name: t.name }))}
          onPick={(id) => { setExpanded([]); setFocus(null); go({ target: id }); }} />
        <NodePicker label="From" value={url.owned ? undefined : url.entry} placeholder={url.owned ? 'every owned node' : 'the entries — or any node (assume breach)'} onPick={(id) => { setFocus(null); go({ entry: id, owned: undefined }); }} />
        <button type="button" aria-pressed={!!url.owned} onClick={() => { setFocus(null); go({ owned: url.owned ? undefined : true, entry: undefined, node: undefined }); }}>{url.owned ? 'From the entries' : 'From owned'}</button>
        <label>Routes (k) <input type="number" min={1} max={20} value={k} onChange={(e) => go({ k: Math.max(1, Math.min(20, Number(e.target.value) || 1)) })} /></label>
        <label>Layout{' '}
          <select value={layout} onChange={(e) => go({ layout: e.target.value === 'purdue' ? 'purdue' : undefined })}>
            <option value="hop">by hop</option><option value="purdue">by Purdue level</option>
          </select>
        </label>
        <label>Search <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="name, IP or id" onKeyDown={(e) => { if (e.key === 'Enter') void runSearch(); }} /></label>
        <button type="button" onClick={() => void runSearch()}>Find</button>
        <button type="button" onClick={() => canvas.current?.fit()} disabled={elements.length === 0}>Zoom to fit</button>
        <button type="button" onClick={() => canvas.current?.reset()} disabled={elements.length === 0}>Reset zoom</button>
        <button type="button" onClick={() => canvas.current?.forceLayout()} disabled={elements.length === 0}>Force layout</button>
        <button type="button" onClick={exportPng} disabled={elements.length === 0}>Export PNG</button>
        <button type="button" onClick={exportSvg} disabled={elements.length === 0}>Export SVG</button>
      </form>
      {url.node && (
        <p role="status">Neighbourhood of <strong>{centreName}</strong> (two hops, at most {url.whole ? '1,000 nodes, not grouped' : '500 elements, large groups counted'}{around.data?.truncated ? '; truncated' : ''}).{' '}
          <button type="button" onClick={() => go({ whole: url.whole ? undefined : true })}>{url.whole ? 'Group large sets' : 'Draw without grouping'}</button>{' '}
          <label>Direction{' '}
            <select value={url.dir ?? ''} onChange={(e) => go({ dir: e.target.value === 'in' || e.target.value === 'out' ? e.target.value : undefined })}>
              <option value="">both</option><option value="in">inbound steps</option><option value="out">outbound steps</option>
            </select>
          </label>{' '}
          <label>Step kind{' '}
            <select value={url.edgeKind ?? ''} onChange={(e) => go({ edgeKind: e.target.value || undefined })}>
              <option value="">all</option>
              {(kinds?.edges ?? []).filter((x) => x.role === 'attack').map((x) => <option key={x.kind} value={x.kind}>{x.kind}</option>)}
            </select>
          </label>{' '}
          <button type="button" onClick={() => go({ node: undefined, whole: undefined, dir: undefined, edgeKind: undefined })}>Back to routes</button></p>
      )}
      {url.owned && markers.data && (
        <p role="status" data-testid="owned-status">{fromOwned.length === 0 ? 'No node is marked owned: open a node\'s details and choose "Mark owned".' : `Routes from ${fromOwned.length} owned node(s), assumed breached (p₀ 1).`}</p>
      )}
      {url.node && around.data && around.data.groups.length > 0 && (
        <ul className="groups" aria-label="grouped neighbours">
          {around.data.groups.map((g) => (
            <li key={g.key}>{g.count.toLocaleString('en')} {g.nodeKind} {g.direction === 'in' ? `—${g.edgeKind}→ here` : `← ${g.edgeKind}— here`} <span className="muted">(e.g. {g.sample.map((x) => x.name).join(', ')})</span> <button type="button" className="link" onClick={() => void expand(url.node!, { direction: g.direction as 'in' | 'out', edgeKind: g.edgeKind })}>draw</button></li>
          ))}
        </ul>
      )}
      {around.error && <p role="alert">{around.error.message}</p>}
      {found && (
        <section aria-label="search results" className="found">
          {found.length === 0 ? <p>No node matches.</p> : (
            <ul>{found.map((n) => (
              <li key={n.id}><button type="button" className="link" onClick={() => { setSelection({ group: 'nodes', id: n.id }); void expand(n.id); }}>{n.name}</button> <span className="muted">{n.kind} · {n.id}</span> <button type="button" onClick={() => { setFound(null); go({ node: n.id }); }}>Explore around</button></li>
            ))}</ul>
          )}
          <button type="button" onClick={() => setFound(null)}>Close results</button>
        </section>
      )}
      {whatif.data && (
        <p className="whatif" role="status" data-testid="whatif-status">What-if: total risk {fmt(whatif.data.before)} → <strong data-testid="whatif-after">{fmt(whatif.data.after)}</strong>; {routes.length - visible.length} of {routes.length} routes shown are cut.</p>
      )}
      {paths.error && <p role="alert">{paths.error.message}</p>}
      <div className="explorer">
        <div>
          <GraphCanvas ref={canvas} elements={elements} stylesheet={style} highlight={highlight} onSelect={setSelection} label="attack routes graph" />
          {kinds && <Legend kinds={kinds} present={present} />}
        </div>
        <aside className="side">
          {/* Details first, beside the canvas, whatever the length of the route list below. */}
          {selection && (
            <div className="details-box">
              <div className="details-head"><span className="muted">{selection.group === 'nodes' ? 'Node' : 'Step'}</span><button type="button" className="link" onClick={() => setSelection(null)}>Close details</button></div>
              {selection.group === 'nodes' && <NodeDetails id={selection.id} onExpand={(id, only) => void expand(id, only)} onTarget={(id) => go({ target: id, node: undefined })} onStart={(id) => go({ entry: id, owned: undefined, node: undefined })} />}
              {step && <StepDetails step={step} kinds={kinds} />}
            </div>
          )}
          <h2>Routes</h2>
          {paths.loading && <p>Loading…</p>}
          <div className="route-list-box">
            <ol className="route-list" data-testid="route-list">
              {visible.map((r, i) => (
                <li key={`${r.target}|${r.fingerprint}`}>
                  <button type="button" className={focus === i ? 'link active' : 'link'} aria-pressed={focus === i} onClick={() => setFocus(focus === i ? null : i)}>
                    {r.nodes.map((n) => n.name).join(' → ')}
                  </button>
                  <span className="muted"> risk {fmt(r.risk)}{r.flags.length ? ` · ${r.flags.join(', ')}` : ''}</span>
                  {focus === i && (
                    <ol className="steps" aria-label="steps of this route">
                      {r.steps.map((s) => (
                        <li key={s.eid}><button type="button" className="link" onClick={() => setSelection({ group: 'edges', id: s.eid })}>{s.kind}: {s.fromName} → {s.toName}</button> <span className="muted">p {s.p.toFixed(2)}</span></li>
                      ))}
                    </ol>
                  )}
                </li>
              ))}
            </ol>
          </div>
          {!paths.loading && !waiting && visible.length === 0 && <p>No route to show{routes.length ? ' — every route shown is cut by the selected fixes' : ''}.</p>}
          {!paths.loading && (paths.data ?? []).filter((t) => t.reason).map((t) => <p key={t.target} role="note">{t.targetName}: {t.reason}</p>)}
          {plan.data && (
            <details open={url.fixes.length > 0}>
              <summary>Fixes (what-if)</summary>
              <FixList plan={plan.data} selected={url.fixes} onChange={(fixes) => go({ fixes })} compact />
            </details>
          )}
        </aside>
      </div>
    </div>
  );
}
