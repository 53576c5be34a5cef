/**
 * Across domains, on both stores: an AD computer (SharpHound), an Nmap host and an inventory asset are
 * one node; a vendor grant into an OT zone is an entry point whose scored route reaches the PLC in it.
 */
import { describe, expect, it } from 'vitest';
import { describeRoute, loadModel, routeTo, scoreModel } from '@chokepoint/queries';
import { STORE_FACTORIES, freshStorePerTest, type StoreFactory } from '../helpers/stores.js';
import { importFixture } from '../helpers/fixtures.js';

const DOMAIN = 'S-1-5-21-3130019616-2776909439-2417379446';

describe.each(STORE_FACTORIES)('cross-domain on $name', (factory: StoreFactory) => {
  const { why, store } = freshStorePerTest(factory);

  it.skipIf(why)('SharpHound computer ↔ Nmap host ↔ inventory asset merge into one engineering workstation', async () => {
    await importFixture(store(), 'sharphound', ['computers', 'users', 'groups', 'domains'].map((t) => `real/sharphound/v6-ingest/${t}.json`));
    const nmap = await importFixture(store(), 'nmap', 'cross/win10-nmap.xml');
    expect(nmap.merges).toContainEqual(expect.objectContaining({ into: `ad:${DOMAIN}-1104`, via: 'fqdn:win10.testlab.local' }));
    await importFixture(store(), 'inventory', 'cross/win10-inventory.csv');
    const node = await store().getNode(`ad:${DOMAIN}-1104`);
    expect(node).toMatchObject({ kind: 'EngineeringWorkstation', name: expect.any(String), purdueLevel: 3, criticality: 7 });
    expect([...node!.sources].sort()).toEqual(['inventory', 'nmap', 'sharphound']);
    expect(node!.aliases).toEqual(expect.arrayContaining([`sid:${DOMAIN}-1104`, 'fqdn:win10.testlab.local', 'ip:192.168.56.20']));
    expect(await store().getNode('host:192.168.56.20')).toBeNull();
    // The AD facts still hang off the merged node: the local admin and the session.
    const graph = await store().readSubgraph({ edgeKinds: ['AdminTo', 'HasSession', 'Runs'] });
    expect(graph.inEdges(`ad:${DOMAIN}-1104`).map((e) => graph.getEdgeAttribute(e, 'kind'))).toContain('AdminTo');
    expect(graph.outEdges(`ad:${DOMAIN}-1104`).map((e) => graph.getEdgeAttribute(e, 'kind'))).toEqual(expect.arrayContaining(['HasSession', 'Runs']));
  });

  it.skipIf(why)('a vendor grant into the PLC zone is an entry point whose route reaches the PLC', async () => {
    await importFixture(store(), 'nmap', 'cross/plc7-nmap.xml', { from: 'ot-monitoring' });
    await importFixture(store(), 'inventory', 'cross/plc7-inventory.csv');
    await importFixture(store(), 'vendor-access', 'cross/plc7-grants.csv');
    const model = await loadModel(store());
    const scoring = scoreModel(model);
    const plc = model.indexOf.get('host:10.31.0.7')!;
    expect(scoring.risk[plc]).toBeGreaterThan(0);
    const route = describeRoute(model, routeTo(model.graph, scoring.paths, plc)!);
    expect(route.entry).toBe('vendor:acme-controls');
    expect(route.steps.map((s) => `${s.kind} ${s.to}`)).toEqual(['VendorAccess access:acme-site-to-site-vpn', 'ProvidesAccess zone:ot-field', 'Controls host:10.31.0.7']);
    expect(route.steps[2]!.key).toBe('s7comm');
    expect(route.flags).toEqual(['vendor→ot']);
    expect(route.risk).toBeCloseTo(0.6 * 0.6 * 0.9 * 0.6 * 9, 12);
  });
});
