/**
 * `batch`: Chokepoint's own GraphBatch JSON (what every importer produces), for tools that emit our
 * model directly and for moving data between stores. Several files are read as one run.
 */
import { BadInputError, batchIssues, type GraphBatch } from '@chokepoint/queries';
import { assertSize, decodeUtf8, parseJson, type InputFile } from '../input.js';
import type { Importer } from '../registry.js';

const MAX_BYTES = 256 * 1024 * 1024;
const EXPECTED = 'a GraphBatch JSON object {source, format, complete, nodes: [...], edges: [...]}';

async function parseOne(file: InputFile): Promise<GraphBatch> {
  assertSize(file, MAX_BYTES, EXPECTED);
  const value = parseJson(decodeUtf8(await file.read(), file.name), file.name, EXPECTED);
  const issues = batchIssues(value);
  if (issues.length > 0) {
    const [first] = issues;
    const sep = first!.indexOf(': ');
    throw new BadInputError(
      { file: file.name, path: `$.${first!.slice(0, sep)}` },
      `${first!.slice(sep + 2)}${issues.length > 1 ? ` (and ${issues.length - 1} more problems)` : ''}`,
      EXPECTED,
    );
  }
  return value as GraphBatch;
}

export const batchImporter: Importer = {
  id: 'batch',
  title: 'Chokepoint GraphBatch JSON',
  accepts: '.json files holding one GraphBatch each (see docs/kinds.md for kinds)',
  async parse(files, context) {
    const batches = await Promise.all(files.map(parseOne));
    const first = batches[0];
    if (!first) throw new BadInputError({ file: '(none)' }, 'no files given', 'at least one file');
    return {
      source: context.source ?? first.source,
      format: 'batch',
      complete: batches.every((b) => b.complete),
      nodes: batches.flatMap((b) => b.nodes),
      edges: batches.flatMap((b) => b.edges),
      warnings: batches.flatMap((b) => b.warnings ?? []),
      files: files.map((f) => f.name),
    };
  },
};
