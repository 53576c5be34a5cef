/** The remediation plan: ranked fixes, cost, risk removed, the cumulative risk curve; what-if by ticking; exports. */
import { useState, type FormEvent } from 'react';
import { api, download, post } from '../api/http.js';
import type { PlanResponse, WhatIfResponse } from '../api/types.js';
import { LineChart, fmt } from '../components/charts.js';
import { FixList } from '../components/FixList.js';
import { useApi } from '../use-api.js';
import type { UrlState } from '../url-state.js';
import { useCan } from '../role.js';

export function Plan({ url, go, scoreRun }: { url: UrlState; go: (patch: Partial<UrlState>) => void; scoreRun: string | undefined }) {
  const [budget, setBudget] = useState('');
  const query = budget ? `?budget=${encodeURIComponent(budget)}` : '';
  const plan = useApi(`plan ${scoreRun} ${query}`, () => api<PlanResponse>(`/plan${query}`));
  const whatif = useApi(url.fixes.length ? `whatif ${scoreRun} ${url.fixes.join(',')}` : null, () => post<WhatIfResponse>('/whatif', { fixes: url.fixes }));
  const [exportError, setExportError] = useState<string | null>(null);
  const [statusError, setStatusError] = useState<string | null>(null);
  const setStatus = (fixId: string, status: string) => {
    setStatusError(null);
    post('/fixes', { fixId, status }).then(() => plan.reload(), (e: Error) => setStatusError(e.message));
  };
  const save = (format: 'csv' | 'json') => download(`/exports/plan?format=${format}${budget ? `&budget=${encodeURIComponent(budget)}` : ''}`, `chokepoint-plan.${format}`).catch((e: Error) => setExportError(e.message));
  const [acceptMessage, setAcceptMessage] = useState<string | null>(null);
  const canAccept = useCan('admin');
  const accept = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const body = { fixId: String(form.get('fixId')), reason: String(form.get('reason')), expires: String(form.get('expires')) };
    post('/fixes/acceptance', body).then(() => setAcceptMessage('Risk accepted: the fix leaves the plan at the re-score now running.'), (err: Error) => setAcceptMessage(err.message));
  };
  if (plan.error) return <p role="alert">{plan.error.message}</p>;
  const p = plan.data;
  return (
    <div className="plan">
      <form className="toolbar" onSubmit={(e) => e.preventDefault()} aria-label="plan options">
        <label>Budget (person-days) <input type="number" min={0} value={budget} onChange={(e) => setBudget(e.target.value)} placeholder="none" /></label>
        <button type="button" onClick={() => void save('csv')}>Export CSV</button>
        <button type="button" onClick={() => void save('json')}>Export JSON</button>
        <button type="button" onClick={() => void download('/exports/fixes?format=csv', 'chokepoint-fixes.csv').catch((e: Error) => setExportError(e.message))}>Export tracked fixes</button>
        {url.fixes.length > 0 && <button type="button" onClick={() => go({ fixes: [] })}>Clear what-if</button>}
      </form>
      {exportError && <p role="alert">{exportError}</p>}
      {p ? (
        <>
          <p>Total risk {fmt(p.totalBefore)}; after the plan {fmt(p.totalAfter)} ({p.stopped}).</p>
          <section aria-labelledby="curve-h">
            <h2 id="curve-h">Cumulative risk</h2>
            <LineChart values={[p.totalBefore, ...p.rows.map((r) => r.riskAfter)]} label="total risk after each fix of the plan" xLabels={['today', `after fix ${p.rows.length}`]} width={480} />
          </section>
          {whatif.data && <p role="status" data-testid="plan-whatif">What-if of the ticked fixes: total risk {fmt(whatif.data.before)} → <strong>{fmt(whatif.data.after)}</strong> (−{fmt(whatif.data.removed)}).</p>}
          {whatif.error && <p role="alert">{whatif.error.message}</p>}
          {statusError && <p role="alert">{statusError}</p>}
          <FixList plan={p} selected={url.fixes} onChange={(fixes) => go({ fixes })} onStatus={setStatus} />
          {canAccept && <form className="toolbar" onSubmit={accept} aria-label="accept a risk">
            <label>Accept the risk of <select name="fixId" required>{p.rows.map((r) => <option key={r.fixId} value={r.fixId}>{r.rank}. {r.action}</option>)}</select></label>
            <label>Reason <input name="reason" required maxLength={2000} /></label>
            <label>Until <input name="expires" type="date" required /></label>
            <button type="submit">Accept risk</button>
          </form>}
          {acceptMessage && <p role="status">{acceptMessage}</p>}
          {p.accepted && p.accepted.length > 0 && (
            <section aria-labelledby="accepted-h">
              <h2 id="accepted-h">Accepted risks (left out of the plan)</h2>
              <table className="fixes">
                <thead><tr><th scope="col">Fix</th><th scope="col">Reason</th><th scope="col">Approver</th><th scope="col">Expires</th></tr></thead>
                <tbody>{p.accepted.map((a) => <tr key={a.fixId}><td title={a.fixId}>{a.action}</td><td>{a.reason}</td><td>{a.approver}</td><td>{a.expires.slice(0, 10)}</td></tr>)}</tbody>
              </table>
            </section>
          )}
        </>
      ) : <p>Loading…</p>}
    </div>
  );
}
