/** Markers survive the embedded store's compaction: a snapshot carries them, and replay after it too. */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedStore } from '@chokepoint/queries';

let dir: string;
beforeAll(async () => { dir = await mkdtemp(join(tmpdir(), 'chokepoint-markers-')); });
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

describe('embedded store markers', () => {
  it('a snapshot written after markers were set holds them; a marker cleared after it stays cleared', async () => {
    const at = '2026-12-01T00:00:00.000Z';
    const store = new EmbeddedStore({ dataDir: dir, maxSegments: 2 });
    await store.init();
    await store.setMarker({ nodeId: 'a', marker: 'owned', by: 'x', at }, true);
    await store.setMarker({ nodeId: 'b', marker: 'high-value', by: 'x', at }, true);
    await store.saveScoreRun({ id: 's1', createdAt: at, payload: {} }); // the third op compacts into a snapshot
    expect((await readdir(dir)).some((f) => f.startsWith('snapshot-'))).toBe(true);
    await store.setMarker({ nodeId: 'a', marker: 'owned', by: 'x', at }, false);
    await store.close();
    const reopened = new EmbeddedStore({ dataDir: dir });
    await reopened.init();
    expect(await reopened.listMarkers()).toEqual([{ nodeId: 'b', marker: 'high-value', by: 'x', at }]);
    await reopened.close();
  });
});
