/**
 * One bench measurement in its own process (so peak RSS is this store's alone): generate the demo
 * estate at --size, load it into the given store, print one JSON line of figures.
 *   tsx bench/load-store.ts embedded|neo4j <size> [neo4jUri]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedStore, Neo4jStore, type GraphStore } from '@chokepoint/queries';
import { generateDemoEstate, loadBatch } from '@chokepoint/importers';

const [kind, sizeArg, uri] = process.argv.slice(2);
const size = Number(sizeArg);
const t0 = performance.now();
let estate = generateDemoEstate({ size, seed: 1 });
const generateMs = performance.now() - t0;
const records = { nodes: 0, edges: 0 };
for (const b of estate.batches) { records.nodes += b.nodes.length; records.edges += b.edges.length; }

/** Loads the estate's batches in order, letting go of each once loaded (as the CLI does). */
async function loadAll(): Promise<void> {
  const batches = estate.batches;
  while (batches.length > 0) await loadBatch(store, batches.shift()!);
}

let store: GraphStore;
let dir: string | null = null;
if (kind === 'embedded') {
  dir = await mkdtemp(join(tmpdir(), 'chokepoint-bench-'));
  store = new EmbeddedStore({ dataDir: dir });
} else {
  const neo = new Neo4jStore({ uri: uri!, chunkSize: 10_000 });
  await neo.init();
  await neo.wipe();
  store = neo;
}
await store.init();
const t1 = performance.now();
await loadAll();
const loadMs = performance.now() - t1;
estate = generateDemoEstate({ size, seed: 1 });
const t2 = performance.now();
await loadAll();
const reloadMs = performance.now() - t2;
const stats = await store.stats();
const sum = (r: Record<string, number | undefined>) => Object.values(r).reduce<number>((a, b) => a + (b ?? 0), 0);
let streamMs = 0;
{
  const t = performance.now();
  let n = 0;
  for await (const batch of store.streamEdges(50_000)) n += batch.length;
  streamMs = performance.now() - t;
  if (n !== sum(stats.edges)) throw new Error(`streamed ${n} edges, stats say ${sum(stats.edges)}`);
}
let reopenMs: number | null = null;
if (store instanceof EmbeddedStore) {
  await store.close();
  const t = performance.now();
  store = new EmbeddedStore({ dataDir: dir! });
  await store.init();
  reopenMs = performance.now() - t;
}
await store.close();
if (dir) await rm(dir, { recursive: true, force: true });
console.log(JSON.stringify({
  store: kind, size, records, stored: { nodes: sum(stats.nodes), edges: sum(stats.edges) },
  generateMs, loadMs, reloadMs, streamMs, reopenMs, peakRssMb: process.resourceUsage().maxRSS / 1024,
}));
