/** The GraphBatch an enrichment importer returns (ADR 0005): nodes only, complete: false, enrich: true. */
import type { BatchNode, GraphBatch } from '@chokepoint/queries';
import { readEach, type InputFile } from '../../input.js';
import type { ParseContext } from '../../registry.js';

export async function enrichmentBatch(
  format: string, files: InputFile[], context: ParseContext, read: (file: InputFile) => Promise<BatchNode[]>,
): Promise<GraphBatch> {
  const nodes = await readEach(files, read);
  return { source: context.source ?? format, format, complete: false, enrich: true, nodes, edges: [], files: files.map((f) => f.name) };
}
