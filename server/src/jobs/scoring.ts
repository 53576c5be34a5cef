/**
 * The scoring job: one scoring at a time; requests while one runs coalesce into a single follow-up run.
 * Keeps the latest model and scoring for the read routes (so reads never rebuild the model) and emits
 * progress events that the SSE route forwards.
 *
 * A new scoring is published only after its warm-up reads (the default plan, the routes' registered
 * defaults) are computed, so a reader never waits on a re-score: until then it is served the previous
 * scoring, complete and consistent.
 */
import { EventEmitter } from 'node:events';
import { remediationPlanCooperatively, scoreStore, type AnalysisModel, type GraphStore, type Plan, type ScoreRun, type Scoring } from '@chokepoint/queries';

export const DEFAULT_PLAN_STEPS = 20;

export class ScoringResult {
  private readonly memos = new Map<string, Promise<unknown>>();
  constructor(
    readonly model: AnalysisModel, readonly scoring: Scoring, readonly run: ScoreRun,
    readonly finishedAt: string, readonly elapsedMs: number, readonly reason: string,
  ) {}

  /** A read result computed once per scoring (routes, choke points, exports are pure functions of it). */
  memo<T>(key: string, compute: (result: ScoringResult) => T | Promise<T>): Promise<T> {
    const known = this.memos.get(key) as Promise<T> | undefined;
    if (known) return known;
    const value = Promise.resolve().then(() => compute(this));
    this.memos.set(key, value);
    value.catch(() => this.memos.delete(key)); // a failed read is computed again on the next request
    return value;
  }

  /** The remediation plan (per budget and length; computed cooperatively). */
  plan(budget: number | undefined, steps: number): Promise<Plan> {
    return this.memo(`plan ${budget ?? ''}|${steps}`, () => remediationPlanCooperatively(this.model, { steps, ...(budget !== undefined ? { budget } : {}) }));
  }
}

export interface ScoringEvent { phase: 'queued' | 'started' | 'finished' | 'failed'; reason: string; at: string; scoreRun?: string; totalRisk?: number; error?: string }

type Warmer = (result: ScoringResult) => Promise<unknown>;

export class ScoringJob extends EventEmitter<{ progress: [ScoringEvent] }> {
  private running: Promise<ScoringResult> | null = null;
  private queued: { reason: string; promise: Promise<ScoringResult> } | null = null;
  private readonly warmers: Warmer[] = [(result) => result.plan(undefined, DEFAULT_PLAN_STEPS)];
  latest: ScoringResult | null = null;
  lastError: string | null = null;

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

  /** A read computed for every new scoring before it is published (a route's default view). */
  warmOnScore(warmer: Warmer): void { this.warmers.push(warmer); }

  /** The latest scoring, scoring now if there is none yet. */
  async current(): Promise<ScoringResult> {
    return this.latest ?? (await this.request('first read'));
  }

  /** The remediation plan for the latest scoring. */
  async plan(budget: number | undefined, steps: number): Promise<Plan> {
    return (await this.current()).plan(budget, steps);
  }

  /** A read result of the latest scoring, computed once per scoring. */
  async memo<T>(key: string, compute: (latest: ScoringResult) => T | Promise<T>): Promise<T> {
    return (await this.current()).memo(key, compute);
  }

  private start(reason: string): Promise<ScoringResult> {
    const started = performance.now();
    this.emitEvent({ phase: 'started', reason });
    const run = (async () => {
      try {
        const { model, scoring, run: scoreRun } = await scoreStore(this.store);
        const result = new ScoringResult(model, scoring, scoreRun, new Date().toISOString(), Math.round(performance.now() - started), reason);
        // Warm-up failures are not the scoring's: the read fails again (and is logged) when asked for.
        await Promise.all(this.warmers.map((warm) => warm(result).catch(() => undefined)));
        this.latest = result;
        this.lastError = null;
        this.emitEvent({ phase: 'finished', reason, scoreRun: scoreRun.id, totalRisk: scoring.total });
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
