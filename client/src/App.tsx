/** The shell: navigation, live scoring status (SSE), the stale-data banner, token entry, and the views. */
import { useEffect, useState, type FormEvent } from 'react';
import { ApiError, api, getToken, setToken } from './api/http.js';
import { followEvents, type ChainEvent } from './api/events.js';
import type { ImportRunBody, KindsBody, OverviewBody, ScoreStatusBody } from './api/types.js';
import { fmt } from './components/charts.js';
import { useApi } from './use-api.js';
import { VIEWS, useUrlState, type View } from './url-state.js';
import { Overview } from './views/Overview.js';
import { Routes } from './views/Routes.js';
import { ChokePoints } from './views/ChokePoints.js';
import { Plan } from './views/Plan.js';
import { Runs } from './views/Runs.js';
import { Import } from './views/Import.js';
import { SavedViews } from './components/SavedViews.js';
import { Signals } from './views/Signals.js';
import { Analyses } from './views/Analyses.js';
import { RoleContext, type Role } from './role.js';
import { ThemeContext, useTheme, type ThemeChoice } from './theme.js';

const TITLES: Record<View, string> = { overview: 'Overview', routes: 'Routes', chokepoints: 'Choke points', plan: 'Remediation plan', signals: 'Signals', analyses: 'Analyses', runs: 'Runs', import: 'Import' };

function TokenForm({ onDone, message }: { onDone: () => void; message: string }) {
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setToken(String(new FormData(e.currentTarget).get('token') ?? '').trim());
    onDone();
  };
  return (
    <form className="token" onSubmit={submit} aria-label="token entry">
      <p>{message}</p>
      <label>API token <input name="token" type="password" autoComplete="off" required autoFocus /></label>
      <button type="submit">Use token</button>
    </form>
  );
}

export function App() {
  const [url, go] = useUrlState();
  const { theme, choice, choose } = useTheme();
  const [authTick, setAuthTick] = useState(0);
  const kinds = useApi(`kinds ${authTick}`, () => api<KindsBody>('/kinds'));
  const [status, setStatus] = useState<ScoreStatusBody | null>(null);
  const [lastImport, setLastImport] = useState<ImportRunBody | null>(null);
  const [chain, setChain] = useState<ChainEvent | null>(null);
  const authorised = !!kinds.data;
  const me = useApi(authorised ? `me ${authTick}` : null, () => api<{ name: string; role: Role }>('/me'));
  const role: Role = me.data?.role ?? 'viewer';

  useEffect(() => {
    if (!authorised) return;
    const refresh = () => {
      void api<ScoreStatusBody>('/score').then(setStatus, () => undefined);
      void api<ImportRunBody[]>('/runs').then((runs) => setLastImport(runs.reduce<ImportRunBody | null>((a, r) => (!a || r.finishedAt > a.finishedAt ? r : a), null)), () => undefined);
    };
    refresh();
    return followEvents({ status: setStatus, scoring: refresh, chain: (c) => setChain(c) });
  }, [authorised, authTick]);

  const scoreRun = status?.last?.scoreRun;
  const overview = useApi(authorised && scoreRun ? `overview ${scoreRun}` : null, () => api<OverviewBody>('/overview'));

  if (kinds.error instanceof ApiError && kinds.error.status === 401) {
    return <main className="app"><h1>Chokepoint</h1><TokenForm onDone={() => setAuthTick((t) => t + 1)} message={getToken() ? 'That token was not accepted.' : 'This server needs an API token.'} /></main>;
  }
  const stale = status && (status.state === 'running' || status.queued || (lastImport !== null && status.last !== null && lastImport.finishedAt > status.last.finishedAt));
  return (
    <div className="app">
      <header>
        <h1>Chokepoint</h1>
        <nav aria-label="views">
          {VIEWS.filter((v) => v !== 'import' || role !== 'viewer').map((v) => <button type="button" key={v} aria-current={url.view === v ? 'page' : undefined} onClick={() => go({ view: v })}>{TITLES[v]}</button>)}
        </nav>
        {authorised && <RoleContext.Provider value={role}><SavedViews /></RoleContext.Provider>}
        {me.data && <span className="muted" data-testid="whoami">{me.data.name} ({me.data.role})</span>}
        <label className="theme-picker">Theme{' '}
          <select value={choice} onChange={(e) => choose(e.target.value as ThemeChoice)} data-testid="theme">
            <option value="auto">system</option><option value="light">light</option><option value="dark">dark</option>
          </select>
        </label>
        <p className="status" role="status" data-testid="score-status">
          {status?.last ? `Score run ${status.last.scoreRun}: total risk ${fmt(status.last.totals.risk)} (${status.last.finishedAt})` : 'Not scored yet'}
          {status?.state === 'running' ? ' · scoring…' : ''}{status?.lastError ? ` · last scoring failed: ${status.lastError}` : ''}
          {lastImport ? ` · last import ${lastImport.source} (${lastImport.format}) ${lastImport.finishedAt}` : ''}
        </p>
      </header>
      {stale && <div className="banner" role="alert" data-testid="stale-banner">{status?.state === 'running' || status?.queued ? 'Scores are being recomputed; what you see is the previous scoring.' : 'Data was imported after the last scoring; scores may be out of date.'}</div>}
      {chain && <div className="banner" role="alert" data-testid="chain-banner">New signal chain toward {chain.targetName}: {chain.signals.length} signals in attack order. <button type="button" className="link" onClick={() => { setChain(null); go({ view: 'signals' }); }}>Show signals</button></div>}
      {kinds.error && !(kinds.error instanceof ApiError && kinds.error.status === 401) && <p role="alert">{kinds.error.message}</p>}
      {authorised && <RoleContext.Provider value={role}><ThemeContext.Provider value={theme}><main>
        <h2 className="view-title">{TITLES[url.view]}</h2>
        {url.view === 'overview' && <Overview scoreRun={scoreRun} kinds={kinds.data} go={go} />}
        {url.view === 'routes' && <Routes url={url} go={go} kinds={kinds.data} scoreRun={scoreRun} targets={overview.data?.targets ?? []} />}
        {url.view === 'chokepoints' && <ChokePoints url={url} go={go} kinds={kinds.data} scoreRun={scoreRun} />}
        {url.view === 'plan' && <Plan url={url} go={go} scoreRun={scoreRun} />}
        {url.view === 'signals' && <Signals go={go} scoreRun={scoreRun} />}
        {url.view === 'analyses' && <Analyses url={url} go={go} scoreRun={scoreRun} />}
        {url.view === 'runs' && <Runs url={url} go={go} scoreRun={scoreRun} />}
        {url.view === 'import' && <Import kinds={kinds.data} />}
      </main></ThemeContext.Provider></RoleContext.Provider>}
    </div>
  );
}
