/** Pre-built analyses: the library, and the chosen one's routes or nodes (the choice is in the URL, so it can be shared). */
import { api } from '../api/http.js';
import { fmt } from '../components/charts.js';
import { useApi } from '../use-api.js';
import type { UrlState } from '../url-state.js';

interface Entry { name: string; title: string; description: string }
interface Result {
  title: string; description: string; kind: 'routes' | 'nodes';
  routes: Array<{ target: string; targetName: string; entry: string; entryName: string; risk: number; flags: string[]; steps: Array<{ kind: string; toName: string }> }>;
  nodes: Array<{ id: string; name: string; kind: string; risk: number; why: string; group: string | null }>;
}

export function Analyses({ url, go, scoreRun }: { url: UrlState; go: (patch: Partial<UrlState>) => void; scoreRun: string | undefined }) {
  const library = useApi('analyses', () => api<Entry[]>('/analyses'));
  const result = useApi(url.analysis ? `analysis ${scoreRun} ${url.analysis}` : null, () => api<Result>(`/analyses/${encodeURIComponent(url.analysis!)}`));
  return (
    <div className="analyses">
      <nav aria-label="pre-built analyses">
        <ul>
          {library.data?.map((a) => (
            <li key={a.name}><button type="button" className={url.analysis === a.name ? 'link active' : 'link'} aria-pressed={url.analysis === a.name} title={a.description} onClick={() => go({ analysis: a.name })}>{a.title}</button></li>
          ))}
        </ul>
      </nav>
      {result.error && <p role="alert">{result.error.message}</p>}
      {result.data && (
        <section aria-labelledby="analysis-h">
          <h2 id="analysis-h">{result.data.title}</h2>
          <p className="muted">{result.data.description}</p>
          {result.data.kind === 'routes'
            ? (result.data.routes.length === 0 ? <p>No best route matches.</p> : (
              <ol>{result.data.routes.map((r) => (
                <li key={`${r.entry}>${r.target}`}>
                  <button type="button" className="link" onClick={() => go({ view: 'routes', target: r.target, entry: r.entry })}>{r.targetName} ← {r.entryName}</button>{' '}
                  <span className="muted">risk {fmt(r.risk)} · {r.steps.map((s) => s.kind).join(' → ')}{r.flags.length ? ` · ${r.flags.join(', ')}` : ''}</span>
                </li>
              ))}</ol>
            ))
            : (result.data.nodes.length === 0 ? <p>Nothing matches.</p> : (
              <table className="fixes">
                <thead><tr><th scope="col">Node</th><th scope="col">Kind</th><th scope="col">Zone</th><th scope="col">Risk</th><th scope="col">Why</th></tr></thead>
                <tbody>{result.data.nodes.map((n) => <tr key={n.id}><td><button type="button" className="link" onClick={() => go({ view: 'routes', node: n.id })}>{n.name}</button></td><td>{n.kind}</td><td>{n.group ?? '—'}</td><td>{fmt(n.risk)}</td><td>{n.why}</td></tr>)}</tbody>
              </table>
            ))}
        </section>
      )}
    </div>
  );
}
