/** Parsing and importing fixture files (test/fixtures/…) through the real importers and loader. */
import { join } from 'node:path';
import type { GraphBatch, GraphStore } from '@chokepoint/queries';
import { findImporter, loadBatch, openInput, type LoadReport } from '@chokepoint/importers';

export const FIXTURES = join(import.meta.dirname, '../fixtures');

/** Parses fixture files (paths relative to test/fixtures) with the importer of `format`. */
export async function parseFixture(format: string, files: string | string[], options: Record<string, string | boolean> = {}): Promise<GraphBatch> {
  const importer = findImporter(format);
  if (!importer) throw new Error(`no importer ${format}`);
  const inputs = await Promise.all([files].flat().map((f) => openInput(join(FIXTURES, f))));
  return importer.parse(inputs, { options });
}

/** Parses fixture files and loads them as one run. */
export async function importFixture(store: GraphStore, format: string, files: string | string[], options: Record<string, string | boolean> = {}): Promise<LoadReport> {
  return loadBatch(store, await parseFixture(format, files, options));
}

/** Nodes plus edges of one kind in a batch. */
export function countKind(b: GraphBatch, kind: string): number {
  return b.nodes.filter((n) => n.kind === kind).length + b.edges.filter((e) => e.kind === kind).length;
}

/** How many items fall under each key. */
export function tally<T>(items: readonly T[], key: (t: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const x of items) out[key(x)] = (out[key(x)] ?? 0) + 1;
  return out;
}
