/**
 * Child process for the crash campaign: opens a store (`embedded:<dir>` or `neo4j:<uri>`), prints `READY`,
 * then re-imports a GraphBatch JSON file the way `chokepoint import batch` does (the importer parses the
 * file, the one loader writes it) and prints `DONE` — unless it is killed first.
 */
import { EmbeddedStore, Neo4jStore, type GraphStore } from '@chokepoint/queries';
import { findImporter, loadBatch, openInput } from '@chokepoint/importers';

const [spec, file] = process.argv.slice(2) as [string, string];
const store: GraphStore = spec.startsWith('neo4j:')
  ? new Neo4jStore({ uri: spec.slice('neo4j:'.length) })
  // Compacting after every write puts a snapshot rewrite into the re-import too (a phase to kill in).
  : new EmbeddedStore({ dataDir: spec.slice('embedded:'.length), maxSegments: 2 });
await store.init();
process.stdout.write('READY\n');
const batch = await findImporter('batch')!.parse([await openInput(file)], {});
await loadBatch(store, batch);
process.stdout.write('DONE\n');
await store.close();
