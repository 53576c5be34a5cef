/**
 * Expiry of observations (ADR 0011): sessions, flows and VPN sessions are facts seen at a time. A later
 * capture adds and refreshes them and never deletes them; they leave only when the newest run that saw
 * them is older than its retention. `chokepoint expire` (and the scheduler) runs this, recorded as a run
 * of source `expire` with what it removed.
 */
import { stampOf, type CleanupResult, type ExpiredClaims, type GraphStore, type RunInfo } from '@chokepoint/queries';
import { newRunId } from './loader.js';

export interface ExpiryReport {
  runId: string;
  /** The runs whose observations passed their retention, with what they observed. */
  expiredRuns: Array<{ id: string; source: string; startedAt: string; retentionDays: number; edgeKinds: string[] | null }>;
  result: CleanupResult;
}

const DAY = 86_400_000;

export async function expireObservations(store: GraphStore, now = new Date()): Promise<ExpiryReport> {
  const runs = await store.listRuns();
  const expiredRuns: ExpiryReport['expiredRuns'] = [];
  const claims: ExpiredClaims[] = [];
  for (const r of runs) {
    const obs = r.coverage?.observations;
    if (!obs || Date.parse(r.startedAt) > now.getTime() - obs.retentionDays * DAY) continue;
    expiredRuns.push({ id: r.id, source: r.source, startedAt: r.startedAt, retentionDays: obs.retentionDays, edgeKinds: obs.edgeKinds ?? null });
    claims.push({ stamp: stampOf(r.source, r.id), edgeKinds: obs.edgeKinds ?? null });
  }
  const run: RunInfo = { id: newRunId(now), source: 'expire', format: 'expire', startedAt: now.toISOString(), files: [], complete: false };
  const result = await store.expire(run, claims);
  return { runId: run.id, expiredRuns, result };
}
