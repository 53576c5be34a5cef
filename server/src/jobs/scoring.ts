/**
 * The scoring job: one scoring at a time; requests while one runs coalesce into a single follow-up run.
 * The model lives in the analysis worker (analysis/analysis-worker.ts); this job streams the store to it,
 * stores the score run, publishes it, and caches the views it answers per scoring. Progress events feed
 * the SSE route.
 *
 * A new scoring is published only after its warm-up views (the default plan and routes) are computed,
 * so a reader never waits on a re-score: until then it is served the previous scoring, complete and
 * consistent.
 */
import { EventEmitter } from 'node:events';
import {
  DEFAULT_PLAN_STEPS, acceptedFixIds, attachStoredSignals, chainSummaries, diffScoreRuns, listFixRecords, recordLifecycle,
  type ChainSummary, type GraphStore, type LifecycleEvent, type ScoreDiff, type ScoreRun, type ScoringPolicy, type SignalAttachment,
} from '@chokepoint/queries';
import { Serial } from '../workflow/serial.js';
import { AnalysisClient, type ViewArgs, type ViewResult } from '../analysis/client.js';
import type { Views } from '../analysis/analysis-worker.js';

export interface ScoringResult { run: ScoreRun; finishedAt: string; elapsedMs: number; reason: string }
/** What a scoring changed, for webhooks: the diff with the previous scoring and the fix lifecycle's events. */
export interface ScoringOutcome { run: ScoreRun; previous: ScoreRun | null; diff: ScoreDiff | null; lifecycle: LifecycleEvent[]; newChains: ChainSummary[] }
export interface ScoringEvent { phase: 'queued' | 'started' | 'finished' | 'failed'; reason: string; at: string; scoreRun?: string; totalRisk?: number; error?: string }

/** Views whose answers are kept per scoring (bounded parameters; what-if and search are computed each time). */
const CACHED: ReadonlySet<keyof Views> = new Set(['paths', 'chokepoints', 'chokepointRows', 'plan', 'planRows', 'routeRows', 'neighbourhood', 'overview']);
const CACHE_ENTRIES = 500;

/** The longest a timer may wait (setTimeout's limit, about 24.8 days); a later expiry re-arms at the next scoring. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export class ScoringJob extends EventEmitter<{ progress: [ScoringEvent]; outcome: [ScoringOutcome] }> {
  /** Fix records are read-modify-written by the lifecycle step and by people (routes/fixes.ts): one at a time. */
  readonly fixes = new Serial();
  private expiryTimer: NodeJS.Timeout | null = null;
  private closed = false;
  private running: Promise<ScoringResult> | null = null;
  private queued: { reason: string; promise: Promise<ScoringResult> } | null = null;
  // A worker that ends takes its model along: forget the scoring so the next read scores afresh.
  private readonly analysis = new AnalysisClient(() => { this.latest = null; this.cache = new Map(); });
  private cache = new Map<string, Promise<unknown>>();
  latest: ScoringResult | null = null;
  lastError: string | null = null;

  constructor(private readonly store: GraphStore, private readonly policy?: ScoringPolicy) { super(); }

  get state(): 'idle' | 'running' { return this.running ? 'running' : 'idle'; }
  get isQueued(): boolean { return this.queued !== null; }

  /** Starts a scoring, or joins the one queued behind the running one. */
  request(reason: string): Promise<ScoringResult> {
    if (!this.running) return this.start(reason);
    if (!this.queued) {
      const after = this.running.catch(() => undefined).then(() => { this.queued = null; return this.start(reason); });
      this.queued = { reason, promise: after };
      this.emitEvent({ phase: 'queued', reason });
    }
    return this.queued.promise;
  }

  /** The latest scoring, scoring now if there is none yet. */
  async current(): Promise<ScoringResult> {
    return this.latest ?? (await this.request('first read'));
  }

  /** A view of the latest scoring (computed by the worker; bounded views once per scoring). */
  async view<N extends keyof Views>(name: N, ...args: ViewArgs<N>): Promise<ViewResult<N>> {
    await this.current();
    const ask = () => this.analysis.view(name, ...args);
    if (!CACHED.has(name)) return ask();
    const key = JSON.stringify([name, ...args]);
    const known = this.cache.get(key) as Promise<ViewResult<N>> | undefined;
    if (known) return known;
    if (this.cache.size >= CACHE_ENTRIES) this.cache.clear();
    const value = ask();
    this.cache.set(key, value);
    value.catch(() => this.cache.delete(key));
    return value;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.expiryTimer) clearTimeout(this.expiryTimer);
    await this.analysis.close();
  }

  private start(reason: string): Promise<ScoringResult> {
    const started = performance.now();
    this.emitEvent({ phase: 'started', reason });
    const run = (async () => {
      try {
        const previous = this.latest?.run ?? null;
        const records = await listFixRecords(this.store);
        const acceptedFixes = acceptedFixIds(records.values(), new Date().toISOString());
        const built = await this.analysis.build(this.store, { ...(this.policy ? { policy: this.policy } : {}), markers: await this.store.listMarkers(), acceptedFixes });
        await this.store.saveScoreRun(built.run);
        this.analysis.publish(built.build);
        const result: ScoringResult = { run: built.run, finishedAt: new Date().toISOString(), elapsedMs: Math.round(performance.now() - started), reason };
        this.latest = result;
        this.cache = new Map();
        this.lastError = null;
        // The scoring stands even if its lifecycle step fails; the failure is reported like a scoring's.
        await this.afterScoring(built.run, previous).catch((e: Error) => { this.lastError = `fix lifecycle after score run ${built.run.id}: ${e.message}`; });
        this.emitEvent({ phase: 'finished', reason, scoreRun: built.run.id, totalRisk: built.run.payload.totals.risk });
        return result;
      } catch (e) {
        this.lastError = (e as Error).message;
        this.emitEvent({ phase: 'failed', reason, error: (e as Error).message });
        throw e;
      } finally {
        this.running = null;
      }
    })();
    this.running = run;
    return run;
  }

  /**
   * The fix lifecycle step on the published scoring (plan fixes tracked, verified, resurfaced, expired
   * acceptances lifted), a timer for the next acceptance to expire, and the outcome for webhooks.
   */
  private async afterScoring(run: ScoreRun, previous: ScoreRun | null): Promise<void> {
    const lifecycle = await this.fixes.run(async () => recordLifecycle(this.store, {
      scoreRun: run.id,
      planFixIds: (await this.view('plan', undefined, DEFAULT_PLAN_STEPS)).rows.map((r) => r.fixId),
      evidence: (ids) => this.analysis.view('fixEvidence', ids),
    }));
    await this.armExpiryTimer();
    // Signal chains current at this scoring are kept with the score run (diffs name new and ended ones).
    const attachment = await this.signalAttachment(true);
    if (attachment.attached.length || previous?.payload.chains?.length) {
      run.payload.chains = chainSummaries(await this.analysis.view('signals', attachment, undefined, 0));
      await this.store.saveScoreRun(run);
    }
    const newChains = (run.payload.chains ?? []).filter((c) => !(previous?.payload.chains ?? []).some((x) => x.id === c.id));
    // New routes and risk changes only: closed routes' causes (which need every stored edge id) are the diff view's business.
    const diff = previous ? diffScoreRuns(previous, run, () => true, await this.store.listRuns()) : null;
    this.emit('outcome', { run, previous, diff, lifecycle, newChains });
  }

  private attached: { scoreRun: string; value: Promise<SignalAttachment> } | null = null;

  /** The stored signals attached to the store's nodes, read once per scoring (`fresh`: read again now). */
  signalAttachment(fresh = false): Promise<SignalAttachment> {
    const id = this.latest?.run.id ?? '';
    if (fresh || !this.attached || this.attached.scoreRun !== id) {
      const value = attachStoredSignals(this.store);
      this.attached = { scoreRun: id, value };
      value.catch(() => { this.attached = null; });
    }
    return this.attached.value;
  }

  private async armExpiryTimer(): Promise<void> {
    if (this.expiryTimer) clearTimeout(this.expiryTimer);
    this.expiryTimer = null;
    const now = Date.now();
    const next = Math.min(...[...(await listFixRecords(this.store)).values()].map((r) => (r.acceptance ? Date.parse(r.acceptance.expires) : Infinity)).filter((t) => t > now));
    if (!Number.isFinite(next) || this.closed) return;
    this.expiryTimer = setTimeout(() => { void this.request('a risk acceptance expired').catch(() => undefined); }, Math.min(MAX_TIMER_MS, next - now + 1000));
    this.expiryTimer.unref();
  }

  private emitEvent(e: Omit<ScoringEvent, 'at'>): void {
    this.emit('progress', { ...e, at: new Date().toISOString() });
  }
}
