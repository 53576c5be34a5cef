/**
 * Fix records in a store (`fix` documents) and the lifecycle step every scoring takes — shared by the
 * CLI (`chokepoint score`, `chokepoint fix`) and the server's scoring job.
 */
import type { GraphStore, RunRecord } from '../store/port.js';
import { fixEvidence, type FixEvidence } from '../analysis/fix-evidence.js';
import { scoreStore } from '../analysis/load.js';
import type { ModelOptions } from '../analysis/model.js';
import { remediationPlan } from '../analysis/plan.js';
import { acceptedFixIds, asFixRecord, reconcileFixes, type FixRecord, type LifecycleEvent, type RunRef } from './fix-lifecycle.js';

export async function listFixRecords(store: GraphStore): Promise<Map<string, FixRecord>> {
  return new Map((await store.listDocuments('fix')).map((d) => [d.id, asFixRecord(d.body, d.id)]));
}

export async function getFixRecord(store: GraphStore, fixId: string): Promise<FixRecord | null> {
  const d = await store.getDocument('fix', fixId);
  return d ? asFixRecord(d.body, d.id) : null;
}

export async function saveFixRecords(store: GraphStore, records: readonly FixRecord[], now: string): Promise<void> {
  if (records.length) await store.writeDocuments(records.map((r) => ({ collection: 'fix', id: r.fixId, updatedAt: now, body: r })));
}

/** The fixes whose risk is accepted now (the model leaves them out of the plan). */
export async function storedAcceptedFixes(store: GraphStore, now = new Date().toISOString()): Promise<string[]> {
  return acceptedFixIds((await listFixRecords(store)).values(), now);
}

const splitSourceRun = (s: string): RunRef => {
  const at = s.lastIndexOf('@');
  return at < 0 ? { source: s, runId: '' } : { source: s.slice(0, at), runId: s.slice(at + 1) };
};

function uniqueRuns(runs: RunRef[]): RunRef[] {
  const seen = new Map(runs.map((r) => [`${r.source}@${r.runId}`, r]));
  return [...seen.values()].sort((a, b) => (a.runId < b.runId ? -1 : a.runId > b.runId ? 1 : 0));
}

export interface LifecycleStepInput {
  scoreRun: string;
  /** Fix ids of the scoring's default plan. */
  planFixIds: readonly string[];
  /** What the scored model says about these fix ids (fix-evidence.ts), in-process or from the analysis worker. */
  evidence: (ids: string[]) => Promise<Map<string, FixEvidence>>;
  now?: string;
}

/** Reconciles the stored fix records with a scoring (fix-lifecycle.ts reconcileFixes) and stores the changes. */
export async function recordLifecycle(store: GraphStore, input: LifecycleStepInput): Promise<LifecycleEvent[]> {
  const now = input.now ?? new Date().toISOString();
  const records = await listFixRecords(store);
  const ids = [...new Set([...records.keys(), ...input.planFixIds])];
  const evidence = await input.evidence(ids);
  // The runs whose stamps are on the edges that came back (those first seen since verification first).
  const resurfacing = [...records.values()].filter((r) => r.status === 'verified' && evidence.get(r.fixId)?.present);
  const edges = new Map((await store.getEdges([...new Set(resurfacing.flatMap((r) => evidence.get(r.fixId)!.facts))])).map((e) => [e.eid, e]));
  const runs: RunRecord[] = await store.listRuns();
  const { changed, events } = reconcileFixes(records, {
    now, scoreRun: input.scoreRun, planFixIds: input.planFixIds, evidence,
    runsBehind: (facts, since) => {
      const stored = facts.map((f) => edges.get(f)).filter((e) => e !== undefined);
      const fresh = stored.filter((e) => e.firstSeen >= since);
      return uniqueRuns((fresh.length ? fresh : stored).flatMap((e) => e.sourceRuns.map(splitSourceRun)));
    },
    runsSince: (sources, since) => uniqueRuns(runs.filter((r) => r.finishedAt > since && (sources.includes(r.source) || r.source === 'expire') && (r.cleanup?.edgesDeleted ?? 0) + (r.cleanup?.edgesReleased ?? 0) > 0).map((r) => ({ source: r.source, runId: r.id }))),
  });
  await saveFixRecords(store, changed, now);
  return events;
}

/** Scores the store, stores the score run and takes the lifecycle step in this process (CLI `score`, `rescore`). */
export async function scoreAndTrack(store: GraphStore, options: ModelOptions = {}, now = new Date()): Promise<Awaited<ReturnType<typeof scoreStore>> & { lifecycle: LifecycleEvent[] }> {
  const at = now.toISOString();
  const scored = await scoreStore(store, { ...options, acceptedFixes: options.acceptedFixes ?? acceptedFixIds((await listFixRecords(store)).values(), at) }, now);
  const lifecycle = await recordLifecycle(store, {
    now: at,
    scoreRun: scored.run.id,
    planFixIds: remediationPlan(scored.model).rows.map((r) => r.fixId),
    evidence: async (ids) => fixEvidence(scored.model, scored.scoring, ids),
  });
  return { ...scored, lifecycle };
}
