/**
 * The scoring job: one scoring at a time; requests while one runs coalesce into a single follow-up run.
 * Keeps the latest model and scoring for the read routes (so reads never rebuild the model) and emits
 * progress events that the SSE route forwards.
 */
import { EventEmitter } from 'node:events';
import { remediationPlanCooperatively, scoreStore, type AnalysisModel, type GraphStore, type Plan, type ScoreRun, type Scoring } from '@chokepoint/queries';

export interface ScoringResult { model: AnalysisModel; scoring: Scoring; run: ScoreRun; finishedAt: string; elapsedMs: number; reason: string }
export interface ScoringEvent { phase: 'queued' | 'started' | 'finished' | 'failed'; reason: string; at: string; scoreRun?: string; totalRisk?: number; error?: string }

export class ScoringJob extends EventEmitter<{ progress: [ScoringEvent] }> {
  private running: Promise<ScoringResult> | null = null;
  private queued: { reason: string; promise: Promise<ScoringResult> } | null = null;
  latest: ScoringResult | null = null;
  lastError: string | null = null;
  private plans = new Map<string, Promise<Plan>>();
  private memos = new Map<string, Promise<unknown>>();

  constructor(private readonly store: GraphStore) { super(); }

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

  /** The remediation plan for the latest scoring (cached per budget and length; computed cooperatively). */
  async plan(budget: number | undefined, steps: number): Promise<Plan> {
    const latest = await this.current();
    const key = `${budget ?? ''}|${steps}`;
    let plan = this.plans.get(key);
    if (!plan) {
      plan = remediationPlanCooperatively(latest.model, { steps, ...(budget !== undefined ? { budget } : {}) });
      plan.catch(() => this.plans.delete(key)); // a failed plan is computed again on the next request
      this.plans.set(key, plan);
    }
    return plan;
  }

  /** A read result computed once per scoring (routes, choke points, exports are pure functions of it). */
  async memo<T>(key: string, compute: (latest: ScoringResult) => T | Promise<T>): Promise<T> {
    const latest = await this.current();
    const known = this.memos.get(key) as Promise<T> | undefined;
    if (known) return known;
    const value = Promise.resolve().then(() => compute(latest));
    this.memos.set(key, value);
    value.catch(() => this.memos.delete(key));
    return value;
  }

  private start(reason: string): Promise<ScoringResult> {
    const started = performance.now();
    this.emitEvent({ phase: 'started', reason });
    const run = (async () => {
      try {
        const { model, scoring, run: scoreRun } = await scoreStore(this.store);
        const result: ScoringResult = { model, scoring, run: scoreRun, finishedAt: new Date().toISOString(), elapsedMs: Math.round(performance.now() - started), reason };
        this.latest = result;
        this.plans = new Map();
        this.memos = new Map();
        this.lastError = null;
        this.emitEvent({ phase: 'finished', reason, scoreRun: scoreRun.id, totalRisk: scoring.total });
        void this.plan(undefined, 20).catch(() => undefined); // warm the default plan in the background
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

  private emitEvent(e: Omit<ScoringEvent, 'at'>): void {
    this.emit('progress', { ...e, at: new Date().toISOString() });
  }
}
