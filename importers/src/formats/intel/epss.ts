/**
 * `epss`: FIRST EPSS scores (CSV as published: an optional `#model_version:…,score_date:…` line, then
 * `cve,epss,percentile`). An enrichment: adds `epss`, `epssPercentile` and the model/date to the
 * Vulnerability node of each CVE that was imported; other CVEs are counted, not errors.
 */
import { BadInputError, alias, type BatchNode, type Props } from '@chokepoint/queries';
import { readCsv } from '../../csv.js';
import type { InputFile } from '../../input.js';
import type { Importer } from '../../registry.js';
import { enrichmentBatch } from './enrichment.js';

const EXPECTED_HEADER = 'the header cve,epss,percentile';

async function readEpss(file: InputFile): Promise<BatchNode[]> {
  const nodes: BatchNode[] = [];
  const meta: Props = {};
  let header = false;
  const readMetadata = (first: string): void => {
    const m = /^#([^\r\n]*)/.exec(first);
    if (m) for (const part of m[1]!.split(',')) {
      const key = part.slice(0, part.indexOf(':')).trim();
      const value = part.slice(part.indexOf(':') + 1).trim();
      if (key === 'model_version' && value) meta.epssModel = value;
      if (key === 'score_date' && value) meta.epssDate = value;
    }
  };
  const handle = (record: string[], line: number): void => {
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
  await readCsv(file, handle, { expected: EXPECTED_HEADER, comment: '#', onFirstChunk: readMetadata });
  if (!header) throw new BadInputError({ file: file.name, line: 1 }, 'no header row', EXPECTED_HEADER);
  return nodes;
}

export const epssImporter: Importer = {
  id: 'epss',
  title: 'FIRST EPSS scores (CSV) — enriches Vulnerability nodes',
  accepts: 'epss_scores-YYYY-MM-DD.csv (optionally the #model_version line first)',
  parse: (files, context) => enrichmentBatch('epss', files, context, readEpss),
};
