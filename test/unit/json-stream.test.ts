/**
 * The streaming JSON reader (documents over 64 MiB, and any over V8's 512 MiB string limit) against the
 * native parser: every real JSON file of the corpus reads to the same value — fed whole and one byte at
 * a time — and broken documents are refused with the line and column the test finds on its own.
 */
import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { bufferInput, findImporter, type InputFile } from '@chokepoint/importers';
import { STREAM_THRESHOLD, parseJsonStream } from '../../importers/src/json-stream.js';
import { FIXTURES } from '../helpers/fixtures.js';

const REAL = join(FIXTURES, 'real');
const realFiles = () => (readdirSync(REAL, { recursive: true }) as string[]).sort();

/** The bytes as a file whose stream gives `step` bytes at a time (chunk boundaries anywhere). */
function chunked(name: string, bytes: Buffer, step: number, size = bytes.length): InputFile {
  return {
    name, size, read: async () => bytes,
    stream: () => Readable.from((function* () { for (let i = 0; i < bytes.length; i += step) yield bytes.subarray(i, i + step); })()),
  };
}

/** Line and column (1-based, in bytes) of the first occurrence of `marker` — computed here, not by the reader. */
function where(text: string, marker: string): { line: number; column: number } {
  const at = Buffer.from(text.slice(0, text.indexOf(marker)));
  const before = at.subarray(0, at.lastIndexOf(10) + 1);
  return { line: at.toString().split('\n').length, column: at.length - before.length + 1 };
}

const JSON_FILES = realFiles().filter((f) => f.endsWith('.json') && !f.endsWith('expected.json'));

describe('streaming JSON reader', () => {
  it(`reads each of the ${JSON_FILES.length} real JSON files to the value JSON.parse gives (whole, in 7-byte chunks)`, async () => {
    expect(JSON_FILES.length).toBeGreaterThanOrEqual(20);
    for (const path of JSON_FILES) {
      const bytes = await readFile(`${REAL}/${path}`);
      const expected: unknown = JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, ''));
      expect(await parseJsonStream(bufferInput(path, bytes), 'x'), path).toEqual(expected);
      if (bytes.length < 2_000_000) expect(await parseJsonStream(chunked(path, bytes, 7), 'x'), path).toEqual(expected);
    }
  });

  it('refuses broken documents with the line and column of the fault, across any chunking', async () => {
    const cases: Array<{ text: string; marker: string; problem: RegExp }> = [
      { text: '{"data": [\n  {"a": 1},\n  {"b" 2}\n]}', marker: '2}', problem: /not valid JSON \(Unexpected NUMBER/ },
      { text: '{"a": 1,\n "b": [1, 2,]\n}', marker: ']', problem: /not valid JSON \(Unexpected RIGHT_BRACKET/ },
      { text: '{"a": 1}\n{"b": 2}', marker: '{"b"', problem: /data after the end of the document/ },
      { text: '{"a": [1,\n  tru ]}', marker: ' ]', problem: /not valid JSON \(Unexpected " "/ },
    ];
    for (const c of cases) {
      for (const step of [1, 3, 1 << 20]) {
        const at = where(c.text, c.marker);
        await expect(parseJsonStream(chunked('bad.json', Buffer.from(c.text), step), 'a document'), `${c.text} / ${step}`)
          .rejects.toMatchObject({ code: 'BAD_INPUT', location: { file: 'bad.json', line: at.line, column: at.column }, message: expect.stringMatching(c.problem) });
      }
    }
  });

  it('refuses a document cut short, an empty file and invalid UTF-8; accepts a BOM and deep nesting', async () => {
    const cut = '{"data": [\n{"a": 1},\n{"b": "unfinished';
    await expect(parseJsonStream(bufferInput('cut.json', Buffer.from(cut)), 'x')).rejects.toMatchObject({ location: { line: 3 }, message: expect.stringMatching(/cut short/) });
    await expect(parseJsonStream(bufferInput('open.json', Buffer.from('{"data": [1, 2')), 'x')).rejects.toMatchObject({ message: expect.stringMatching(/cut short/) });
    await expect(parseJsonStream(bufferInput('empty.json', Buffer.alloc(0)), 'x')).rejects.toMatchObject({ message: expect.stringMatching(/empty/) });
    const utf8 = Buffer.concat([Buffer.from('{\n"a":\n"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]);
    await expect(parseJsonStream(bufferInput('latin.json', utf8), 'x')).rejects.toMatchObject({ location: { line: 3 }, message: expect.stringMatching(/invalid UTF-8/) });
    expect(await parseJsonStream(bufferInput('bom.json', Buffer.from('\uFEFF{"a": "é"}')), 'x')).toEqual({ a: 'é' });
    const deep = '['.repeat(50_000) + ']'.repeat(50_000);
    let depth = 0;
    for (let v = await parseJsonStream(bufferInput('deep.json', Buffer.from(deep)), 'x'); Array.isArray(v); v = v[0] as unknown) depth++;
    expect(depth).toBe(50_000);
  });

  // Each JSON importer, on real files, through the stream (files claimed larger than the threshold) and
  // through JSON.parse: the same batch. (No public file is over 64 MiB; the size itself is bench data.)
  const REAL_SETS: Array<[format: string, files: string[]]> = [
    ['sharphound', JSON_FILES.filter((f) => f.startsWith('sharphound/v6-ingest/'))],
    ['sharphound', JSON_FILES.filter((f) => f.startsWith('sharphound/v5-ingest/'))],
    ['aws', ['aws/cloudsplaining-example-authz-details.json', 'aws/custodian-multi-enis/ec2.DescribeInstances_1.json', 'aws/custodian-multi-enis/ec2.DescribeSecurityGroups_1.json']],
    ['opengraph', ['opengraph/githound_example_2025-08.json']],
  ];
  for (const [format, names] of REAL_SETS) {
    it(`the ${format} importer reads ${names.length} real files to the same batch through the stream as through JSON.parse`, async () => {
      const importer = findImporter(format)!;
      const files = await Promise.all(names.map(async (n) => ({ n, bytes: await readFile(join(REAL, n)) })));
      const whole = await importer.parse(files.map((f) => bufferInput(f.n, f.bytes)), {});
      const streamed = await importer.parse(files.map((f) => chunked(f.n, f.bytes, 4096, STREAM_THRESHOLD + 1)), {});
      expect(streamed).toEqual(whole);
      expect(whole.nodes.length).toBeGreaterThan(3);
    });
  }
});
