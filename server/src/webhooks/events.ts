/**
 * What a scoring tells the outside world: new routes to crown jewels, a risk increase, and the fix
 * lifecycle's events. Event ids are derived from the score run and the subject, so an event is the same
 * event however often it is looked at (deliveries are keyed by it: each receiver gets it once).
 */
import type { ScoringOutcome } from '../jobs/scoring.js';
import type { WebhookEventType } from './config.js';

export interface WebhookEvent {
  id: string;
  type: WebhookEventType;
  at: string;
  scoreRun: string;
  summary: string;
  /** The fix id for fix events (ticket templates key tickets by it). */
  fixId: string | null;
  data: Record<string, unknown>;
}

export function eventsOf(outcome: ScoringOutcome, at = new Date().toISOString()): WebhookEvent[] {
  const run = outcome.run.id;
  const out: WebhookEvent[] = [];
  for (const r of outcome.diff?.newRoutes ?? []) {
    out.push({ id: `${run}:route.new:${r.target}`, type: 'route.new', at, scoreRun: run, fixId: null, summary: `new route to ${r.targetName} (risk ${r.risk.toFixed(3)})`, data: { target: r.target, targetName: r.targetName, risk: r.risk, fingerprint: r.fingerprint, causes: r.causes } });
  }
  const diff = outcome.diff;
  if (diff && diff.delta > 1e-12) {
    out.push({ id: `${run}:risk.up`, type: 'risk.up', at, scoreRun: run, fixId: null, summary: `total risk rose ${diff.totalBefore.toFixed(3)} → ${diff.totalAfter.toFixed(3)}`, data: { before: diff.totalBefore, after: diff.totalAfter, delta: diff.delta, previousScoreRun: diff.from, importRuns: diff.importRuns } });
  }
  for (const c of outcome.newChains) {
    out.push({ id: `${run}:signal.chain:${c.id}`, type: 'signal.chain', at, scoreRun: run, fixId: null, summary: `signal chain toward ${c.targetName} (score ${c.score.toFixed(3)}): ${c.explain}`.slice(0, 2000), data: { ...c } });
  }
  for (const e of outcome.lifecycle) {
    out.push({ id: `${run}:${e.type}:${e.fixId}`, type: e.type, at, scoreRun: run, fixId: e.fixId, summary: e.summary, data: { fixId: e.fixId, action: e.action, owner: e.owner, runs: e.runs } });
  }
  return out;
}
