/**
 * The main thread's side of the analysis worker: streams the stored graph to it in small messages
 * (each a few milliseconds of serialisation, with an event-loop turn between), and asks it for views.
 * If the worker dies, pending calls fail and the next build starts a fresh one.
 */
import { Worker } from 'node:worker_threads';
import { ChokepointError, type ErrorCode, type GraphStore, type ModelOptions, type ScoreRun } from '@chokepoint/queries';
import type { Views } from './analysis-worker.js';
import type { FromWorker, ToWorker, WorkerError } from './protocol.js';

const ROWS_PER_MESSAGE = 2_000;

export type ViewArgs<N extends keyof Views> = Views[N] extends (s: never, ...args: infer A) => unknown ? A : never;
export type ViewResult<N extends keyof Views> = Awaited<ReturnType<Views[N]>>;

function toError(e: WorkerError): Error {
  return e.code ? new ChokepointError(e.code as ErrorCode, e.message) : new Error(e.message);
}

export class AnalysisClient {
  /** `onStop` hears when the worker ended (crash or close): its published scoring is gone with it. */
  constructor(private readonly onStop: (error: Error) => void = () => undefined) {}
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly calls = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private readonly builds = new Map<number, { resolve: (v: { run: ScoreRun; elapsedMs: number }) => void; reject: (e: Error) => void }>();

  private closed = false;

  private get thread(): Worker {
    if (this.worker) return this.worker;
    if (this.closed) throw new ChokepointError('STORE_UNAVAILABLE', 'the server is stopping');
    const worker = new Worker(new URL('./worker-entry.mjs', import.meta.url));
    worker.on('message', (m: FromWorker) => this.receive(m));
    worker.on('error', (e) => this.stopped(worker, e));
    worker.on('exit', (code) => this.stopped(worker, new Error(`the analysis worker exited (code ${code})`)));
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private send(m: ToWorker): void { this.thread.postMessage(m); }

  private receive(m: FromWorker): void {
    if (m.t === 'answer') {
      const call = this.calls.get(m.id);
      this.calls.delete(m.id);
      if (m.error) call?.reject(toError(m.error)); else call?.resolve(m.value);
      return;
    }
    const build = this.builds.get(m.build);
    this.builds.delete(m.build);
    if (m.t === 'built') build?.resolve({ run: m.run, elapsedMs: m.elapsedMs });
    else build?.reject(toError(m.error));
  }

  private stopped(worker: Worker, error: Error): void {
    if (this.worker !== worker) return;
    this.worker = null;
    for (const c of this.calls.values()) c.reject(error);
    for (const b of this.builds.values()) b.reject(error);
    this.calls.clear();
    this.builds.clear();
    this.onStop(error);
  }

  /** Streams the store to the worker and has it build, score and warm a model; returns the score run (not yet published). */
  async build(store: GraphStore, options: ModelOptions = {}): Promise<{ build: number; run: ScoreRun; elapsedMs: number }> {
    const build = this.nextId++;
    const done = new Promise<{ run: ScoreRun; elapsedMs: number }>((resolve, reject) => this.builds.set(build, { resolve, reject }));
    done.catch(() => undefined); // observed below; a failure while streaming must not go unhandled
    // A turn between messages; a build whose worker stopped (crash or close) stops streaming at once.
    const turn = async () => {
      await new Promise((r) => setImmediate(r));
      if (!this.builds.has(build)) throw new Error('the analysis worker stopped during the build');
    };
    try {
      this.send({ t: 'begin', build, options });
      for await (const page of store.streamNodes()) {
        for (let i = 0; i < page.length; i += ROWS_PER_MESSAGE) { this.send({ t: 'nodes', build, rows: page.slice(i, i + ROWS_PER_MESSAGE) }); await turn(); }
      }
      for await (const page of store.streamEdges()) {
        for (let i = 0; i < page.length; i += ROWS_PER_MESSAGE) { this.send({ t: 'edges', build, rows: page.slice(i, i + ROWS_PER_MESSAGE) }); await turn(); }
      }
      this.send({ t: 'end', build, runs: await store.listRuns() });
    } catch (e) {
      this.builds.delete(build); // the store failed mid-stream: this build will never answer
      throw e;
    }
    return { build, ...(await done) };
  }

  /** From now on queries are answered from this build. */
  publish(build: number): void { this.send({ t: 'publish', build }); }

  /** A view of the published scoring, computed in the worker. */
  view<N extends keyof Views>(name: N, ...args: ViewArgs<N>): Promise<ViewResult<N>> {
    const id = this.nextId++;
    const answer = new Promise<ViewResult<N>>((resolve, reject) => this.calls.set(id, { resolve: resolve as (v: unknown) => void, reject }));
    this.send({ t: 'query', id, name, args });
    return answer;
  }

  async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    if (!worker) return;
    this.stopped(worker, new Error('the analysis worker was closed'));
    await worker.terminate();
  }
}
