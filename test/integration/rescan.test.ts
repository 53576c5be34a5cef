/**
 * Importer runs over time: re-importing the same scan changes nothing; a newer scan of the same source
 * removes the hosts and services it no longer sees, but not what another source (the inventory) asserts.
 */
import { describe, expect, it } from 'vitest';
import { STORE_FACTORIES, freshStorePerTest, type StoreFactory } from '../helpers/stores.js';
import { importFixture } from '../helpers/fixtures.js';
import { graphTuples } from '../helpers/graph-state.js';


describe.each(STORE_FACTORIES)('rescans on $name', (factory: StoreFactory) => {
  const { why, store } = freshStorePerTest(factory);

  it.skipIf(why)('same scan twice changes nothing; a newer scan drops what closed, keeps what the inventory asserts', async () => {
    await importFixture(store(), 'inventory', 'inventory/media-server.csv');
    await importFixture(store(), 'nmap', 'real/nmap/libnmap-os_scan5.xml'); // 4 hosts up incl. .3 and .5; 11 open ports
    const once = await graphTuples(store());
    const again = await importFixture(store(), 'nmap', 'real/nmap/libnmap-os_scan5.xml');
    expect(again.cleanup).toEqual({ nodesDeleted: 0, edgesDeleted: 0, nodesReleased: 0, edgesReleased: 0 });
    expect(await graphTuples(store())).toEqual(once);

    const newer = await importFixture(store(), 'nmap', 'real/nmap/libnmap-fullscan.xml'); // only .1 and .4 up; 9 open ports
    // Gone: host .3 (only nmap saw it) and the services 2869 and 5357 on .5; .5 itself stays: the inventory asserts it.
    expect(newer.cleanup).toMatchObject({ nodesDeleted: 3, nodesReleased: 1 });
    expect(await store().getNode('host:192.168.1.3')).toBeNull();
    expect(await store().getNode('svc:192.168.1.5:tcp/2869')).toBeNull();
    const media = await store().getNode('asset:media-server');
    expect(media?.sources).toEqual(['inventory']);
    expect(media?.criticality).toBe(4);
    const stats = await store().stats();
    expect(stats.nodes.Service).toBe(9);
    expect(stats.nodes.Host).toBe(3); // .1, .4 from the newer scan, and the inventory's media server
  });
});
