/** Overview: total risk and its trend, risk by domain, the riskiest targets and entry points. */
import { api, apiSvg } from '../api/http.js';
import type { CoverageBody, KindsBody, OverviewBody, ScoreRunSummaryBody } from '../api/types.js';
import { Bars, fmt } from '../components/charts.js';
import { useApi } from '../use-api.js';
import type { UrlState } from '../url-state.js';

export function Overview({ scoreRun, kinds, go }: { scoreRun: string | undefined; kinds: KindsBody | undefined; go: (patch: Partial<UrlState>) => void }) {
  const overview = useApi(`overview ${scoreRun}`, () => api<OverviewBody>('/overview'));
  const runs = useApi(`score-runs ${scoreRun}`, () => api<ScoreRunSummaryBody[]>('/score-runs?limit=50'));
  const trend = useApi(`trend ${scoreRun}`, () => apiSvg('/score-runs/trend.svg?limit=50&width=560&height=240'));
  const coverage = useApi(`coverage ${scoreRun}`, () => api<CoverageBody>('/coverage'));
  if (overview.error) return <p role="alert">{overview.error.message}</p>;
  const o = overview.data;
  if (!o) return <p>Loading…</p>;
  if (o.totals.steps === 0 && o.totals.targets === 0) {
    return (
      <section aria-label="empty store" data-testid="empty-store">
        <h2>Nothing imported yet</h2>
        <p>The store holds no attack graph. Import your estate — an inventory of crown jewels, then scans, directory and cloud exports:</p>
        <pre>{['chokepoint import inventory assets.csv', 'chokepoint import nmap scan.xml --from dmz', 'chokepoint import sharphound collection.zip', 'chokepoint import aws gaad.json instances.json'].join('\n')}</pre>
        <p>or use the Import view (analysts). <code>chokepoint formats</code> lists every format; the README's "Importing your own estate" says which files make entries and crown jewels.</p>
        <button type="button" onClick={() => go({ view: 'import' })}>Go to Import</button>
      </section>
    );
  }
  const colour = (label: string) => Object.values(kinds?.domains ?? {}).find((d) => d.label === label)?.colour ?? '#888';
  return (
    <div className="overview">
      <section aria-label="totals" className="cards">
        <div className="card"><span className="big" data-testid="total-risk">{fmt(o.totals.risk)}</span><span>total risk</span></div>
        <div className="card"><span className="big">{o.totals.reachableTargets} / {o.totals.targets}</span><span>targets reachable</span></div>
        <div className="card"><span className="big">{o.totals.entries}</span><span>entry points</span></div>
        <div className="card"><span className="big">{o.totals.steps}</span><span>attack steps ({o.totals.derivedSteps} derived)</span></div>
      </section>
      <section aria-labelledby="trend-h">
        <h2 id="trend-h">Risk trend</h2>
        {trend.data && <img className="chart-img" src={trend.data} width={560} height={240} alt={`total risk per score run over time, ${runs.data?.length ?? 0} run(s): ${(runs.data ?? []).slice(-5).map((r) => `${r.createdAt.slice(0, 16)} ${fmt(r.totals.risk)}`).join('; ')}`} data-testid="trend-chart" />}
        {trend.error && <p role="alert">{trend.error.message}</p>}
      </section>
      <section aria-labelledby="domain-h">
        <h2 id="domain-h">Risk by domain</h2>
        <Bars rows={Object.entries(o.byDomain).sort((a, b) => b[1] - a[1]).map(([d, v]) => ({ label: kinds?.domains[d]?.label ?? d, value: v }))} colour={colour} />
      </section>
      <section aria-labelledby="targets-h">
        <h2 id="targets-h">Riskiest targets</h2>
        <ol>
          {o.targets.map((t) => (
            <li key={t.id}><button type="button" className="link" onClick={() => go({ view: 'routes', target: t.id, entry: undefined })}>{t.name}</button> <span className="muted">{t.kind}, {t.domain}</span> — risk {fmt(t.risk)}</li>
          ))}
        </ol>
      </section>
      <section aria-labelledby="entries-h">
        <h2 id="entries-h">Top entry points</h2>
        <ol>
          {o.entries.map((e) => (
            <li key={e.id}><button type="button" className="link" onClick={() => go({ view: 'routes', entry: e.id, target: undefined })}>{e.name}</button> <span className="muted">{e.kind}</span> — {e.routes} best route(s), risk {fmt(e.risk)}</li>
          ))}
        </ol>
      </section>
      <section aria-labelledby="coverage-h">
        <h2 id="coverage-h">Coverage: what was collected, and what is unknown</h2>
        {coverage.error && <p role="alert">{coverage.error.message}</p>}
        <ul aria-label="sources">
          {(coverage.data?.sources ?? []).map((s) => (
            <li key={s.source}>
              <strong>{s.source}</strong> <span className="muted">{s.format}</span> — {s.runs} run(s), latest {s.lastRunAt}
              {s.scopes === null ? '; covers the whole source' : `; covers ${s.scopes.join('; ') || 'nothing it could re-confirm'}`}
              {s.observations && `; observations kept ${s.observations.retentionDays} days`}
              {s.notReconfirmed.nodes + s.notReconfirmed.edges > 0 && `; ${s.notReconfirmed.nodes} node(s) and ${s.notReconfirmed.edges} edge(s) not re-confirmed by it (kept)`}
            </li>
          ))}
        </ul>
        <ul aria-label="unknown">
          {(coverage.data?.gaps ?? []).map((g) => <li key={`${g.kind}|${g.message}`}>{g.message}</li>)}
          {coverage.data && coverage.data.gaps.length === 0 && <li>No gap found.</li>}
        </ul>
      </section>
    </div>
  );
}
