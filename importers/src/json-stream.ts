/**
 * JSON documents read as a byte stream (@streamparser/json) instead of one string: V8 cannot hold a
 * string over ~512 MiB, so a large SharpHound, OpenGraph or AWS export could never be `JSON.parse`d, and
 * a stream needs no copy of the text beside the values. Used above STREAM_THRESHOLD (the native parser
 * is faster below it). Strict like `parseJson`: invalid UTF-8, a syntax error, a cut document or data
 * after the document is a BadInputError with the line and column (in bytes) where it was found.
 */
import { Tokenizer, TokenParser } from '@streamparser/json';
import { BadInputError } from '@chokepoint/queries';
import type { InputFile } from './input.js';

/** Files above this size are parsed as a stream. */
export const STREAM_THRESHOLD = 64 * 1024 * 1024;

/** Where the bytes read so far put an absolute byte offset: line and column (1-based, column in bytes). */
class Position {
  private line = 1;
  private lineStart = 0;
  private chunkStart = 0;
  private chunk: Uint8Array = new Uint8Array(0);

  /** Counts the lines of the chunk before this one, then holds this one. */
  next(chunk: Uint8Array): void {
    for (let i = 0; i < this.chunk.length; i++) if (this.chunk[i] === 10) { this.line++; this.lineStart = this.chunkStart + i + 1; }
    this.chunkStart += this.chunk.length;
    this.chunk = chunk;
  }

  at(offset: number): { line: number; column: number } {
    let line = this.line, lineStart = this.lineStart;
    const end = Math.min(offset - this.chunkStart, this.chunk.length);
    for (let i = 0; i < end; i++) if (this.chunk[i] === 10) { line++; lineStart = this.chunkStart + i + 1; }
    return { line, column: Math.max(1, offset - lineStart + 1) };
  }

  get end(): number { return this.chunkStart + this.chunk.length; }
}

/** Length of the longest prefix of `chunk` that is valid UTF-8 (a sequence cut at its end allowed). */
function validPrefix(chunk: Uint8Array): number {
  let good = 0;
  for (let step = 1 << 20; step >= 1; step >>= 1) {
    while (good + step <= chunk.length) {
      try { new TextDecoder('utf-8', { fatal: true }).decode(chunk.subarray(0, good + step), { stream: true }); good += step; } catch { break; }
    }
  }
  return good;
}

export async function parseJsonStream(file: InputFile, expected: string): Promise<unknown> {
  const tokenizer = new Tokenizer({ stringBufferSize: 64 * 1024 });
  const parser = new TokenParser({ paths: ['$'], keepStack: false });
  const position = new Position();
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  let lastToken = 0;
  let root: { value: unknown } | null = null;
  let failure: BadInputError | null = null;
  const fail = (offset: number, problem: string) => {
    failure ??= new BadInputError({ file: file.name, ...position.at(offset) }, problem, expected);
  };
  tokenizer.onToken = (token) => {
    lastToken = token.offset;
    if (root) { fail(token.offset, 'not valid JSON (data after the end of the document)'); return; }
    parser.write(token);
  };
  tokenizer.onError = (e) => {
    const at = /absolute position "(\d+)"/.exec(e.message);
    fail(at ? Number(at[1]) : position.end, `not valid JSON (${at ? e.message.replace(/ at chunk position.*? in state /, ' in state ') : 'the document is cut short'})`);
  };
  parser.onError = (e) => fail(lastToken, `not valid JSON (${e.message.replace(/ in state .*$/, '')})`);
  parser.onValue = ({ value }) => { root = { value }; };

  let first = true;
  let bytes = 0;
  for await (const raw of file.stream()) {
    let chunk = raw as Buffer;
    if (first && chunk.length >= 3 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) chunk = chunk.subarray(3); // a BOM
    first = false;
    position.next(chunk);
    try {
      utf8.decode(chunk, { stream: true });
    } catch {
      throw new BadInputError({ file: file.name, line: position.at(position.end - chunk.length + validPrefix(chunk)).line }, 'invalid UTF-8', 'UTF-8 text');
    }
    bytes += chunk.length;
    tokenizer.write(chunk);
    if (failure) throw failure;
  }
  if (bytes === 0) throw new BadInputError({ file: file.name, line: 1 }, 'the file is empty', expected);
  try { utf8.decode(); } catch { throw new BadInputError({ file: file.name, line: position.at(position.end).line }, 'invalid UTF-8 at the end of the file', 'UTF-8 text'); }
  if (!tokenizer.isEnded) tokenizer.end();
  if (failure) throw failure;
  if (!root) throw new BadInputError({ file: file.name, ...position.at(position.end) }, 'not valid JSON (the document is cut short)', expected);
  return (root as { value: unknown }).value;
}
