/**
 * Members of a zip archive as input files (SharpHound writes its JSON files into one zip). Sizes are
 * checked before inflating — declared and actual (yauzl validates both) — and the bytes inflated across
 * all members are capped while streaming at MAX_INFLATION × the archive's size, so a zip bomb (many
 * members each under the per-member limit) is refused before it fills memory.
 */
import { BadInputError } from '@chokepoint/queries';
import yauzl from 'yauzl';
import { bufferInput, type InputFile } from './input.js';
import { MAX_INFLATION } from './gzip.js';

export function isZip(bytes: Buffer): boolean {
  return bytes.length >= 4 && bytes.readUInt32LE(0) === 0x04034b50;
}

export async function zipMembers(file: InputFile, bytes: Buffer, accept: (name: string) => boolean, maxMemberBytes: number): Promise<InputFile[]> {
  const fail = (problem: string): never => { throw new BadInputError({ file: file.name }, problem, 'a zip archive of JSON files'); };
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(bytes, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false }, (err, z) => (err ? reject(err) : resolve(z)))).catch((e: Error) => fail(`not a readable zip (${e.message})`));
  const out: InputFile[] = [];
  const limit = Math.max(bytes.length, 1) * MAX_INFLATION;
  let inflated = 0;
  const tooLarge = () => new BadInputError({ file: file.name }, `the archive inflates beyond ${MAX_INFLATION}× its ${bytes.length} bytes (a zip bomb?)`, 'a zip archive of JSON files');
  await new Promise<void>((resolve, reject) => {
    zip.on('error', (e: Error) => reject(new BadInputError({ file: file.name }, `not a readable zip (${e.message})`, 'a zip archive of JSON files')));
    zip.on('end', () => resolve());
    zip.on('entry', (entry: yauzl.Entry) => {
      if (entry.fileName.endsWith('/') || !accept(entry.fileName)) { zip.readEntry(); return; }
      if (inflated + entry.uncompressedSize > limit) { reject(tooLarge()); return; }
      if (entry.uncompressedSize > maxMemberBytes) {
        reject(new BadInputError({ file: `${file.name}!${entry.fileName}` }, `the member is ${entry.uncompressedSize} bytes uncompressed, over the ${maxMemberBytes}-byte limit`, `members of at most ${maxMemberBytes} bytes`));
        return;
      }
      zip.openReadStream(entry, (err, stream) => {
        if (err) { reject(new BadInputError({ file: `${file.name}!${entry.fileName}` }, `cannot inflate (${err.message})`, 'a readable zip member')); return; }
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => {
          inflated += c.length;
          if (inflated > limit) { stream.destroy(); reject(tooLarge()); return; }
          chunks.push(c);
        });
        stream.on('error', (e: Error) => reject(new BadInputError({ file: `${file.name}!${entry.fileName}` }, `cannot inflate (${e.message})`, 'a readable zip member')));
        stream.on('end', () => { out.push(bufferInput(`${file.name}!${entry.fileName}`, Buffer.concat(chunks))); zip.readEntry(); });
      });
    });
    zip.readEntry();
  });
  return out;
}
