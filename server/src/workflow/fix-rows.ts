/** Tracked fixes as export rows (FIX_COLUMNS): the CLI's `fix list --format csv` and GET /api/exports/fixes write the same file. */
import { isOverdue, type FixRecord } from '@chokepoint/queries';
import type { ExportRow } from '../analysis/export-render.js';

export const FIX_COLUMNS = [
  'fix_id', 'action', 'family', 'status', 'owner', 'sla_tier', 'due', 'overdue', 'tracked_since', 'done_at', 'verified_at', 'verified_by_runs',
  'resurfaced_at', 'resurfaced_by_runs', 'accepted_until', 'acceptance_reason', 'acceptance_approver', 'last_change',
] as const;

const runs = (list: ReadonlyArray<{ source: string; runId: string }> | undefined) => (list ?? []).map((r) => `${r.source} ${r.runId}`).join('; ');

export function fixRows(records: Iterable<FixRecord>, now: string): ExportRow[] {
  return [...records].sort((a, b) => (a.sla.due < b.sla.due ? -1 : a.sla.due > b.sla.due ? 1 : a.fixId < b.fixId ? -1 : 1)).map((r) => {
    const last = r.history[r.history.length - 1];
    return {
      fix_id: r.fixId, action: r.action, family: r.family, status: r.status, owner: r.owner ?? '', sla_tier: r.sla.tier, due: r.sla.due,
      overdue: isOverdue(r, now) ? 'yes' : 'no', tracked_since: r.trackedSince, done_at: r.doneAt ?? '', verified_at: r.verified?.at ?? '',
      verified_by_runs: runs(r.verified?.runs), resurfaced_at: r.resurfaced?.at ?? '', resurfaced_by_runs: runs(r.resurfaced?.runs),
      accepted_until: r.acceptance?.expires ?? '', acceptance_reason: r.acceptance?.reason ?? '', acceptance_approver: r.acceptance?.approver ?? '',
      last_change: last ? `${last.at} ${last.by}: ${last.change}` : '',
    };
  });
}
