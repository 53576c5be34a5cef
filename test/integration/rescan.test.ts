/**
 * Importer runs over time: re-importing the same scan changes nothing; a newer scan of the same source
 * removes the hosts and services it no longer sees, but not what another source (the inventory) asserts.
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GraphStore } from '@chokepoint/queries';
import { findImporter, loadBatch, openInput } from '@chokepoint/importers';
import { STORE_FACTORIES, type StoreFactory } from '../helpers/stores.js';
import { graphTuples } from '../helpers/graph-state.js';

const fixtures = join(import.meta.dirname, '../fixtures');
async function importFile(store: GraphStore, format: string, file: string) {
  const batch = await findImporter(format)!.parse([await openInput(join(fixtures, file))], {});
  return loadBatch(store, batch);
}

describe.each(STORE_FACTORIES)('rescans on $name', (factory: StoreFactory) => {
  const why = factory.unavailable();
  let store: GraphStore;
  let dispose: () => Promise<void>;
  beforeEach(async () => { if (!why) ({ store, dispose } = await factory.open()); });
  afterEach(async () => { if (!why) await dispose(); });

  it.skipIf(why)('same scan twice changes nothing; a newer scan drops what closed, keeps what the inventory asserts', async () => {
    await importFile(store, 'inventory', 'inventory/media-server.csv');
    await importFile(store, 'nmap', 'it/nmap/os_scan5.xml'); // 4 hosts up incl. .3 and .5; 11 open ports
    const once = await graphTuples(store);
    const again = await importFile(store, 'nmap', 'it/nmap/os_scan5.xml');
    expect(again.cleanup).toEqual({ nodesDeleted: 0, edgesDeleted: 0, nodesReleased: 0, edgesReleased: 0 });
    expect(await graphTuples(store)).toEqual(once);

    const newer = await importFile(store, 'nmap', 'it/nmap/fullscan.xml'); // only .1 and .4 up; 9 open ports
    // Gone: host .3 (only nmap saw it) and the services 2869 and 5357 on .5; .5 itself stays: the inventory asserts it.
    expect(newer.cleanup).toMatchObject({ nodesDeleted: 3, nodesReleased: 1 });
    expect(await store.getNode('host:192.168.1.3')).toBeNull();
    expect(await store.getNode('svc:192.168.1.5:tcp/2869')).toBeNull();
    const media = await store.getNode('asset:media-server');
    expect(media?.sources).toEqual(['inventory']);
    expect(media?.criticality).toBe(4);
    const stats = await store.stats();
    expect(stats.nodes.Service).toBe(9);
    expect(stats.nodes.Host).toBe(3); // .1, .4 from the newer scan, and the inventory's media server
  });
});
