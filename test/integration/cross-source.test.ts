/**
 * One PLC seen by three tools — an Nmap scan (IP + MAC), a Nessus scan (IP + MAC) and the asset
 * inventory (name, IP, MAC, Purdue level, criticality) — is one Controller node with three sources
 * and the union of their facts, on both stores.
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GraphStore } from '@chokepoint/queries';
import { findImporter, loadBatch, openInput } from '@chokepoint/importers';
import { STORE_FACTORIES, type StoreFactory } from '../helpers/stores.js';

const dir = join(import.meta.dirname, '../fixtures/cross');
async function importFile(store: GraphStore, format: string, file: string) {
  const batch = await findImporter(format)!.parse([await openInput(join(dir, file))], { options: { from: 'ot-monitoring' } });
  return loadBatch(store, batch);
}

describe.each(STORE_FACTORIES)('cross-source identity on $name', (factory: StoreFactory) => {
  const why = factory.unavailable();
  let store: GraphStore;
  let dispose: () => Promise<void>;
  beforeEach(async () => { if (!why) ({ store, dispose } = await factory.open()); });
  afterEach(async () => { if (!why) await dispose(); });

  it.skipIf(why)('Nmap + Nessus + inventory make one Controller with three sources', async () => {
    await importFile(store, 'nmap', 'plc7-nmap.xml');
    const nessus = await importFile(store, 'nessus', 'plc7.nessus');
    expect(nessus.merges).toEqual([]); // same id (host:<ip>) as Nmap: the same node, not a merge
    const inventory = await importFile(store, 'inventory', 'plc7-inventory.csv');
    expect(inventory.merges).toEqual([{ id: 'asset:plc-7', into: 'host:10.31.0.7', via: 'mac:00:1b:1b:aa:00:07', scope: 'store' }]);
    const plc = await store.getNode('host:10.31.0.7');
    expect(plc?.kind).toBe('Controller');
    expect([...plc!.sources].sort()).toEqual(['inventory', 'nessus', 'nmap']);
    expect(plc).toMatchObject({ domain: 'ot', purdueLevel: 1, criticality: 9 });
    expect(plc?.props).toMatchObject({ macVendor: 'Siemens', assetRole: 'plc' });
    expect(plc?.props.os).toBe('Siemens SIMATIC S7-1500'); // Nessus imported after Nmap: last write wins
    const stats = await store.stats();
    expect(stats.nodes.Controller).toBe(1);
    expect(stats.nodes.Host ?? 0).toBe(0);
    expect(stats.nodes.Service).toBe(2); // tcp/102 and tcp/80, the latter seen by Nmap and Nessus
    const graph = await store.readSubgraph();
    const http = graph.getNodeAttributes('svc:10.31.0.7:tcp/80');
    expect([...http.sources].sort()).toEqual(['nessus', 'nmap']);
    expect(graph.outEdges('svc:10.31.0.7:tcp/80').map((e) => graph.getEdgeAttribute(e, 'kind'))).toEqual(['HasVulnerability']);
  });
});
