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
        const hit = graph.outEdges(step.from, step.to).map((e) => graph.getEdgeAttribute(e, 'kind'));
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

describe('identity resolution rules', () => {
  it('merges records of one batch that share a strong alias, never by a weak one, and never across unrelated kinds', async () => {
    const report = await loadBatch(store, {
      source: 'inventory', format: 'test', complete: true,
      nodes: [
        { id: 'asset:plc-7', kind: 'Controller', name: 'PLC 7', aliases: ['mac:00:1B:1B:AA:00:07', 'hostname:plc'], criticality: 9 },
        { id: 'host:10.31.0.7', kind: 'Host', name: '10.31.0.7', aliases: ['mac:00:1b:1b:aa:00:07', 'ip:10.31.0.7'] },
        { id: 'asset:hmi-1', kind: 'Hmi', name: 'HMI 1', aliases: ['hostname:plc'] },
        { id: 'user:plc', kind: 'User', name: 'plc', aliases: ['ip:10.31.0.7'] },
      ],
      edges: [{ kind: 'CanReach', from: 'asset:hmi-1', to: 'host:10.31.0.7', key: 'tcp/502' }],
    });
    expect(report.merges).toEqual([{ id: 'host:10.31.0.7', into: 'asset:plc-7', via: 'mac:00:1b:1b:aa:00:07', scope: 'batch' }]);
    expect(report.warnings).toEqual([expect.stringMatching(/user:plc shares ip:10\.31\.0\.7 with host:10\.31\.0\.7 but a User cannot be a Host; kept apart/)]);
    expect((await store.stats()).nodes).toEqual({ Controller: 1, Hmi: 1, User: 1 });
    const plc = await store.getNode('asset:plc-7');
    expect(plc).toMatchObject({ kind: 'Controller', criticality: 9 });
    const graph = await store.readSubgraph();
    expect(graph.edges('asset:hmi-1', 'asset:plc-7')).toHaveLength(1);
  });

  it('a later batch using an id that was merged away lands on the canonical node', async () => {
    await loadBatch(store, { source: 'a', format: 'test', complete: true, nodes: [{ id: 'host:x', kind: 'Host', name: 'x', aliases: ['fqdn:x.corp'] }], edges: [] });
    await loadBatch(store, { source: 'b', format: 'test', complete: true, nodes: [{ id: 'ad:S-1-5-21-9-1000', kind: 'Host', name: 'X', aliases: ['fqdn:X.corp'] }], edges: [] });
    const third = await loadBatch(store, {
      source: 'c', format: 'test', complete: true,
      nodes: [{ id: 'ad:S-1-5-21-9-1000', kind: 'Host', name: 'X', ref: true }, { id: 'user:y', kind: 'User', name: 'y' }],
      edges: [{ kind: 'HasSession', from: 'ad:S-1-5-21-9-1000', to: 'user:y' }],
    });
    expect(third.merges).toEqual([{ id: 'ad:S-1-5-21-9-1000', into: 'host:x', via: 'id', scope: 'store' }]);
    const graph = await store.readSubgraph();
    expect(graph.order).toBe(2);
    expect(graph.outEdges('host:x').map((e) => graph.getEdgeAttribute(e, 'kind'))).toEqual(['HasSession']);
  });
});
