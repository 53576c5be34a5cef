/**
 * Signals on both stores: the demo's planted chain (vendor VPN login → RDP to the OT jump host → S7
 * download to the cooling PLC) is the first finding; without its middle signal there is no chain;
 * past the window the chain is gone; signals whose subjects the graph does not know are reported.
 */
import { describe, expect, it } from 'vitest';
import { DEMO_CHAIN, DEMO_IDS, demoSignals, generateDemoEstate, loadBatch } from '@chokepoint/importers';
import { analyseSignals, attachStoredSignals, loadModel, scoreModel, type GraphStore } from '@chokepoint/queries';
import { STORE_FACTORIES, freshStorePerTest } from '../helpers/stores.js';

const NOW = new Date('2026-11-20T12:00:00.000Z');

async function loadDemo(store: GraphStore, keep: (id: string) => boolean = () => true) {
  const estate = generateDemoEstate({ size: 300, seed: 3 });
  const signals = demoSignals(estate, NOW);
  for (const b of estate.batches) await loadBatch(store, b);
  const report = await loadBatch(store, { ...signals, signals: signals.signals!.filter((s) => keep(s.id)) });
  return { report, stored: signals.signals!.filter((s) => keep(s.id)).length };
}

async function analyse(store: GraphStore, now = NOW) {
  const model = await loadModel(store);
  return analyseSignals(model, scoreModel(model), await attachStoredSignals(store), { now });
}

describe.each(STORE_FACTORIES)('signals: $name', (factory) => {
  const { why, store } = freshStorePerTest(factory);

  it.skipIf(why)('the planted chain is the first finding, in attack order, with the next step and the fix that cuts it; unattached signals are reported', async () => {
    const { report, stored } = await loadDemo(store());
    expect(report.signals).toBe(stored);
    const a = await analyse(store());
    expect(a.signals).toBe(stored);
    expect(a.chains[0]!.signals.map((s) => s.id)).toEqual([...DEMO_CHAIN]);
    expect(a.chains[0]!.target.id).toBe(DEMO_IDS.coolingPlc);
    expect(a.chains[0]!.signals.map((s) => s.node.id)).toEqual([DEMO_IDS.acmeVpn, DEMO_IDS.otJump, DEMO_IDS.ews]);
    expect(a.chains[0]!.next.map((s) => [s.kind, s.to])).toEqual([['Controls', DEMO_IDS.coolingPlc]]);
    expect(a.chains[0]!.fix?.fixId).toMatch(/^edge:Controls\|host:10\.32\.0\.20\|host:10\.31\.0\.11/);
    expect(a.chains[0]!.flags).toEqual(expect.arrayContaining(['vendor→ot']));
    // Signals raise the risk: the scoring with them is above the one without.
    expect(a.scoreWith).toBeGreaterThan(a.scoreWithout);
    expect(a.unattached).toBe(5);
    expect(a.unattachedSignals.every((u) => /^no node is known as ip:203\.0\.113\.\d+$/.test(u.reason))).toBe(true);
    // Re-importing the same signals adds nothing (ids are stable).
    await loadBatch(store(), demoSignals(generateDemoEstate({ size: 300, seed: 3 }), NOW));
    expect((await analyse(store())).signals).toBe(stored);
    // Past the window (72 h from the first signal), the chain is gone.
    const later = await analyse(store(), new Date(NOW.getTime() + 50 * 3_600_000));
    expect(later.chains.filter((c) => c.signals.some((s) => s.id === DEMO_CHAIN[0]))).toEqual([]);
  });

  it.skipIf(why)('without the RDP signal in the middle, the VPN login and the S7 download are too far apart to be a chain', async () => {
    await loadDemo(store(), (id) => id !== DEMO_CHAIN[1]);
    const a = await analyse(store());
    expect(a.chains.filter((c) => c.signals.some((s) => (DEMO_CHAIN as readonly string[]).includes(s.id)))).toEqual([]);
  });
});
