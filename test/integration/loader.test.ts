/** The loader on the demo estate: overlapping sources merge, planted routes land on canonical ids. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EmbeddedStore } from '@chokepoint/queries';
import { DEMO_IDS, generateDemoEstate, loadBatch, type LoadReport } from '@chokepoint/importers';

let dir: string;
let store: EmbeddedStore;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chokepoint-loader-'));
  store = new EmbeddedStore({ dataDir: dir });
  await store.init();
});
afterEach(async () => { await store.close(); await rm(dir, { recursive: true, force: true }); });

describe('loading the demo estate', () => {
  it('merges every scanned machine into its AD computer and keeps planted routes intact', async () => {
    const estate = generateDemoEstate({ size: 1000, seed: 2 });
    const reports: LoadReport[] = [];
    for (const b of estate.batches) reports.push(await loadBatch(store, b));
    const network = reports.find((r) => r.source === 'demo/network')!;
    const adMachines = estate.batches.find((b) => b.source === 'demo/ad')!.nodes.filter((n) => n.kind === 'Host').length;
    expect(network.merges).toHaveLength(adMachines);
    expect(network.merges.every((m) => m.via.startsWith('fqdn:') && m.into.startsWith('ad:'))).toBe(true);
    const ws = await store.getNode(DEMO_IDS.adminWorkstation);
    expect(ws?.sources.sort()).toEqual(['demo/ad', 'demo/network']);
    expect(ws?.aliases).toContain('ip:10.20.0.1');
    const graph = await store.readSubgraph();
    for (const route of estate.planted) {
      for (const step of route.steps.filter((s) => !s.derived)) {
        const hit = graph.edges(step.from, step.to).map((e) => graph.getEdgeAttribute(e, 'kind'));
        expect(hit, `${route.name}: ${step.kind} ${step.from} → ${step.to}`).toContain(step.kind);
      }
    }
    expect(reports.flatMap((r) => r.warnings)).toEqual([]);
  });

  it('the same ids in two batches keep one node, and a reference adds no facts', async () => {
    const estate = generateDemoEstate({ size: 200 });
    for (const b of estate.batches) await loadBatch(store, b);
    const jump = await store.getNode(DEMO_IDS.otJump);
    expect(jump?.sources.sort()).toEqual(['demo/ot-inventory', 'demo/vendor-access']);
    expect(jump?.purdueLevel).toBe(3.5);
    expect(jump?.ref).toBe(false);
  });
});
