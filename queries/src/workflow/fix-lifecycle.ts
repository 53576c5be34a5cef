/**
 * The fix lifecycle (ADR 0013): each tracked fix id has a status, an owner, a due date from the SLA
 * policy, and may carry a risk acceptance. People move a fix between open, in progress and done; the
 * scorings move it to verified (its edges are gone) and resurfaced (they came back), naming the runs that
 * brought them. Every change is kept in the record's history (who, what, when). Records are pure data
 * here; lifecycle-store.ts reads and writes them as `fix` documents.
 */
import { z } from 'zod';
import { ChokepointError } from '../errors.js';
import type { FixEvidence } from '../analysis/fix-evidence.js';

export const FIX_STATUSES = ['open', 'in-progress', 'done', 'verified', 'resurfaced'] as const;
export type FixStatus = (typeof FIX_STATUSES)[number];
/** The statuses people set; verified and resurfaced are the scorings' to give. */
export const SETTABLE_FIX_STATUSES = ['open', 'in-progress', 'done'] as const;
export type SettableFixStatus = (typeof SETTABLE_FIX_STATUSES)[number];

const Run = z.object({ runId: z.string(), source: z.string() });
export const FixRecordSchema = z.object({
  fixId: z.string(),
  action: z.string(),
  family: z.string(),
  status: z.enum(FIX_STATUSES),
  owner: z.string().nullable(),
  /** Where the owner came from: the asset's inventory `owner`, or assigned by a person (then kept). */
  ownerFrom: z.enum(['inventory', 'assigned']).nullable(),
  trackedSince: z.string(),
  sla: z.object({ tier: z.string(), days: z.number(), due: z.string() }),
  /** Stored edges the fix acted on when last seen, and the sources that asserted them. */
  facts: z.array(z.string()),
  sources: z.array(z.string()),
  acceptance: z.object({ reason: z.string(), approver: z.string(), at: z.string(), expires: z.string() }).nullable(),
  /** When it was claimed done (cleared when reopened). */
  doneAt: z.string().nullable(),
  verified: z.object({ at: z.string(), scoreRun: z.string(), runs: z.array(Run) }).nullable(),
  resurfaced: z.object({ at: z.string(), scoreRun: z.string(), runs: z.array(Run) }).nullable(),
  /** The latest scoring's word on a fix claimed done whose edges are still stored. */
  check: z.object({ at: z.string(), scoreRun: z.string(), stillStored: z.number() }).nullable(),
  history: z.array(z.object({ at: z.string(), by: z.string(), change: z.string() })),
});
export type FixRecord = z.infer<typeof FixRecordSchema>;
export type RunRef = z.infer<typeof Run>;

/** Reads a stored body back, failing loudly on a shape this version does not know. */
export function asFixRecord(body: unknown, id: string): FixRecord {
  const r = FixRecordSchema.safeParse(body);
  if (!r.success) throw new ChokepointError('STORE_CORRUPT', `fix record ${id} has an unknown shape: ${r.error.issues[0]?.message ?? ''}`);
  return r.data;
}

const DAY_MS = 86_400_000;
const addDays = (iso: string, days: number) => new Date(Date.parse(iso) + days * DAY_MS).toISOString().slice(0, 10);

/** A new record for a fix the model knows. */
export function newFixRecord(evidence: FixEvidence, now: string, by: string, why: string): FixRecord {
  if (!evidence.present) throw new ChokepointError('NOT_FOUND', `unknown fix id: ${evidence.fixId} (not a fix of the current scoring; see \`chokepoint fixes\`)`);
  return {
    fixId: evidence.fixId, action: evidence.action ?? evidence.fixId, family: evidence.family ?? '', status: 'open',
    owner: evidence.owner, ownerFrom: evidence.owner === null ? null : 'inventory', trackedSince: now,
    sla: { ...evidence.sla, due: addDays(now, evidence.sla.days) },
    facts: evidence.facts, sources: evidence.sources, acceptance: null, doneAt: null, verified: null, resurfaced: null, check: null,
    history: [{ at: now, by, change: why }],
  };
}

export interface FixChange {
  status?: SettableFixStatus;
  /** A person to own it; null: back to the asset's inventory owner. */
  owner?: string | null;
  note?: string;
}

/** A person's change (CLI `fix set`, POST /api/fixes/:id). */
export function changeFix(record: FixRecord, change: FixChange, evidence: FixEvidence | undefined, by: string, now: string): FixRecord {
  const next = structuredClone(record);
  const said: string[] = [];
  if (change.status !== undefined && change.status !== record.status) {
    said.push(`status ${record.status} → ${change.status}`);
    next.status = change.status;
    next.doneAt = change.status === 'done' ? now : null;
    next.check = null;
  }
  if (change.owner !== undefined) {
    const owner = change.owner ?? evidence?.owner ?? null;
    if (owner !== record.owner || (change.owner === null) !== (record.ownerFrom !== 'assigned')) {
      said.push(change.owner === null ? `owner back to the inventory's (${owner ?? 'none'})` : `owner ${record.owner ?? 'none'} → ${owner}`);
      next.owner = owner;
      next.ownerFrom = change.owner === null ? (owner === null ? null : 'inventory') : 'assigned';
    }
  }
  if (change.note) said.push(`note: ${change.note}`);
  if (said.length === 0) return record;
  next.history.push({ at: now, by, change: said.join('; ') });
  return next;
}

export interface Acceptance { reason: string; expires: string }

/** Risk acceptance by an approver (admin): the fix leaves the plan until `expires`. */
export function acceptFix(record: FixRecord, acceptance: Acceptance, approver: string, now: string, maxDays: number): FixRecord {
  const expires = Date.parse(acceptance.expires);
  if (!Number.isFinite(expires)) throw new ChokepointError('USAGE', `expiry must be a date (YYYY-MM-DD or ISO-8601), got ${JSON.stringify(acceptance.expires)}`);
  if (expires <= Date.parse(now)) throw new ChokepointError('USAGE', `expiry ${acceptance.expires} is not in the future`);
  if (expires > Date.parse(now) + maxDays * DAY_MS) throw new ChokepointError('USAGE', `expiry ${acceptance.expires} is more than ${maxDays} days away (policy sla.maxAcceptanceDays)`);
  if (acceptance.reason.trim() === '') throw new ChokepointError('USAGE', 'a risk acceptance needs a reason');
  const next = structuredClone(record);
  next.acceptance = { reason: acceptance.reason.trim(), approver, at: now, expires: new Date(expires).toISOString() };
  next.history.push({ at: now, by: approver, change: `risk accepted until ${next.acceptance.expires}: ${next.acceptance.reason}` });
  return next;
}

export function revokeAcceptance(record: FixRecord, by: string, now: string): FixRecord {
  if (!record.acceptance) return record;
  const next = structuredClone(record);
  next.acceptance = null;
  next.history.push({ at: now, by, change: 'risk acceptance revoked' });
  return next;
}

/** Fix ids whose acceptance has not expired at `now`: the plan leaves them out. */
export function acceptedFixIds(records: Iterable<FixRecord>, now: string): string[] {
  const at = Date.parse(now);
  return [...records].filter((r) => r.acceptance && Date.parse(r.acceptance.expires) > at).map((r) => r.fixId);
}

/** What a scoring changed in the lifecycle, for webhooks and the score-run diff. */
export type LifecycleEventType = 'fix.opened' | 'fix.verified' | 'fix.resurfaced' | 'acceptance.expired';
export interface LifecycleEvent {
  type: LifecycleEventType;
  fixId: string;
  action: string;
  summary: string;
  owner: string | null;
  runs: RunRef[];
}

export interface ScoringFacts {
  now: string;
  scoreRun: string;
  /** The fix ids of the scoring's default plan: those not yet tracked start being tracked. */
  planFixIds: readonly string[];
  evidence: ReadonlyMap<string, FixEvidence>;
  /** The runs that asserted the given stored edges since `since` (the store's stamps), for resurfaced fixes. */
  runsBehind: (facts: readonly string[], since: string) => RunRef[];
  /** Import runs that finished after `since` among `sources`, for verified fixes. */
  runsSince: (sources: readonly string[], since: string) => RunRef[];
}

const BY_SCORING = 'scoring';

/**
 * The lifecycle after a scoring: new plan fixes tracked, acceptances past their expiry lifted, fixes
 * whose edges are gone verified, verified fixes whose edges came back resurfaced, inventory owners and
 * SLA tiers refreshed. Returns the changed records and the events, once each.
 */
export function reconcileFixes(records: ReadonlyMap<string, FixRecord>, facts: ScoringFacts): { changed: FixRecord[]; events: LifecycleEvent[] } {
  const changed: FixRecord[] = [];
  const events: LifecycleEvent[] = [];
  const event = (r: FixRecord, type: LifecycleEventType, summary: string, runs: RunRef[] = []) =>
    events.push({ type, fixId: r.fixId, action: r.action, summary, owner: r.owner, runs });
  const { now, scoreRun } = facts;
  for (const id of facts.planFixIds) {
    const ev = facts.evidence.get(id);
    if (records.has(id) || !ev?.present) continue;
    const r = newFixRecord(ev, now, BY_SCORING, `tracked: in the plan of score run ${scoreRun} (SLA ${ev.sla.tier}: ${ev.sla.days} days)`);
    changed.push(r);
    event(r, 'fix.opened', `${r.action}: in the plan, due ${r.sla.due} (${r.sla.tier})`);
  }
  for (const record of records.values()) {
    const ev = facts.evidence.get(record.fixId);
    const next = structuredClone(record);
    const note = (change: string) => next.history.push({ at: now, by: BY_SCORING, change });
    if (next.acceptance && Date.parse(next.acceptance.expires) <= Date.parse(now)) {
      note(`risk acceptance expired (${next.acceptance.expires}; was: ${next.acceptance.reason}, approved by ${next.acceptance.approver}): back in the plan`);
      event(next, 'acceptance.expired', `${next.action}: risk acceptance by ${next.acceptance.approver} expired ${next.acceptance.expires}`);
      next.acceptance = null;
    }
    if (ev && !ev.present && next.status !== 'verified') {
      const runs = facts.runsSince(next.sources, next.doneAt ?? next.trackedSince);
      next.verified = { at: now, scoreRun, runs };
      note(`verified: none of its ${next.facts.length} edge(s) is stored any more (score run ${scoreRun}${runs.length ? `; removed by ${runs.map((x) => `${x.source} run ${x.runId}`).join(', ')}` : ''}); status ${next.status} → verified`);
      next.status = 'verified';
      next.check = null;
      event(next, 'fix.verified', `${next.action}: verified by score run ${scoreRun}`, runs);
    } else if (ev?.present && next.status === 'verified') {
      const runs = facts.runsBehind(ev.facts, next.verified?.at ?? next.trackedSince);
      next.resurfaced = { at: now, scoreRun, runs };
      next.status = 'resurfaced';
      next.facts = ev.facts; next.sources = ev.sources;
      note(`resurfaced: its edges are stored again (score run ${scoreRun}${runs.length ? `; brought back by ${runs.map((x) => `${x.source} run ${x.runId}`).join(', ')}` : ''})`);
      event(next, 'fix.resurfaced', `${next.action}: resurfaced in score run ${scoreRun}`, runs);
    } else if (ev?.present) {
      next.facts = ev.facts; next.sources = ev.sources;
      if (next.status === 'done') next.check = { at: now, scoreRun, stillStored: ev.facts.length };
    }
    if (ev?.present) {
      if (next.ownerFrom !== 'assigned' && ev.owner !== next.owner) {
        note(`owner from the inventory: ${next.owner ?? 'none'} → ${ev.owner ?? 'none'}`);
        next.owner = ev.owner; next.ownerFrom = ev.owner === null ? null : 'inventory';
      }
      const due = addDays(next.trackedSince, ev.sla.days);
      if (due < next.sla.due) { // a stricter tier brings the due date forward, never back
        note(`SLA ${next.sla.tier} → ${ev.sla.tier}: due ${next.sla.due} → ${due}`);
        next.sla = { ...ev.sla, due };
      }
    }
    if (JSON.stringify(next) !== JSON.stringify(record)) changed.push(next);
  }
  return { changed, events };
}

/** Whether a fix is past its due date and not yet fixed (open, in progress, resurfaced, or done but unverified). */
export function isOverdue(r: FixRecord, now: string): boolean {
  return r.status !== 'verified' && !r.acceptance && r.sla.due < now.slice(0, 10);
}
