/**
 * Ground truth for the importers: the demo estate exported as real formats (SharpHound v6 JSON, AWS CLI
 * JSON, the vendor-access CSV, the agent inventory YAML; GraphBatch for the rest and for the facts those
 * formats cannot carry) and re-imported through the importers is the same graph — the same nodes and
 * kinds, the same edges, the same scores and routes — as the estate loaded directly.
 */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exportDemoEstate, findImporter, generateDemoEstate, loadBatch, openInput } from '@chokepoint/importers';
import { EmbeddedStore, describeRoute, loadModel, routeTo, scoreModel, type GraphStore } from '@chokepoint/queries';

const dirs: string[] = [];
afterAll(async () => { for (const d of dirs) await rm(d, { recursive: true, force: true }); });

async function open(): Promise<{ store: GraphStore; dir: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'chokepoint-export-'));
  dirs.push(dir);
  const store = new EmbeddedStore({ dataDir: join(dir, 'store') });
  await store.init();
  return { store, dir };
}

async function shape(store: GraphStore): Promise<{ nodes: string[]; edges: string[] }> {
  const nodes: string[] = [], edges: string[] = [];
  for await (const page of store.streamNodes()) for (const n of page) nodes.push(`${n.kind} ${n.id} crit=${n.criticality} exp=${n.exposure}`);
  for await (const page of store.streamEdges()) for (const e of page) edges.push(`${e.kind} ${e.from} → ${e.to}${e.key ? ` [${e.key}]` : ''}`);
  return { nodes: nodes.sort(), edges: edges.sort() };
}

describe('demo estate exported as real formats', () => {
  it('re-imports through the importers to the same graph, scores and routes', async () => {
    const estate = generateDemoEstate({ size: 400, seed: 11 });
    const direct = await open();
    for (const b of estate.batches) await loadBatch(direct.store, b);

    const viaFiles = await open();
    const files = exportDemoEstate(generateDemoEstate({ size: 400, seed: 11 }));
    for (const f of files) {
      await mkdir(dirname(join(viaFiles.dir, f.path)), { recursive: true });
      await writeFile(join(viaFiles.dir, f.path), f.content);
    }
    expect(files.map((f) => f.format).sort()).toEqual(['agents', 'aws', 'aws', 'aws', 'batch', 'batch', 'batch', 'batch', 'sharphound', 'sharphound', 'sharphound', 'sharphound', 'vendor-access']);
    // In the estate's source order (AD first, as in the demo), each source through its importer; extras last.
    const written: Record<string, number> = {};
    const order = ['sharphound', 'batches/demo-network', 'aws', 'batches/demo-ot-inventory', 'batches/demo-iot-inventory', 'vendor-access', 'agents', 'batches/extras'];
    for (const group of order) {
      const members = files.filter((f) => f.path.startsWith(`${group}/`) || f.path === `${group}.json`);
      expect(members.length, group).toBeGreaterThan(0);
      const inputs = await Promise.all(members.map((m) => openInput(join(viaFiles.dir, m.path))));
      const batch = await findImporter(members[0]!.format)!.parse(inputs, {});
      const report = await loadBatch(viaFiles.store, batch);
      written[group] = report.edges.written;
    }
    // Each real format carries its share of the graph (not the extras).
    expect(written.sharphound).toBeGreaterThan(1500);
    expect(written.aws).toBeGreaterThan(10);
    expect(written['vendor-access']).toBe(4);
    expect(written.agents).toBe(4);
    expect(written['batches/extras']).toBe(1); // the CVE on the web server

    const a = await shape(direct.store), b = await shape(viaFiles.store);
    expect(b.nodes).toEqual(a.nodes);
    expect(b.edges).toEqual(a.edges);
    expect(a.edges.length).toBeGreaterThan(3000);
    const [ma, mb] = [await loadModel(direct.store), await loadModel(viaFiles.store)];
    const [sa, sb] = [scoreModel(ma), scoreModel(mb)];
    expect(sb.total).toBeCloseTo(sa.total, 9);
    for (const planted of estate.planted) {
      const route = (m: typeof ma, s: typeof sa) => describeRoute(m, routeTo(m.graph, s.paths, m.indexOf.get(planted.target)!)!).steps.map((x) => x.eid);
      expect(route(mb, sb), planted.name).toEqual(route(ma, sa));
    }
    await direct.store.close();
    await viaFiles.store.close();
  });
});
