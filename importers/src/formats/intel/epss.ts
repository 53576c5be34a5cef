/**
 * `epss`: FIRST EPSS scores (CSV as published: an optional `#model_version:…,score_date:…` line, then
 * `cve,epss,percentile`). An enrichment: adds `epss`, `epssPercentile` and the model/date to the
 * Vulnerability node of each CVE that was imported; other CVEs are counted, not errors.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse } from 'csv-parse';
import { BadInputError, alias, type BatchNode, type GraphBatch, type Props } from '@chokepoint/queries';
import { utf8Chunks, type InputFile } from '../../input.js';
import type { Importer } from '../../registry.js';

const EXPECTED_HEADER = 'the header cve,epss,percentile';

async function readEpss(file: InputFile): Promise<BatchNode[]> {
  if (file.size === 0) throw new BadInputError({ file: file.name, line: 1 }, 'the file is empty (0 bytes)', EXPECTED_HEADER);
  const nodes: BatchNode[] = [];
  const meta: Props = {};
  let header = false;
  let at = 1;
  let rowError: unknown;
  async function* withMetadata(): AsyncGenerator<string> {
    let first = true;
    for await (const chunk of utf8Chunks(file, () => at)) {
      if (first) {
        first = false;
        const m = /^#([^\r\n]*)/.exec(chunk);
        if (m) for (const part of m[1]!.split(',')) {
          const [k, v] = part.split(':');
          if (k?.trim() === 'model_version' && v) meta.epssModel = v.trim();
          if (k?.trim() === 'score_date' && v) meta.epssDate = part.slice(part.indexOf(':') + 1).trim();
        }
      }
      yield chunk;
    }
  }
  const handle = (record: string[], line: number): void => {
    at = line;
    if (!header) {
      if (record.map((h) => h.toLowerCase()).join(',') !== 'cve,epss,percentile') throw new BadInputError({ file: file.name, line }, `the header is ${JSON.stringify(record.join(','))}`, EXPECTED_HEADER);
      header = true;
      return;
    }
    const [cve, epss, percentile] = record;
    if (!cve || !/^CVE-\d{4}-\d{4,}$/i.test(cve)) throw new BadInputError({ file: file.name, line, column: 1, path: 'cve' }, `${JSON.stringify(cve)} is not a CVE id`, 'CVE-YYYY-NNNN');
    const score = Number(epss), pct = Number(percentile);
    if (!(epss !== '' && score >= 0 && score <= 1)) throw new BadInputError({ file: file.name, line, column: 2, path: 'epss' }, `${JSON.stringify(epss)} is not valid`, 'a probability from 0 to 1');
    if (!(percentile !== '' && pct >= 0 && pct <= 1)) throw new BadInputError({ file: file.name, line, column: 3, path: 'percentile' }, `${JSON.stringify(percentile)} is not valid`, 'a percentile from 0 to 1');
    const id = cve.toUpperCase();
    nodes.push({ id: `cve:${id}`, kind: 'Vulnerability', name: id, aliases: [alias('cve', id)], props: { epss: score, epssPercentile: pct, ...meta } });
  };
  try {
    await pipeline(Readable.from(withMetadata()), parse({ comment: '#', info: true, skip_empty_lines: true, trim: true, relax_column_count: false }), async (records: AsyncIterable<{ record: string[]; info: { lines: number } }>) => {
      try {
        for await (const { record, info } of records) handle(record, info.lines);
      } catch (e) { rowError = e; throw e; }
    });
  } catch (caught) {
    const e = rowError ?? caught;
    if (e instanceof BadInputError) throw e;
    throw new BadInputError({ file: file.name, line: (e as { lines?: number }).lines }, `not valid CSV (${(e as Error).message})`, 'CSV with the header cve,epss,percentile');
  }
  if (!header) throw new BadInputError({ file: file.name, line: 1 }, 'no header row', EXPECTED_HEADER);
  return nodes;
}

export const epssImporter: Importer = {
  id: 'epss',
  title: 'FIRST EPSS scores (CSV) — enriches Vulnerability nodes',
  accepts: 'epss_scores-YYYY-MM-DD.csv (optionally the #model_version line first)',
  async parse(files, context): Promise<GraphBatch> {
    const nodes: BatchNode[] = [];
    for (const f of files) nodes.push(...(await readEpss(f)));
    return { source: context.source ?? 'epss', format: 'epss', complete: false, enrich: true, nodes, edges: [], files: files.map((f) => f.name) };
  },
};
