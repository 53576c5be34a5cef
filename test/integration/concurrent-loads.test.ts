/**
 * Loads at the same time through one store: results never depend on timing. Eight batches naming one
 * machine by the same IP alias (under different ids, from different sources), loaded at once, make one
 * node — as loading them one after the other does. Before loads were serialised they made eight.
 */
import { describe, expect, it } from 'vitest';
import { alias, type GraphBatch, type StoredNode } from '@chokepoint/queries';
import { loadBatch } from '@chokepoint/importers';
import { embedded, freshStorePerTest } from '../helpers/stores.js';

const batch = (i: number): GraphBatch => ({
  source: `scanner-${i}`, format: 'batch', complete: true, files: [],
  nodes: [{ id: `host:seen-by-${i}`, kind: 'Host', name: `seen by ${i}`, aliases: [alias('ip', '10.9.9.9')] }],
  edges: [],
});

describe('concurrent loads (embedded store)', () => {
  const { store } = freshStorePerTest(embedded);

  it('eight loads sharing one IP alias, started together, give one node with eight sources', async () => {
    const reports = await Promise.all(Array.from({ length: 8 }, (_, i) => loadBatch(store(), batch(i))));
    expect(reports.map((r) => r.nodes.written)).toEqual(Array(8).fill(1));
    const hosts: StoredNode[] = [];
    for await (const page of store().streamNodes()) hosts.push(...page.filter((n) => n.kind === 'Host'));
    expect(hosts).toHaveLength(1);
    expect(hosts[0]!.sources).toHaveLength(8);
    expect((await store().listRuns()).length).toBe(8); // every reported run is stored
  });
});
