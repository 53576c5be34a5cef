/**
 * Signals: chains first (signals in attack order on one route toward a crown jewel, the next steps and the
 * fix that cuts it), then every signal ranked by the route it sits on, then what could not be attached.
 * Names and rules come from sensors and logs: React renders them as text.
 */
import { api } from '../api/http.js';
import type { SignalAnalysisBody } from '../api/types.js';
import { fmt } from '../components/charts.js';
import { useApi } from '../use-api.js';
import type { UrlState } from '../url-state.js';

export function Signals({ go, scoreRun }: { go: (patch: Partial<UrlState>) => void; scoreRun: string | undefined }) {
  const signals = useApi(`signals ${scoreRun}`, () => api<SignalAnalysisBody>('/signals?limit=100'));
  if (signals.error) return <p role="alert">{signals.error.message}</p>;
  const a = signals.data;
  if (!a) return <p>Loading…</p>;
  return (
    <div className="signals">
      <p data-testid="signals-summary">{a.signals} signals ({a.attached} attached, {a.current} current, {a.unattached} not attached). Total risk {fmt(a.scoreWithout)} without signals, <strong>{fmt(a.scoreWith)}</strong> with them.</p>
      <section aria-labelledby="chains-h">
        <h2 id="chains-h">Chains ({a.chainCount})</h2>
        {a.chains.length === 0 ? <p>No two signals lie on one route within the window.</p> : (
          <ol className="chains">
            {a.chains.map((c) => (
              <li key={c.id} data-testid="chain">
                <p><strong>Toward {c.target.name}</strong> · score {fmt(c.score)} (strength {fmt(c.strength)} × onward risk {fmt(c.risk)}){c.flags.length ? ` · ${c.flags.join(', ')}` : ''}</p>
                <ol className="chain-signals">
                  {c.signals.map((s) => <li key={s.id}><time>{s.time}</time> <span className={`sev sev-${s.severity}`}>{s.severity}</span> {s.rule} <span className="muted">on</span> <button type="button" className="link" onClick={() => go({ view: 'routes', entry: s.node.id, target: c.target.id })}>{s.node.name}</button> <span className="muted">({s.product})</span></li>)}
                </ol>
                <p className="muted">Next: {c.next.length ? c.next.map((s) => `${s.fromName} —${s.kind}→ ${s.toName}`).join(', ') : 'the crown jewel is reached'}.</p>
                {c.fix && <p>Cut it: {c.fix.action} <span className="muted">({c.fix.cost} person-days)</span></p>}
              </li>
            ))}
          </ol>
        )}
      </section>
      <section aria-labelledby="ranked-h">
        <h2 id="ranked-h">Signals by the route they sit on</h2>
        <table className="fixes">
          <thead><tr><th scope="col">Score</th><th scope="col">Time</th><th scope="col">Severity</th><th scope="col">Rule</th><th scope="col">Node</th><th scope="col">Route risk</th><th scope="col">Toward</th><th scope="col">Steps left</th></tr></thead>
          <tbody>
            {a.ranked.map((s) => (
              <tr key={s.id}>
                <td>{fmt(s.score)}</td><td><time>{s.time}</time></td><td className={`sev sev-${s.severity}`}>{s.severity}</td><td title={s.summary ?? ''}>{s.rule}</td>
                <td>{s.node.name}</td><td>{fmt(s.routeRisk)}</td><td>{s.target ? s.target.name : '—'}</td><td>{s.hopsLeft ?? '—'}{s.flags.length ? ` (${s.flags.join(', ')})` : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {a.unattachedSignals.length > 0 && (
        <section aria-labelledby="unattached-h">
          <h2 id="unattached-h">Not attached</h2>
          <p className="muted">No node of the graph is known by these ids or aliases: import the inventory or scan that knows them.</p>
          <ul>{a.unattachedSignals.map((u) => <li key={u.id}><time>{u.time}</time> {u.rule} — {u.subjects.join(', ')}</li>)}</ul>
        </section>
      )}
    </div>
  );
}
