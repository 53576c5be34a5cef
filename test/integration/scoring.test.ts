/**
 * The scoring engine on the demo estate, read from each real store: planted routes are the top routes
 * to their targets, the plan's first fixes cut them, what-if agrees with the plan, score runs persist,
 * and a diff names the vendor grant whose removal closed a route.
 */
import { describe, expect, it } from 'vitest';
import { DEMO_IDS, generateDemoEstate, loadBatch } from '@chokepoint/importers';
import {
  asScoreRun, describeRoute, diffStoredScoreRuns, edgeId, fixCandidates, loadModel, remediationPlan, scoreModel, scoreStore, topKPaths, whatIf,
  type GraphStore,
} from '@chokepoint/queries';
import { STORE_FACTORIES, freshStorePerTest, type StoreFactory } from '../helpers/stores.js';

async function loadDemo(store: GraphStore, skipEdge?: string) {
  const estate = generateDemoEstate({ size: 300, seed: 3 });
  for (const batch of estate.batches) {
    const edges = skipEdge ? batch.edges.filter((e) => edgeId(e.kind, e.from, e.to, e.key ?? null) !== skipEdge) : batch.edges;
    await loadBatch(store, { ...batch, edges });
  }
  return estate;
}

describe.each(STORE_FACTORIES)('scoring on $name', (factory: StoreFactory) => {
  const { why, store } = freshStorePerTest(factory);

  it.skipIf(why)('finds every planted route as a top route; the first plan rows cut them; what-if equals the plan rows', async () => {
    const estate = await loadDemo(store());
    const model = await loadModel(store());
    const scoring = scoreModel(model);
    for (const planted of estate.planted) {
      const target = model.indexOf.get(planted.target)!;
      const [best] = topKPaths(model, target, 1, { entries: new Set([model.indexOf.get(planted.entry)!]) });
      const route = describeRoute(model, best!.positions);
      expect(route.steps.map((s) => [s.kind, s.from, s.to]), planted.name).toEqual(planted.steps.map((s) => [s.kind, s.from, s.to]));
      // A top route: as likely as the best route to the target from any entry.
      expect(route.risk, planted.name).toBeCloseTo(scoring.risk[target]!, 12);
    }
    const plan = remediationPlan(model, { steps: 6 });
    expect(plan.rows.length).toBeGreaterThanOrEqual(5);
    const candidates = fixCandidates(model);
    for (const planted of estate.planted) {
      const target = model.indexOf.get(planted.target)!;
      const [best] = topKPaths(model, target, 1, { entries: new Set([model.indexOf.get(planted.entry)!]) });
      const cutBy = plan.rows.slice(0, 5).filter((r) => candidates.get(r.fixId)!.positions.some((p) => best!.positions.includes(p)));
      expect(cutBy.length, `${planted.name} is cut by one of the first five fixes`).toBeGreaterThan(0);
    }
    const first = whatIf(model, { fixes: [plan.rows[0]!.fixId] });
    expect(first.removed).toBeCloseTo(plan.rows[0]!.riskRemoved, 9);
    const three = whatIf(model, { fixes: plan.rows.slice(0, 3).map((r) => r.fixId) });
    expect(three.after).toBeCloseTo(plan.rows[2]!.riskAfter, 9);
    expect(plan.rows[0]!.explain).toMatch(/re-scored total/);
  });

  it.skipIf(why)('stores score runs, and a diff names the vendor grant whose removal closed the route to the PLC', async () => {
    await loadDemo(store());
    const before = await scoreStore(store());
    const grant = edgeId('VendorAccess', DEMO_IDS.acme, DEMO_IDS.acmeVpn);
    await new Promise((r) => setTimeout(r, 5)); // distinct timestamps for the runs
    // The vendor-access source re-imported without Acme's grant (a complete batch: its stale claims are dropped).
    const estate = generateDemoEstate({ size: 300, seed: 3 });
    const vendor = estate.batches.find((b) => b.source === 'demo/vendor-access')!;
    const report = await loadBatch(store(), { ...vendor, edges: vendor.edges.filter((e) => edgeId(e.kind, e.from, e.to, e.key ?? null) !== grant) });
    await new Promise((r) => setTimeout(r, 5));
    const after = await scoreStore(store());
    const stored = await store().listScoreRuns();
    expect(stored.map((r) => r.id).sort()).toEqual([before.run.id, after.run.id].sort());
    expect(asScoreRun((await store().getScoreRun(before.run.id))!)).toEqual(JSON.parse(JSON.stringify(before.run)));
    const diff = await diffStoredScoreRuns(store(), (await store().getScoreRun(before.run.id))!, (await store().getScoreRun(after.run.id))!);
    const closed = diff.closedRoutes.find((c) => c.target === DEMO_IDS.coolingPlc);
    expect(closed, 'the route to the cooling PLC closed').toBeDefined();
    expect(closed!.causes.join('\n')).toContain(`VendorAccess ${DEMO_IDS.acme} → ${DEMO_IDS.acmeVpn}`);
    expect(closed!.causes.join('\n')).toContain(`removed by run ${report.runId} (demo/vendor-access`);
    expect(diff.importRuns.map((r) => r.id)).toEqual([report.runId]);
    expect(diff.delta).toBeLessThan(0);
    expect(diff.riskChanges.find((r) => r.target === DEMO_IDS.coolingPlc)!.after).toBe(0);
  });
});
