/**
 * Shape validation for JSON inputs with zod: the first issue becomes a BadInputError naming the file,
 * the JSON path (`$.data[3].Properties.name`) and what was expected.
 */
import { BadInputError } from '@chokepoint/queries';
import type { z } from 'zod';
import { assertSize, decodeUtf8, parseJson, type InputFile } from './input.js';
import { STREAM_THRESHOLD, parseJsonStream } from './json-stream.js';

export function jsonPath(path: readonly PropertyKey[]): string {
  return `$${path.map((p) => (typeof p === 'number' ? `[${p}]` : /^[A-Za-z_$][\w$]*$/.test(String(p)) ? `.${String(p)}` : `[${JSON.stringify(String(p))}]`)).join('')}`;
}

/** Validates `value` (found at JSON path `at` of the file) against `schema`. */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown, file: string, expected: string, at = '$'): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  throw new BadInputError({ file, path: at + jsonPath(issue.path).slice(1) }, issue.message, expected);
}

/**
 * Reads one whole JSON document (size-capped, strict UTF-8, located syntax errors): with the native
 * parser when small, as a byte stream when large (no string of the whole text; see json-stream.ts).
 */
export async function readJsonDocument(file: InputFile, maxBytes: number, expected: string): Promise<unknown> {
  assertSize(file, maxBytes, expected);
  if (file.size > STREAM_THRESHOLD) return parseJsonStream(file, expected);
  return parseJson(decodeUtf8(await file.read(), file.name), file.name, expected);
}
