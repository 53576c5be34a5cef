/**
 * The analysis worker: a worker thread that owns the analysis model. The main thread streams the stored
 * graph in, the worker builds and scores the model and computes the views the routes ask for. Its heap
 * is its own, so building a new model of a large estate (and collecting the old one) never pauses the
 * thread that answers HTTP; while a build runs, queries are answered from the published scoring.
 */
import { parentPort } from 'node:worker_threads';
import {
  analyseSignals, buildModelCooperatively, coverageOf, fixEvidence, type SignalAttachment, isChokepointError, scoreModel, scoreRunRecord, type ModelOptions, type ScoreRun, type StoredEdge, type StoredNode, type WhatIfRequest,
} from '@chokepoint/queries';
import type { FromWorker, ToWorker, WorkerError } from './protocol.js';
import * as views from './views.js';
import { runAnalysis } from './analyses.js';
import { DEFAULT_PATHS_QUERY, DEFAULT_PLAN_STEPS, type PathsQuery, type ScoredModel } from './views.js';

/** One scoring and the views computed from it (each at most once; the map is bounded). */
class Scored implements ScoredModel {
  private readonly memos = new Map<string, Promise<unknown>>();
  constructor(readonly model: ScoredModel['model'], readonly scoring: ScoredModel['scoring'], readonly run: ScoreRun, readonly gaps: ReadonlyMap<string, string[]> = new Map()) {}
  memo<T>(key: string, compute: () => T | Promise<T>): Promise<T> {
    const known = this.memos.get(key) as Promise<T> | undefined;
    if (known) return known;
    if (this.memos.size >= 500) this.memos.clear();
    const value = Promise.resolve().then(compute);
    this.memos.set(key, value);
    value.catch(() => this.memos.delete(key));
    return value;
  }
}

/** The views by name; the main thread's AnalysisClient is typed from this table. */
export const VIEWS = {
  paths: (s: Scored, q: PathsQuery) => s.memo(`paths ${JSON.stringify([q.from, q.to, q.entry, q.k, q.maxSteps, q.targets, q.group])}`, () => views.paths(s, q)),
  resolve: (s: Scored, refs: string[]) => views.resolveNodes(s, refs),
  chokepoints: (s: Scored, limit: number) => s.memo(`chokepoints ${limit}`, () => views.chokepoints(s, limit)),
  plan: (s: Scored, budget: number | undefined, steps: number) => s.memo(`plan ${budget ?? ''}|${steps}`, () => views.plan(s, budget, steps)),
  planRows: async (s: Scored, budget: number | undefined, steps: number) => views.planRows(s.model, await VIEWS.plan(s, budget, steps)),
  overview: (s: Scored) => s.memo('overview', () => views.overview(s, s.run)),
  routeRows: (s: Scored) => s.memo('route rows', () => views.routeRows(s)),
  chokepointRows: async (s: Scored, limit: number) => views.chokepointRows(await VIEWS.chokepoints(s, limit)),
  whatif: (s: Scored, request: Required<WhatIfRequest> & { steps: string[] }) => views.whatif(s, request),
  node: (s: Scored, id: string) => views.nodeDetails(s, id),
  names: (s: Scored, ids: string[]) => views.nodeNames(s, ids),
  search: (s: Scored, q: string, kind: string | undefined, limit: number) => views.searchNodes(s, q, kind, limit),
  neighbourhood: (s: Scored, id: string, depth: number, limit: number, options: views.NeighbourhoodOptions = {}) => views.neighbourhood(s, id, depth, limit, options),
  entity: (s: Scored, id: string) => views.entity(s, id),
  analysis: (s: Scored, name: string, limit: number) => s.memo(`analysis ${name} ${limit}`, () => runAnalysis(s, name, limit)),
  fixEvidence: (s: Scored, ids: string[]) => fixEvidence(s.model, s.scoring, ids),
  reportFacts: (s: Scored) => s.memo('report facts', () => views.reportFacts(s)),
  signals: (s: Scored, attachment: SignalAttachment, now: string | undefined, limit: number) => analyseSignals(s.model, s.scoring, attachment, { ...(now ? { now: new Date(now) } : {}), limit }),
};
export type Views = typeof VIEWS;

function asWorkerError(e: unknown): WorkerError {
  return isChokepointError(e) ? { code: e.code, message: e.message } : { code: null, message: e instanceof Error ? e.message : String(e) };
}

if (parentPort) {
  const port = parentPort;
  const post = (m: FromWorker) => port.postMessage(m);
  let published: Scored | null = null;
  let pending: { build: number; scored: Scored } | null = null;
  let incoming: { build: number; options: ModelOptions; nodes: StoredNode[]; edges: StoredEdge[] } | null = null;

  const finish = async (build: number, runs: Parameters<typeof scoreRunRecord>[2]) => {
    const started = performance.now();
    try {
      if (!incoming || incoming.build !== build) throw new Error(`build ${build} was not begun`);
      const { nodes, edges, options } = incoming;
      incoming = null;
      const { byNode } = coverageOf(runs, nodes, edges);
      const model = await buildModelCooperatively(nodes, edges, options);
      const scoring = scoreModel(model);
      const run = scoreRunRecord(model, scoring, runs);
      const scored = new Scored(model, scoring, run, byNode);
      // Warm the views the web view and exports ask for first; a failure here is the view's, not the scoring's.
      await Promise.all([VIEWS.plan(scored, undefined, DEFAULT_PLAN_STEPS), VIEWS.paths(scored, DEFAULT_PATHS_QUERY)].map((p) => p.catch(() => undefined)));
      pending = { build, scored };
      post({ t: 'built', build, run, elapsedMs: Math.round(performance.now() - started) });
    } catch (e) {
      post({ t: 'failed', build, error: asWorkerError(e) });
    }
  };

  const answer = async (id: number, name: string, args: unknown[]) => {
    try {
      if (!published) throw new Error('no scoring has been published yet');
      const view = VIEWS[name as keyof Views] as ((s: Scored, ...a: unknown[]) => unknown) | undefined;
      if (!view) throw new Error(`no view ${name}`);
      post({ t: 'answer', id, value: await view(published, ...args) });
    } catch (e) {
      post({ t: 'answer', id, error: asWorkerError(e) });
    }
  };

  port.on('message', (m: ToWorker) => {
    switch (m.t) {
      case 'begin': incoming = { build: m.build, options: m.options, nodes: [], edges: [] }; break;
      case 'nodes': if (incoming?.build === m.build) for (const r of m.rows) incoming.nodes.push(r); break;
      case 'edges': if (incoming?.build === m.build) for (const r of m.rows) incoming.edges.push(r); break;
      case 'end': void finish(m.build, m.runs); break;
      case 'publish': if (pending?.build === m.build) { published = pending.scored; pending = null; } break;
      case 'query': void answer(m.id, m.name, m.args); break;
    }
  });
}
