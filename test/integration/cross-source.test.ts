/**
 * One PLC seen by three tools — an Nmap scan (IP + MAC), a Nessus scan (IP + MAC) and the asset
 * inventory (name, IP, MAC, Purdue level, criticality) — is one Controller node with three sources
 * and the union of their facts, on both stores.
 */
import { describe, expect, it } from 'vitest';
import { STORE_FACTORIES, freshStorePerTest, type StoreFactory } from '../helpers/stores.js';
import { importFixture } from '../helpers/fixtures.js';

describe.each(STORE_FACTORIES)('cross-source identity on $name', (factory: StoreFactory) => {
  const { why, store } = freshStorePerTest(factory);
  const importFile = (format: string, file: string) => importFixture(store(), format, `cross/${file}`, { from: 'ot-monitoring' });

  it.skipIf(why)('Nmap + Nessus + inventory make one Controller with three sources', async () => {
    await importFile('nmap', 'plc7-nmap.xml');
    const nessus = await importFile('nessus', 'plc7.nessus');
    expect(nessus.merges).toEqual([]); // same id (host:<ip>) as Nmap: the same node, not a merge
    const inventory = await importFile('inventory', 'plc7-inventory.csv');
    expect(inventory.merges).toEqual([{ id: 'asset:plc-7', into: 'host:10.31.0.7', via: 'mac:00:1b:1b:aa:00:07', scope: 'store' }]);
    const plc = await store().getNode('host:10.31.0.7');
    expect(plc?.kind).toBe('Controller');
    expect([...plc!.sources].sort()).toEqual(['inventory', 'nessus', 'nmap']);
    expect(plc).toMatchObject({ domain: 'ot', purdueLevel: 1, criticality: 9 });
    expect(plc?.props).toMatchObject({ macVendor: 'Siemens', assetRole: 'plc' });
    expect(plc?.props.os).toBe('Siemens SIMATIC S7-1500'); // Nessus imported after Nmap: last write wins
    const stats = await store().stats();
    expect(stats.nodes.Controller).toBe(1);
    expect(stats.nodes.Host ?? 0).toBe(0);
    expect(stats.nodes.Service).toBe(2); // tcp/102 and tcp/80, the latter seen by Nmap and Nessus
    const graph = await store().readSubgraph();
    const http = graph.getNodeAttributes('svc:10.31.0.7:tcp/80');
    expect([...http.sources].sort()).toEqual(['nessus', 'nmap']);
    expect(graph.outEdges('svc:10.31.0.7:tcp/80').map((e) => graph.getEdgeAttribute(e, 'kind'))).toEqual(['HasVulnerability']);
  });
});
