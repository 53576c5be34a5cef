/**
 * The GraphStore contract, run against both stores: the embedded store and a real Neo4j 5.26 server
 * (started by the global setup). Graph state is asserted as sets of tuples.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  InvalidBatchError, alias, edgeId, type GraphBatch, type GraphStore,
} from '@chokepoint/queries';
import { generateDemoEstate, loadBatch } from '@chokepoint/importers';
import { STORE_FACTORIES, type StoreFactory } from '../helpers/stores.js';
import { graphTuples } from '../helpers/graph-state.js';

const small = (source: string, overrides: Partial<GraphBatch> = {}): GraphBatch => ({
  source, format: 'test', complete: true,
  nodes: [
    { id: 'host:10.0.0.1', kind: 'Host', name: 'alpha', aliases: [alias('ip', '10.0.0.1')] },
    { id: 'host:10.0.0.2', kind: 'Host', name: 'beta', criticality: 7 },
    { id: 'user:alice', kind: 'User', name: 'alice', exposure: 'phishable' },
  ],
  edges: [
    { kind: 'AdminTo', from: 'user:alice', to: 'host:10.0.0.1', evidence: ['test'] },
    { kind: 'HasSession', from: 'host:10.0.0.1', to: 'user:alice' },
  ],
  ...overrides,
});

describe.each(STORE_FACTORIES)('GraphStore contract: $name', (factory: StoreFactory) => {
  const why = factory.unavailable();
  if (why) console.warn(`[${factory.name}] contract suite not run: ${why}`);

  let store: GraphStore;
  let reopen: () => Promise<GraphStore>;
  let dispose: () => Promise<void>;
  beforeEach(async () => {
    if (why) return;
    ({ store, reopen, dispose } = await factory.open());
  });
  afterEach(async () => { if (!why) await dispose(); });

  it.skipIf(why)('re-importing the same batch changes nothing (idempotent)', async () => {
    const estate = generateDemoEstate({ size: 300, seed: 3 });
    for (const b of estate.batches) await loadBatch(store, b);
    const first = await graphTuples(store);
    const statsFirst = await store.stats();
    for (const b of estate.batches) await loadBatch(store, b);
    expect(await graphTuples(store)).toEqual(first);
    expect(await store.stats()).toEqual(statsFirst);
    expect(first.nodes.length).toBeGreaterThan(300);
    expect((await store.listRuns()).length).toBe(estate.batches.length * 2);
  });

  it.skipIf(why)('a batch that fails validation half way leaves no trace', async () => {
    await loadBatch(store, small('scanner'));
    const before = await graphTuples(store);
    const runsBefore = (await store.listRuns()).length;
    const bad = small('scanner');
    bad.nodes.push(...Array.from({ length: 500 }, (_, i) => ({ id: `host:10.1.0.${i}`, kind: 'Host' as const, name: `n${i}` })));
    bad.edges.push({ kind: 'AdminTo', from: 'user:alice', to: 'host:nowhere' });
    await expect(loadBatch(store, bad)).rejects.toThrow(/edges\[2\]\.to: "host:nowhere" is not a node of this batch/);
    expect(await graphTuples(store)).toEqual(before);
    expect((await store.listRuns()).length).toBe(runsBefore);
  });

  it.skipIf(why)('a write the store itself refuses half way is rolled back whole', async () => {
    await loadBatch(store, small('scanner'));
    const before = await graphTuples(store);
    const nodes = Array.from({ length: 2000 }, (_, i) => ({
      id: `host:10.2.${i >> 8}.${i & 255}`, kind: 'Host' as const, name: `n${i}`, domain: 'it' as const,
      criticality: null, exposure: null, purdueLevel: null, aliases: [], ref: false, props: {},
    }));
    const run = { id: 'run-bad', source: 'scanner', format: 'test', startedAt: new Date().toISOString(), files: [], complete: false };
    // The last edge names a node that exists neither in the run nor in the store.
    const edges = [{ eid: 'x', kind: 'AdminTo' as const, from: nodes[0]!.id, to: 'host:missing', key: null, p: null, props: {}, evidence: [] }];
    await expect(store.applyRun({ run, nodes, edges })).rejects.toBeInstanceOf(InvalidBatchError);
    expect(await graphTuples(store)).toEqual(before);
    expect((await store.listRuns()).map((r) => r.id)).not.toContain('run-bad');
  });

  it.skipIf(why)('cleanup is scoped to its source and never removes what another source asserts', async () => {
    await loadBatch(store, small('scanner/a'));
    await loadBatch(store, {
      source: 'inventory', format: 'test', complete: true,
      nodes: [{ id: 'host:10.0.0.2', kind: 'Host', name: 'beta', props: { owner: 'ops' } }],
      edges: [],
    });
    await loadBatch(store, { ...small('scanner/b'), nodes: [{ id: 'host:10.9.9.9', kind: 'Host', name: 'other-scope' }], edges: [] });
    // A newer complete run of scanner/a no longer sees beta nor the session.
    const report = await loadBatch(store, {
      ...small('scanner/a'),
      nodes: small('scanner/a').nodes.filter((n) => n.id !== 'host:10.0.0.2'),
      edges: small('scanner/a').edges.filter((e) => e.kind !== 'HasSession'),
    });
    expect(report.cleanup).toEqual({ nodesDeleted: 0, edgesDeleted: 1, nodesReleased: 1, edgesReleased: 0 });
    const beta = await store.getNode('host:10.0.0.2');
    expect(beta?.sources).toEqual(['inventory']);
    expect(beta?.props.owner).toBe('ops');
    expect(await store.getNode('host:10.9.9.9')).not.toBeNull();
    const { edges } = await graphTuples(store);
    expect(edges.map((e) => JSON.parse(e)[1])).toEqual(['AdminTo']);
    // The inventory's own empty complete run removes beta: nobody asserts it any more.
    const gone = await loadBatch(store, { source: 'inventory', format: 'test', complete: true, nodes: [], edges: [] });
    expect(gone.cleanup?.nodesDeleted).toBe(1);
    expect(await store.getNode('host:10.0.0.2')).toBeNull();
    // A partial (incomplete) batch never cleans up.
    const partial = await loadBatch(store, { source: 'scanner/a', format: 'test', complete: false, nodes: [], edges: [] });
    expect(partial.cleanup).toBeNull();
    expect(await store.getNode('host:10.0.0.1')).not.toBeNull();
  });

  it.skipIf(why)('one machine seen as an IP, an FQDN and an AD computer becomes one node with three sources', async () => {
    const nmap = await loadBatch(store, {
      source: 'nmap', format: 'test', complete: true,
      nodes: [
        { id: 'host:10.0.0.5', kind: 'Host', name: '10.0.0.5', aliases: [alias('ip', '10.0.0.5')], props: { os: 'Windows 10' } },
        { id: 'svc:10.0.0.5:tcp/445', kind: 'Service', name: 'smb', props: { port: 445 } },
      ],
      edges: [{ kind: 'Runs', from: 'host:10.0.0.5', to: 'svc:10.0.0.5:tcp/445' }],
    });
    expect(nmap.merges).toEqual([]);
    const dns = await loadBatch(store, {
      source: 'dns', format: 'test', complete: true,
      nodes: [{ id: 'host:ws1.corp.local', kind: 'Host', name: 'ws1.corp.local', aliases: [alias('fqdn', 'WS1.corp.local.'), alias('ip', '10.0.0.5')] }],
      edges: [],
    });
    expect(dns.merges).toEqual([{ id: 'host:ws1.corp.local', into: 'host:10.0.0.5', via: 'ip:10.0.0.5', scope: 'store' }]);
    const ad = await loadBatch(store, {
      source: 'sharphound', format: 'test', complete: true,
      nodes: [
        { id: 'ad:S-1-5-21-1-1104', kind: 'EngineeringWorkstation', name: 'WS1.CORP.LOCAL', aliases: [alias('sid', 'S-1-5-21-1-1104'), alias('fqdn', 'ws1.corp.local')], criticality: 7 },
        { id: 'ad:S-1-5-21-1-512', kind: 'Group', name: 'DOMAIN ADMINS' },
      ],
      edges: [{ kind: 'AdminTo', from: 'ad:S-1-5-21-1-512', to: 'ad:S-1-5-21-1-1104' }],
    });
    expect(ad.merges).toEqual([{ id: 'ad:S-1-5-21-1-1104', into: 'host:10.0.0.5', via: 'fqdn:ws1.corp.local', scope: 'store' }]);
    const node = await store.getNode('host:10.0.0.5');
    expect(node?.kind).toBe('EngineeringWorkstation');
    expect([...node!.sources].sort()).toEqual(['dns', 'nmap', 'sharphound']);
    expect(node?.criticality).toBe(7);
    expect(node?.props.os).toBe('Windows 10');
    expect([...node!.aliases].sort()).toEqual([
      'fqdn:ws1.corp.local', 'ip:10.0.0.5', 'sid:S-1-5-21-1-1104', 'xid:ad:S-1-5-21-1-1104', 'xid:host:ws1.corp.local',
    ]);
    const graph = await store.readSubgraph();
    expect(graph.order).toBe(3);
    expect(graph.inEdges('host:10.0.0.5').map((e) => graph.getEdgeAttribute(e, 'kind'))).toEqual(['AdminTo']);
    // The AD source re-importing the same computer by its own id lands on the same node (former id kept).
    const again = await loadBatch(store, {
      source: 'sharphound', format: 'test', complete: true,
      nodes: [{ id: 'ad:S-1-5-21-1-1104', kind: 'Host', name: 'WS1.CORP.LOCAL' }], edges: [],
    });
    expect(again.merges[0]?.into).toBe('host:10.0.0.5');
    expect((await store.stats()).nodes).toEqual({ EngineeringWorkstation: 1, Service: 1 });
  });

  it.skipIf(why)('a reference never overwrites facts another source set', async () => {
    await loadBatch(store, { source: 'ad', format: 'test', complete: true, nodes: [{ id: 'user:bob', kind: 'User', name: 'Bob Builder', criticality: 6, props: { title: 'CFO' } }], edges: [] });
    await loadBatch(store, { source: 'acl', format: 'test', complete: true, nodes: [{ id: 'user:bob', kind: 'User', name: 'S-1-5-21-9', ref: true, criticality: 1, props: { title: 'x', seenAs: 'ace' } }], edges: [] });
    const bob = await store.getNode('user:bob');
    expect(bob).toMatchObject({ name: 'Bob Builder', criticality: 6, ref: false, props: { title: 'CFO', seenAs: 'ace' } });
  });

  it.skipIf(why)('hostile names and ids round-trip unchanged and delete nothing (Cypher injection)', async () => {
    await loadBatch(store, small('scanner'));
    const evil = `x'}) DETACH DELETE n // "{}" \`; MATCH (m) DETACH DELETE m //`;
    await loadBatch(store, {
      source: 'evil', format: 'test', complete: true,
      nodes: [
        { id: evil, kind: 'Host', name: `${evil} <img src=x onerror=alert(1)>`, props: { note: evil } },
        { id: `user:${evil}`, kind: 'User', name: evil },
      ],
      edges: [{ kind: 'AdminTo', from: `user:${evil}`, to: evil, key: evil, evidence: [evil] }],
    });
    const node = await store.getNode(evil);
    expect(node?.name).toBe(`${evil} <img src=x onerror=alert(1)>`);
    expect(node?.props.note).toBe(evil);
    const stats = await store.stats();
    expect(stats.nodes.Host).toBe(3);
    expect(stats.nodes.User).toBe(2);
    expect(stats.edges.AdminTo).toBe(2);
    const lookup = await store.lookup([evil, `xid:${evil}`]);
    expect(lookup.get(evil)?.id).toBe(evil);
    // Edges by id: the hostile one with its evidence; unknown ids, other kinds' prefixes and junk are left out.
    const eid = edgeId('AdminTo', `user:${evil}`, evil, evil);
    const edges = await store.getEdges([eid, edgeId('AdminTo', 'user:nobody', evil), `NotAKind|${evil}`, evil, '']);
    expect(edges.map((e) => [e.eid, e.kind, e.from, e.to, e.key, e.evidence, e.sources])).toEqual([[eid, 'AdminTo', `user:${evil}`, evil, evil, [evil], ['evil']]]);
  });

  it.skipIf(why)('concurrent runs over the same nodes both commit (lock waits and deadlocks are retried)', async () => {
    const ids = Array.from({ length: 3000 }, (_, i) => `host:10.5.${i >> 8}.${i & 255}`);
    const batch = (source: string, order: string[]): GraphBatch => ({
      source, format: 'test', complete: true,
      nodes: [...order.map((id) => ({ id, kind: 'Host' as const, name: id, props: { seenBy: source } })), { id: `user:${source}`, kind: 'User', name: source }],
      edges: order.map((id) => ({ kind: 'HasSession' as const, from: id, to: `user:${source}` })),
    });
    const [a, b] = await Promise.all([loadBatch(store, batch('left', ids)), loadBatch(store, batch('right', [...ids].reverse()))]);
    expect(a.nodes.written + b.nodes.written).toBe(6002);
    const stats = await store.stats();
    expect(stats.nodes).toEqual({ Host: 3000, User: 2 });
    expect(stats.edges).toEqual({ HasSession: 6000 });
    expect((await store.getNode(ids[1234]!))?.sources.sort()).toEqual(['left', 'right']);
    expect((await store.listRuns()).map((r) => r.source).sort()).toEqual(['left', 'right']);
  });

  it.skipIf(why)('streams, subgraphs, runs and score runs read back what was written, also after reopening', async () => {
    const estate = generateDemoEstate({ size: 200, seed: 5 });
    for (const b of estate.batches) await loadBatch(store, b);
    await store.saveScoreRun({ id: 'score-1', createdAt: '2026-01-01T00:00:00.000Z', payload: { total: 1.5, targets: ['a'] } });
    // Markers: set, replaced, cleared; kept beside the graph (a node that does not exist yet may be marked).
    const at = '2026-01-02T00:00:00.000Z';
    await store.setMarker({ nodeId: 'ad:S-1', marker: 'owned', by: 'alice', at }, true);
    await store.setMarker({ nodeId: 'ad:S-1', marker: 'owned', by: 'bob', at }, true);
    await store.setMarker({ nodeId: 'not-imported-yet', marker: 'high-value', by: 'alice', at }, true);
    await store.setMarker({ nodeId: 'x', marker: 'owned', by: 'alice', at }, true);
    await store.setMarker({ nodeId: 'x', marker: 'owned', by: 'alice', at }, false);
    const markers = [{ nodeId: 'ad:S-1', marker: 'owned', by: 'bob', at }, { nodeId: 'not-imported-yet', marker: 'high-value', by: 'alice', at }];
    const byNode = (list: Awaited<ReturnType<GraphStore['listMarkers']>>) => [...list].sort((a, b) => a.nodeId.localeCompare(b.nodeId));
    expect(byNode(await store.listMarkers())).toEqual(markers);
    const tuples = await graphTuples(store);
    const stats = await store.stats();
    const edgeCount = Object.values(stats.edges).reduce((a, b) => a + (b ?? 0), 0);
    expect(tuples.edges.length).toBe(edgeCount);
    const ot = await store.readSubgraph({ domains: ['ot'], edgeKinds: ['Controls', 'InZone'] });
    expect(ot.order).toBe(stats.domains.ot);
    ot.forEachEdge((_e, attrs) => expect(['Controls', 'InZone']).toContain(attrs.kind));
    expect(ot.size).toBeGreaterThan(0);
    const reopened = await reopen();
    store = reopened;
    expect(await graphTuples(reopened)).toEqual(tuples);
    expect(await reopened.getScoreRun('score-1')).toEqual({ id: 'score-1', createdAt: '2026-01-01T00:00:00.000Z', payload: { total: 1.5, targets: ['a'] } });
    expect((await reopened.listScoreRuns()).map((r) => r.id)).toEqual(['score-1']);
    expect(byNode(await reopened.listMarkers())).toEqual(markers);
    const runs = await reopened.listRuns();
    expect(runs.map((r) => r.source)).toEqual(estate.batches.map((b) => b.source));
    expect(runs[0]!.cleanup).toEqual({ nodesDeleted: 0, edgesDeleted: 0, nodesReleased: 0, edgesReleased: 0 });
  });

  it.skipIf(why)('workflow documents are replaced by id, removed in the same step, kept apart from imports and survive reopening and compaction', async () => {
    const at = '2026-02-01T00:00:00.000Z';
    await store.writeDocuments([
      { collection: 'fix', id: 'remove:e1', updatedAt: at, body: { status: 'open', history: [{ what: 'opened' }] } },
      { collection: 'fix', id: 'patch:h1', updatedAt: at, body: { status: 'done' } },
      { collection: 'view', id: 'remove:e1', updatedAt: at, body: { name: 'same id, other collection' } },
    ]);
    // One step: a put and a removal together; a second put replaces.
    await store.writeDocuments([{ collection: 'fix', id: 'patch:h1', updatedAt: '2026-02-02T00:00:00.000Z', body: { status: 'verified', n: 1.25 } }], [{ collection: 'fix', id: 'remove:e1' }]);
    const expected = [{ collection: 'fix', id: 'patch:h1', updatedAt: '2026-02-02T00:00:00.000Z', body: { status: 'verified', n: 1.25 } }];
    expect(await store.listDocuments('fix')).toEqual(expected);
    expect(await store.getDocument('view', 'remove:e1')).toEqual({ collection: 'view', id: 'remove:e1', updatedAt: at, body: { name: 'same id, other collection' } });
    expect(await store.getDocument('fix', 'remove:e1')).toBeNull();
    // A complete import cleans up graph facts only.
    await loadBatch(store, small('scanner'));
    await loadBatch(store, small('scanner', { nodes: [], edges: [] }));
    const reopened = await reopen();
    store = reopened;
    if ('compact' in reopened && typeof reopened.compact === 'function') await (reopened as { compact: () => Promise<void> }).compact();
    const again = await reopen();
    store = again;
    expect(await again.listDocuments('fix')).toEqual(expected);
    expect((await again.listDocuments('view')).map((d) => d.id)).toEqual(['remove:e1']);
    expect(await again.listDocuments('report')).toEqual([]);
  });
});

describe('both stores hold the same graph after the same loads', () => {
  const why = STORE_FACTORIES.map((f) => f.unavailable()).filter(Boolean).join('; ');
  it.skipIf(why)('demo estate + a cleanup run give identical tuples', async () => {
    const results = [];
    for (const factory of STORE_FACTORIES) {
      const { store, dispose } = await factory.open();
      try {
        const estate = generateDemoEstate({ size: 400, seed: 11 });
        for (const b of estate.batches) await loadBatch(store, b);
        const shrunk = generateDemoEstate({ size: 250, seed: 11 }).batches.find((b) => b.source === 'demo/ad')!;
        await loadBatch(store, shrunk);
        results.push(await graphTuples(store));
      } finally {
        await dispose();
      }
    }
    expect(results[0]!.nodes.length).toBeGreaterThan(300);
    expect(results[1]).toEqual(results[0]);
  });
});
