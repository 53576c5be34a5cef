/** Reading the stored graph into an analysis model, and recording scorings. */
import type { GraphStore, ScoreRunRecord, StoredEdge, StoredNode } from '../store/port.js';
import { buildModelCooperatively, type AnalysisModel, type ModelOptions } from './model.js';
import { scoreModel, type Scoring } from './score.js';
import { acceptedFixIds, asFixRecord } from '../workflow/fix-lifecycle.js';
import { asScoreRun, diffScoreRuns, scoreRunRecord, type ScoreDiff, type ScoreRun } from './score-runs.js';

export async function loadModel(store: GraphStore, options: ModelOptions = {}): Promise<AnalysisModel> {
  const nodes: StoredNode[] = [], edges: StoredEdge[] = [];
  for await (const page of store.streamNodes()) { for (const n of page) nodes.push(n); await new Promise((r) => setImmediate(r)); }
  for await (const page of store.streamEdges()) { for (const e of page) edges.push(e); await new Promise((r) => setImmediate(r)); }
  const markers = options.markers ?? await store.listMarkers();
  const acceptedFixes = options.acceptedFixes ?? acceptedFixIds((await store.listDocuments('fix')).map((d) => asFixRecord(d.body, d.id)), new Date().toISOString());
  return buildModelCooperatively(nodes, edges, { ...options, markers, acceptedFixes });
}

/** Builds, scores and stores a score run. */
export async function scoreStore(store: GraphStore, options: ModelOptions = {}, now = new Date()): Promise<{ model: AnalysisModel; scoring: Scoring; run: ScoreRun }> {
  const model = await loadModel(store, options);
  const scoring = scoreModel(model);
  const run = scoreRunRecord(model, scoring, await store.listRuns(), now);
  await store.saveScoreRun(run);
  return { model, scoring, run };
}

/** Diffs two stored score runs against the store as it is now (to name edges that disappeared). */
export async function diffStoredScoreRuns(store: GraphStore, a: ScoreRunRecord, b: ScoreRunRecord): Promise<ScoreDiff> {
  const eids = new Set<string>();
  for await (const page of store.streamEdges()) for (const e of page) eids.add(e.eid);
  return diffScoreRuns(asScoreRun(a), asScoreRun(b), (eid) => eids.has(eid), await store.listRuns());
}

/** Stored score runs, oldest first. */
export async function scoreRunsInOrder(store: GraphStore): Promise<ScoreRunRecord[]> {
  return (await store.listScoreRuns()).sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
}
