/**
 * The fix lifecycle across imports, on both stores: a fix claimed done is verified by the scoring after
 * the import that removed its edge, resurfaced (naming the run) when a later import brings the edge
 * back; an accepted fix leaves the plan until its acceptance expires, then comes back and says so.
 */
import { describe, expect, it } from 'vitest';
import {
  acceptFix, changeFix, listFixRecords, remediationPlan, saveFixRecords, scoreAndTrack, type GraphStore,
} from '@chokepoint/queries';
import { loadBatch } from '@chokepoint/importers';
import { STORE_FACTORIES, freshStorePerTest } from '../helpers/stores.js';
import { ADMIN_FIX, VENDOR_FIX, lifecycleEstate } from '../helpers/lifecycle-estate.js';

const day = (n: number) => new Date(Date.parse('2027-01-01T00:00:00.000Z') + n * 86_400_000);
const plannedFixes = async (store: GraphStore, now: Date) => (await scoreAndTrack(store, {}, now)).model;

describe.each(STORE_FACTORIES)('fix lifecycle: $name', (factory) => {
  const { why, store } = freshStorePerTest(factory);

  it.skipIf(why)('done → verified when an import removes its edge → resurfaced when a later import brings it back, naming the run', async () => {
    const first = await loadBatch(store(), lifecycleEstate(true));
    const one = await scoreAndTrack(store(), {});
    expect(one.lifecycle.filter((e) => e.type === 'fix.opened').map((e) => e.fixId).sort()).toEqual([ADMIN_FIX, VENDOR_FIX]);
    let records = await listFixRecords(store());
    const tracked = records.get(ADMIN_FIX)!;
    const due = (days: number) => new Date(Date.parse(tracked.trackedSince) + days * 86_400_000).toISOString().slice(0, 10);
    expect(tracked).toMatchObject({ status: 'open', owner: 'dba team', ownerFrom: 'inventory', sla: { tier: 'critical', days: 15, due: due(15) }, facts: [ADMIN_FIX.slice('edge:'.length)] });
    expect(records.get(VENDOR_FIX)!.sla).toEqual({ tier: 'high', days: 30, due: due(30) });
    const claimed = new Date().toISOString();
    await saveFixRecords(store(), [changeFix(tracked, { status: 'done', note: 'removed from local admins' }, undefined, 'alice@risk', claimed)], claimed);

    // Import 2 no longer sees the edge: the next scoring verifies the fix and names the run that removed it.
    const second = await loadBatch(store(), lifecycleEstate(false));
    const two = await scoreAndTrack(store(), {});
    expect(two.lifecycle.map((e) => [e.type, e.fixId])).toEqual([['fix.verified', ADMIN_FIX]]);
    records = await listFixRecords(store());
    expect(records.get(ADMIN_FIX)).toMatchObject({ status: 'verified', verified: { scoreRun: two.run.id, runs: [{ source: 'directory', runId: second.runId }] } });
    expect(first.runId).not.toBe(second.runId);
    // A scoring with nothing new changes nothing and says nothing.
    expect((await scoreAndTrack(store(), {})).lifecycle).toEqual([]);

    // Import 3 brings the edge back: resurfaced, with the import run and source that brought it.
    const third = await loadBatch(store(), lifecycleEstate(true));
    const four = await scoreAndTrack(store(), {});
    expect(four.lifecycle.map((e) => [e.type, e.fixId, e.runs])).toEqual([['fix.resurfaced', ADMIN_FIX, [{ source: 'directory', runId: third.runId }]]]);
    records = await listFixRecords(store());
    const back = records.get(ADMIN_FIX)!;
    expect(back).toMatchObject({ status: 'resurfaced', resurfaced: { scoreRun: four.run.id, runs: [{ source: 'directory', runId: third.runId }] } });
    expect(back.history.map((h) => h.by)).toEqual(['scoring', 'alice@risk', 'scoring', 'scoring']);
    expect(back.history[1]!.change).toBe('status open → done; note: removed from local admins');
  });

  it.skipIf(why)('an accepted fix leaves the plan until its acceptance expires, then is back and the expiry is recorded once', async () => {
    await loadBatch(store(), lifecycleEstate(true));
    await scoreAndTrack(store(), {}, day(0));
    const record = (await listFixRecords(store())).get(VENDOR_FIX)!;
    const accepted = acceptFix(record, { reason: 'vendor contract ends in March; jump host planned', expires: day(10).toISOString() }, 'ciso', day(1).toISOString(), 365);
    await saveFixRecords(store(), [accepted], day(1).toISOString());

    const inPlan = (model: Awaited<ReturnType<typeof plannedFixes>>) => remediationPlan(model).rows.map((r) => r.fixId);
    const during = await plannedFixes(store(), day(5));
    expect(inPlan(during)).not.toContain(VENDOR_FIX);
    expect(inPlan(during)).toContain(ADMIN_FIX);

    const after = await scoreAndTrack(store(), {}, day(11));
    expect(inPlan(after.model)).toContain(VENDOR_FIX);
    expect(after.lifecycle.map((e) => [e.type, e.fixId])).toEqual([['acceptance.expired', VENDOR_FIX]]);
    const lifted = (await listFixRecords(store())).get(VENDOR_FIX)!;
    expect(lifted.acceptance).toBeNull();
    expect(lifted.history.at(-1)!.change).toMatch(/^risk acceptance expired \(2027-01-11T00:00:00.000Z; was: vendor contract ends in March; jump host planned, approved by ciso\): back in the plan$/);
    expect((await scoreAndTrack(store(), {}, day(12))).lifecycle).toEqual([]);
  });
});
