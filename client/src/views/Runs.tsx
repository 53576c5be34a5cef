/** Imports and score runs; the diff of two score runs names the edge and source behind each route change. */
import { api } from '../api/http.js';
import type { ImportRunBody, ScoreDiff, ScoreRunSummaryBody } from '../api/types.js';
import { fmt } from '../components/charts.js';
import { useApi } from '../use-api.js';
import type { UrlState } from '../url-state.js';

export function Runs({ url, go, scoreRun }: { url: UrlState; go: (patch: Partial<UrlState>) => void; scoreRun: string | undefined }) {
  const imports = useApi(`runs ${scoreRun}`, () => api<ImportRunBody[]>('/runs'));
  const scores = useApi(`score-runs ${scoreRun}`, () => api<ScoreRunSummaryBody[]>('/score-runs?limit=200'));
  const pair = url.from && url.to ? `?from=${encodeURIComponent(url.from)}&to=${encodeURIComponent(url.to)}` : null;
  const diff = useApi(pair ? `diff ${pair}` : null, () => api<ScoreDiff>(`/diff${pair}`));
  const changes = (title: string, rows: ScoreDiff['newRoutes']) => (
    <section aria-label={title}>
      <h3>{title} ({rows.length})</h3>
      <ul>{rows.map((r) => <li key={`${r.target}|${r.fingerprint}`}><strong>{r.targetName}</strong> risk {fmt(r.risk)}<ul>{r.causes.map((c) => <li key={c}>{c}</li>)}</ul></li>)}</ul>
    </section>
  );
  return (
    <div className="runs">
      <section aria-labelledby="scores-h">
        <h2 id="scores-h">Score runs</h2>
        <table>
          <thead><tr><th scope="col">From</th><th scope="col">To</th><th scope="col">Score run</th><th scope="col">When</th><th scope="col">Total risk</th><th scope="col">Reachable targets</th></tr></thead>
          <tbody>
            {(scores.data ?? []).slice().reverse().map((r) => (
              <tr key={r.id}>
                <td><input type="radio" name="from" aria-label={`diff from ${r.id}`} checked={url.from === r.id} onChange={() => go({ from: r.id })} /></td>
                <td><input type="radio" name="to" aria-label={`diff to ${r.id}`} checked={url.to === r.id} onChange={() => go({ to: r.id })} /></td>
                <td>{r.id}</td><td>{r.createdAt}</td><td>{fmt(r.totals.risk)}</td><td>{r.totals.reachableTargets}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {diff.error && <p role="alert">{diff.error.message}</p>}
      {diff.data && (
        <section aria-label="diff" className="diff">
          <h2>Diff {diff.data.from} → {diff.data.to}</h2>
          <p>Total risk {fmt(diff.data.totalBefore)} → {fmt(diff.data.totalAfter)} ({diff.data.delta >= 0 ? '+' : ''}{fmt(diff.data.delta)}); import runs between: {diff.data.importRuns.map((r) => `${r.source} (${r.id})`).join(', ') || 'none'}.</p>
          {changes('New routes', diff.data.newRoutes)}
          {changes('Closed routes', diff.data.closedRoutes)}
        </section>
      )}
      <section aria-labelledby="imports-h">
        <h2 id="imports-h">Imports</h2>
        <table>
          <thead><tr><th scope="col">Run</th><th scope="col">Source</th><th scope="col">Format</th><th scope="col">Finished</th><th scope="col">Nodes</th><th scope="col">Edges</th><th scope="col">Files</th></tr></thead>
          <tbody>
            {(imports.data ?? []).slice().reverse().map((r) => (
              <tr key={r.id}><td>{r.id}</td><td>{r.source}</td><td>{r.format}</td><td>{r.finishedAt}</td><td>{r.nodes}</td><td>{r.edges}</td><td>{r.files.join(', ')}</td></tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
