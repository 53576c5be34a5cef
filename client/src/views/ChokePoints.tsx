/** Choke points: ranked nodes and steps most routes cross; selecting one highlights every route through it. */
import { useMemo } from 'react';
import { api } from '../api/http.js';
import type { ChokePointsBody, KindsBody, TargetRoutesBody } from '../api/types.js';
import { fmt } from '../components/charts.js';
import { GraphCanvas } from '../graph/GraphCanvas.js';
import { routeColumns, routeGraph, toElements } from '../graph/elements.js';
import { stylesheet } from '../graph/style.js';
import { useApi } from '../use-api.js';
import { useThemeName } from '../theme.js';
import { Legend } from '../components/Legend.js';
import type { UrlState } from '../url-state.js';

export function ChokePoints({ url, go, kinds, scoreRun }: { url: UrlState; go: (patch: Partial<UrlState>) => void; kinds: KindsBody | undefined; scoreRun: string | undefined }) {
  const chokes = useApi(`chokepoints ${scoreRun}`, () => api<ChokePointsBody>('/chokepoints?limit=20'));
  const paths = useApi(`paths ${scoreRun} default`, () => api<TargetRoutesBody[]>('/paths'));
  const routes = useMemo(() => (paths.data ?? []).flatMap((t) => t.routes), [paths.data]);
  const elements = useMemo(() => toElements(routeGraph(routes), { columns: routeColumns(routes) }), [routes]);
  const theme = useThemeName();
  const style = useMemo(() => (kinds ? stylesheet(kinds, theme) : []), [kinds, theme]);
  const present = useMemo(() => new Set(routes.flatMap((r) => r.nodes.map((n) => n.kind))), [routes]);
  const through = useMemo(() => routes.filter((r) => url.choke !== undefined && (r.nodes.some((n) => n.id === url.choke) || r.steps.some((s) => s.eid === url.choke))), [routes, url.choke]);
  const highlight = useMemo(() => new Set(through.flatMap((r) => [...r.nodes.map((n) => n.id), ...r.steps.map((s) => `e:${s.eid}`)])), [through]);
  if (chokes.error) return <p role="alert">{chokes.error.message}</p>;
  const list = (title: string, rows: ChokePointsBody['nodes']) => (
    <section aria-label={title}>
      <h2>{title}</h2>
      <ol>
        {rows.map((c) => (
          <li key={c.id}>
            <button type="button" className={url.choke === c.id ? 'link active' : 'link'} aria-pressed={url.choke === c.id} onClick={() => go({ choke: url.choke === c.id ? undefined : c.id })}>{c.name}</button>
            <span className="muted"> {c.kind} · crossed by {c.routes} best route(s), risk {fmt(c.crossingRisk)}{c.riskRemoved !== null ? `, removing it takes away ${fmt(c.riskRemoved)}` : ''}</span>
          </li>
        ))}
      </ol>
    </section>
  );
  return (
    <div className="explorer">
      <div>
        <GraphCanvas elements={elements} stylesheet={style} highlight={highlight} label="routes through the selected choke point" />
        {kinds && <Legend kinds={kinds} present={present} />}
      </div>
      <aside className="side">
        {url.choke && <p role="status">{through.length} of the {routes.length} top routes shown pass through the selected choke point.</p>}
        {chokes.data ? <>{list('Choke nodes', chokes.data.nodes)}{list('Choke steps', chokes.data.edges)}</> : <p>Loading…</p>}
      </aside>
    </div>
  );
}
