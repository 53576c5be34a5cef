/**
 * `chokepoint fix set|accept|list`: the fix lifecycle from the command line (the same records and rules
 * as /api/fixes). Changes are recorded as `cli:<user>` in each fix's history; the next scoring verifies
 * or resurfaces them and an acceptance takes effect at the next scoring.
 */
import { userInfo } from 'node:os';
import {
  ChokepointError, SETTABLE_FIX_STATUSES, acceptFix, changeFix, fixEvidence, getFixRecord, listFixRecords, loadModel, newFixRecord, revokeAcceptance,
  saveFixRecords, scoreModel, type FixEvidence, type FixRecord, type GraphStore, type SettableFixStatus,
} from '@chokepoint/queries';
import { output, storeFrom, type GlobalOptions } from '../context.js';
import { analysisOptions, type AnalysisCliOptions } from './analysis-options.js';
import { renderExport } from '../../analysis/export-render.js';
import { FIX_COLUMNS, fixRows } from '../../workflow/fix-rows.js';

const who = () => `cli:${userInfo().username}`;

/** The record of a fix, started from the current scoring when the fix is not tracked yet. */
async function recordFor(store: GraphStore, fixId: string, options: AnalysisCliOptions, now: string): Promise<{ record: FixRecord; evidence: FixEvidence | undefined }> {
  const model = await loadModel(store, analysisOptions(options));
  const evidence = fixEvidence(model, scoreModel(model), [fixId]).get(fixId);
  const record = (await getFixRecord(store, fixId)) ?? newFixRecord(evidence!, now, who(), 'tracked by hand');
  return { record, evidence };
}

export interface FixSetOptions extends GlobalOptions, AnalysisCliOptions { status?: string; owner?: string; inventoryOwner?: boolean; note?: string }

export async function fixSetCommand(fixId: string, options: FixSetOptions): Promise<void> {
  if (options.status !== undefined && !(SETTABLE_FIX_STATUSES as readonly string[]).includes(options.status)) {
    throw new ChokepointError('USAGE', `--status must be one of ${SETTABLE_FIX_STATUSES.join(', ')} (verified and resurfaced are set by scorings), got ${JSON.stringify(options.status)}`);
  }
  if (options.owner !== undefined && options.inventoryOwner) throw new ChokepointError('USAGE', '--owner and --inventory-owner exclude each other');
  const store = await storeFrom(options);
  try {
    const now = new Date().toISOString();
    const { record, evidence } = await recordFor(store, fixId, options, now);
    const next = changeFix(record, {
      ...(options.status !== undefined ? { status: options.status as SettableFixStatus } : {}),
      ...(options.owner !== undefined ? { owner: options.owner } : options.inventoryOwner ? { owner: null } : {}),
      ...(options.note ? { note: options.note } : {}),
    }, evidence, who(), now);
    await saveFixRecords(store, [next], now);
    output(options, next, () => `${next.fixId}: ${next.status}, owner ${next.owner ?? 'none'}, due ${next.sla.due} (${next.sla.tier})`);
  } finally {
    await store.close();
  }
}

export interface FixAcceptOptions extends GlobalOptions, AnalysisCliOptions { reason?: string; expires?: string; revoke?: boolean }

export async function fixAcceptCommand(fixId: string, options: FixAcceptOptions): Promise<void> {
  const store = await storeFrom(options);
  try {
    const now = new Date().toISOString();
    const policy = analysisOptions(options).policy!;
    let next: FixRecord;
    if (options.revoke) {
      const record = await getFixRecord(store, fixId);
      if (!record) throw new ChokepointError('NOT_FOUND', `fix ${fixId} is not tracked`);
      next = revokeAcceptance(record, who(), now);
    } else {
      if (!options.reason || !options.expires) throw new ChokepointError('USAGE', 'accepting a risk needs --reason and --expires (YYYY-MM-DD)');
      const { record } = await recordFor(store, fixId, options, now);
      next = acceptFix(record, { reason: options.reason, expires: options.expires }, who(), now, policy.sla.maxAcceptanceDays);
    }
    await saveFixRecords(store, [next], now);
    output(options, next, () => (next.acceptance
      ? `${next.fixId}: risk accepted until ${next.acceptance.expires} (leaves the plan at the next scoring: chokepoint score)`
      : `${next.fixId}: no risk acceptance (back in the plan at the next scoring)`));
  } finally {
    await store.close();
  }
}

export interface FixListOptions extends GlobalOptions { format?: string; status?: string }

export async function fixListCommand(options: FixListOptions): Promise<void> {
  const format = options.format ?? (options.json ? 'json' : 'table');
  if (!['table', 'csv', 'json'].includes(format)) throw new ChokepointError('USAGE', `--format must be table, csv or json, got ${JSON.stringify(format)}`);
  const store = await storeFrom(options);
  try {
    const now = new Date().toISOString();
    const records = [...(await listFixRecords(store)).values()].filter((r) => options.status === undefined || r.status === options.status);
    const rows = fixRows(records, now);
    if (format === 'json') process.stdout.write(`${JSON.stringify(records, null, 2)}\n`);
    // The same file as GET /api/exports/fixes?format=csv.
    else if (format === 'csv') process.stdout.write(renderExport('csv', FIX_COLUMNS, rows));
    else process.stdout.write(`${rows.length ? rows.map((r) => `${r.status}\t${r.due}${r.overdue === 'yes' ? ' OVERDUE' : ''}\t${r.owner || '-'}\t${r.fix_id}\t${r.action}${r.accepted_until ? `\t(accepted until ${r.accepted_until})` : ''}`).join('\n') : 'no tracked fixes (a scoring tracks the fixes of its plan: chokepoint score)'}\n`);
  } finally {
    await store.close();
  }
}
