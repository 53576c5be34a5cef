/**
 * Input files as importers see them, and the strict decoding every importer shares: UTF-8 that must
 * be valid, JSON whose syntax errors are reported with line and column, and a size cap.
 */
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { Readable } from 'node:stream';
import { BadInputError } from '@chokepoint/queries';
import { parse as parseTolerant, printParseErrorCode, type ParseError } from 'jsonc-parser';

export interface InputFile {
  /** The name errors refer to (the path the user gave, or the upload's file name). */
  name: string;
  size: number;
  read(): Promise<Buffer>;
  stream(): Readable;
}

export function fileInput(path: string, size: number): InputFile {
  return { name: path, size, read: () => readFile(path), stream: () => createReadStream(path) };
}

export async function openInput(path: string): Promise<InputFile> {
  const info = await stat(path).catch((e: NodeJS.ErrnoException) => {
    throw new BadInputError({ file: path }, e.code === 'ENOENT' ? 'file not found' : `cannot read (${e.code})`, 'a readable file');
  });
  if (!info.isFile()) throw new BadInputError({ file: path }, 'not a regular file', 'a readable file');
  return fileInput(path, info.size);
}

export function bufferInput(name: string, bytes: Buffer): InputFile {
  return {
    name: basename(name) === name ? name : name,
    size: bytes.length,
    read: async () => bytes,
    // In 1 MiB slices, as a file stream would give them (a decoder never sees one huge chunk).
    stream: () => Readable.from((function* () { for (let i = 0; i < bytes.length; i += 1 << 20) yield bytes.subarray(i, i + (1 << 20)); })()),
  };
}

/** The first `n` bytes of a file (fewer when it is shorter), without reading the rest. */
export async function readHead(file: InputFile, n: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  let have = 0;
  const stream = file.stream();
  try {
    for await (const chunk of stream) {
      parts.push(chunk as Buffer);
      have += (chunk as Buffer).length;
      if (have >= n) break;
    }
  } finally {
    stream.destroy();
  }
  return Buffer.concat(parts).subarray(0, n);
}

/**
 * The file's text as a stream of strings, decoded strictly: invalid UTF-8 throws BadInputError
 * (with the line reached so far, from `line()`), so streaming parsers never see replacement characters.
 */
export async function* utf8Chunks(file: InputFile, line: () => number | undefined = () => undefined): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for await (const chunk of file.stream()) {
    let text: string;
    try {
      text = decoder.decode(chunk as Buffer, { stream: true });
    } catch {
      throw new BadInputError({ file: file.name, line: line() }, 'invalid UTF-8', 'UTF-8 text');
    }
    // Outside the try: an error the consumer throws back into this generator is not a decoding error.
    yield text;
  }
  try {
    const rest = decoder.decode();
    if (rest) yield rest;
  } catch {
    throw new BadInputError({ file: file.name, line: line() }, 'invalid UTF-8 at the end of the file', 'UTF-8 text');
  }
}

/** Reads the files one after the other (bounded memory: one parser at a time) and concatenates what each yields. */
export async function readEach<T>(files: readonly InputFile[], read: (file: InputFile) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (const file of files) for (const item of await read(file)) out.push(item);
  return out;
}

/** Line and column (1-based) of a character offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1, last = -1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) { line++; last = i; }
  return { line, column: offset - last };
}

/** Decodes UTF-8, rejecting invalid sequences with the line they are on. */
export function decodeUtf8(bytes: Buffer, file: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    // Find the first bad byte to report its line.
    let good = 0;
    for (let step = 1 << 20; step >= 1; step >>= 1) {
      while (good + step <= bytes.length) {
        try { new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, good + step)); good += step; } catch { break; }
      }
    }
    const prefix = bytes.subarray(0, good).toString('utf8');
    const line = prefix.split('\n').length;
    throw new BadInputError({ file, line }, `invalid UTF-8 at byte ${good}`, 'UTF-8 text');
  }
}

/**
 * Parses JSON with the native parser; on a syntax error, re-reads the text with jsonc-parser (strict
 * settings) only to locate the first error, since V8's messages do not always carry a position.
 */
export function parseJson(text: string, file: string, expected: string): unknown {
  if (text.trim().length === 0) throw new BadInputError({ file, line: 1 }, 'the file is empty', expected);
  try {
    return JSON.parse(text);
  } catch (e) {
    const errors: ParseError[] = [];
    parseTolerant(text, errors, { allowTrailingComma: false, disallowComments: true, allowEmptyContent: false });
    const first = errors[0];
    const at = first ? lineColumn(text, first.offset) : undefined;
    const problem = first ? `not valid JSON (${printParseErrorCode(first.error)})` : `not valid JSON (${(e as Error).message})`;
    throw new BadInputError({ file, line: at?.line, column: at?.column }, problem, expected);
  }
}

/** Refuses inputs larger than a parser can hold in memory as one document. */
export function assertSize(input: InputFile, maxBytes: number, what: string): void {
  if (input.size === 0) throw new BadInputError({ file: input.name, line: 1 }, 'the file is empty (0 bytes)', what);
  if (input.size > maxBytes) {
    throw new BadInputError({ file: input.name }, `the file is ${input.size} bytes, over the ${maxBytes}-byte limit of this format`, `${what} of at most ${maxBytes} bytes`);
  }
}
