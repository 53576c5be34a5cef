/**
 * Streaming CSV reading shared by CSV importers: csv-parse over strictly decoded UTF-8, each record
 * handed over with its line number, and every failure — decoding, CSV syntax, or an error the handler
 * throws for a bad value — surfaced as one BadInputError naming the file and line.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse, type Options } from 'csv-parse';
import { BadInputError } from '@chokepoint/queries';
import { utf8Chunks, type InputFile } from './input.js';

/** The longest record a CSV importer reads (a register or inventory row is a few hundred bytes). */
export const MAX_CSV_RECORD_BYTES = 1024 * 1024;

export async function readCsv(
  file: InputFile,
  onRecord: (record: string[], line: number) => void,
  options: { expected: string; comment?: string; onFirstChunk?: (text: string) => void } ,
): Promise<void> {
  if (file.size === 0) throw new BadInputError({ file: file.name, line: 1 }, 'the file is empty (0 bytes)', options.expected);
  let line = 1;
  let handlerError: unknown; // pipeline() may report its own AbortError first; the handler's error is the one to show
  async function* text(): AsyncGenerator<string> {
    let first = true;
    for await (const chunk of utf8Chunks(file, () => line)) {
      if (first) { first = false; options.onFirstChunk?.(chunk); }
      yield chunk;
    }
  }
  // A record-size cap keeps one hostile multi-megabyte field from making the parser crawl (issue 15).
  const parserOptions: Options = { bom: true, info: true, skip_empty_lines: true, trim: true, max_record_size: MAX_CSV_RECORD_BYTES, ...(options.comment ? { comment: options.comment } : {}) };
  try {
    await pipeline(Readable.from(text()), parse(parserOptions), async (records: AsyncIterable<{ record: string[]; info: { lines: number } }>) => {
      try {
        for await (const { record, info } of records) { line = info.lines; onRecord(record, info.lines); }
      } catch (e) {
        handlerError = e;
        throw e;
      }
    });
  } catch (caught) {
    const e = handlerError ?? caught;
    if (e instanceof BadInputError) throw e;
    if ((e as { code?: string }).code === 'CSV_MAX_RECORD_SIZE') {
      throw new BadInputError({ file: file.name, line: (e as { lines?: number }).lines }, `a record longer than ${MAX_CSV_RECORD_BYTES} bytes`, `CSV records of at most ${MAX_CSV_RECORD_BYTES} bytes`);
    }
    throw new BadInputError({ file: file.name, line: (e as { lines?: number }).lines }, `not valid CSV (${(e as Error).message.replace(/\.$/, '')})`, 'RFC 4180 CSV with a header row');
  }
}
