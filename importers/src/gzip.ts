/**
 * Gzip-compressed inputs read as a stream (Zeek rotates its logs into `.log.gz`). The compressed form is
 * recognised by its magic bytes, not its name; inflated bytes are capped against the compressed size so
 * a gzip bomb is refused instead of filling the disk or the event loop.
 */
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { BadInputError } from '@chokepoint/queries';
import type { InputFile } from './input.js';

/** How much larger than its compressed size an input may inflate (text logs inflate 5–20×). */
export const MAX_INFLATION = 200;

async function* inflate(file: InputFile, expected: string): AsyncGenerator<Buffer> {
  const chunks = file.stream()[Symbol.asyncIterator]();
  const first = await chunks.next();
  if (first.done) return;
  const head = first.value as Buffer;
  async function* all(): AsyncGenerator<Buffer> {
    yield head;
    for (let r = await chunks.next(); !r.done; r = await chunks.next()) yield r.value as Buffer;
  }
  if (!(head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b)) { yield* all(); return; }
  const limit = Math.max(file.size, 1) * MAX_INFLATION;
  let total = 0;
  try {
    for await (const chunk of Readable.from(all()).pipe(createGunzip())) {
      total += (chunk as Buffer).length;
      if (total > limit) throw new BadInputError({ file: file.name }, `the gzip stream inflates beyond ${MAX_INFLATION}× its ${file.size} compressed bytes (a gzip bomb?)`, expected);
      yield chunk as Buffer;
    }
  } catch (e) {
    if (e instanceof BadInputError) throw e;
    throw new BadInputError({ file: file.name }, `not a readable gzip stream (${(e as Error).message})`, expected);
  }
}

/** The same input, inflated on the fly when it is gzip-compressed; other inputs pass through unchanged. */
export function gunzipped(file: InputFile, expected: string): InputFile {
  return { ...file, stream: () => Readable.from(inflate(file, expected)) };
}
