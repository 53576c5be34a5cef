/**
 * Durable files for the embedded store: a manifest naming one snapshot and the op segments written
 * after it. Every file is written to a temporary name, fsynced and renamed; the manifest is replaced
 * the same way last, so a crash at any instant leaves the previous manifest — and state — intact.
 */
import { createReadStream } from 'node:fs';
import { mkdir, open, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { ChokepointError } from '../../errors.js';

export interface Manifest {
  format: 'chokepoint-embedded';
  schemaVersion: number;
  /** Monotonic counter used to name new files. */
  seq: number;
  snapshot: string | null;
  segments: string[];
  /** Bytes in `snapshot` and in all segments, to decide when to compact. */
  snapshotBytes: number;
  segmentBytes: number;
}

const MANIFEST = 'manifest.json';
const WRITE_CHUNK = 4 * 1024 * 1024;

export async function readManifest(dir: string): Promise<Manifest | null> {
  let text: string;
  try {
    text = await readFile(join(dir, MANIFEST), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  try {
    const m = JSON.parse(text) as Manifest;
    if (m.format !== 'chokepoint-embedded') throw new Error('not a Chokepoint manifest');
    return m;
  } catch (e) {
    throw new ChokepointError('STORE_CORRUPT', `${join(dir, MANIFEST)}: cannot be read (${(e as Error).message})`, { cause: e });
  }
}

async function fsyncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try { await handle.sync(); } finally { await handle.close(); }
}

export async function writeManifest(dir: string, manifest: Manifest): Promise<void> {
  const tmp = join(dir, `${MANIFEST}.tmp`);
  const handle = await open(tmp, 'w');
  try {
    await handle.writeFile(JSON.stringify(manifest, null, 2));
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(tmp, join(dir, MANIFEST));
  await fsyncDir(dir);
}

/**
 * Writes lines (from a generator, so a million-edge run is never one string) durably to `name`.
 * Returns the bytes written.
 */
export async function writeLines(dir: string, name: string, lines: Iterable<string>): Promise<number> {
  const tmp = join(dir, `${name}.tmp`);
  const handle = await open(tmp, 'w');
  let bytes = 0;
  try {
    let buffer: string[] = [];
    let size = 0;
    for (const line of lines) {
      buffer.push(line);
      size += line.length + 1;
      if (size >= WRITE_CHUNK) {
        const chunk = Buffer.from(buffer.join('\n') + '\n', 'utf8');
        await handle.write(chunk);
        bytes += chunk.length;
        buffer = [];
        size = 0;
      }
    }
    if (buffer.length > 0) {
      const chunk = Buffer.from(buffer.join('\n') + '\n', 'utf8');
      await handle.write(chunk);
      bytes += chunk.length;
    }
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(tmp, join(dir, name));
  return bytes;
}

/** Reads a file's lines as parsed JSON values, in order. */
export async function* readJsonLines(dir: string, name: string): AsyncGenerator<unknown> {
  const path = join(dir, name);
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 }), crlfDelay: Infinity });
  let n = 0;
  for await (const line of lines) {
    n++;
    if (line.length === 0) continue;
    try {
      yield JSON.parse(line);
    } catch (e) {
      throw new ChokepointError('STORE_CORRUPT', `${path}:${n}: not valid JSON (${(e as Error).message})`, { cause: e });
    }
  }
}

/** Removes files the manifest does not name (leftovers of a crash mid-write, or of compaction). */
export async function removeStrays(dir: string, manifest: Manifest): Promise<void> {
  const keep = new Set([MANIFEST, LOCK, manifest.snapshot, ...manifest.segments]);
  for (const name of await readdir(dir)) {
    if (!keep.has(name) && /^(snapshot|segment)-\d+\.ndjson(\.tmp)?$|^manifest\.json\.tmp$/.test(name)) {
      await rm(join(dir, name), { force: true });
    }
  }
}

const LOCK = 'LOCK';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const TAKEOVER = 'LOCK.takeover';

async function lockPid(path: string): Promise<number | null> {
  const pid = Number((await readFile(path, 'utf8').catch(() => '')).trim());
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

/**
 * Takes the directory's lock for this process. The lock is a file created exclusively (`wx`), so only one
 * process can create it. A lock left by a dead process is taken over under a second exclusive file
 * (LOCK.takeover): only its holder may remove a stale LOCK, after checking again that it is still the
 * stale one, and then competes for LOCK like anyone else — so two processes that both find the same stale
 * lock can never both end up holding it.
 */
export async function acquireLock(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, LOCK), takeover = join(dir, TAKEOVER);
  for (let attempt = 0; attempt < 20; attempt++) {
    try {
      await writeFile(path, String(process.pid), { flag: 'wx' });
      return;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const pid = await lockPid(path);
    if (pid === process.pid) return;
    if (pid !== null && alive(pid)) throw new ChokepointError('STORE_BUSY', `the embedded store at ${dir} is in use by process ${pid}`);
    // An empty LOCK may be one another process has just created and not yet written: give it time; only
    // one that stays empty (a crash between create and write) counts as stale.
    if (pid === null && attempt < 10) { await new Promise((r) => setTimeout(r, 20)); continue; }
    // Stale (or being written): break it only while holding the takeover file.
    try {
      await writeFile(takeover, String(process.pid), { flag: 'wx' });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const breaker = await lockPid(takeover);
      if (breaker !== null && breaker !== process.pid && !alive(breaker)) await rm(takeover, { force: true }); // a breaker that died
      await new Promise((r) => setTimeout(r, 5 + Math.random() * 20));
      continue;
    }
    try {
      const again = await lockPid(path);
      if (again === pid) await rm(path, { force: true });
    } finally {
      await rm(takeover, { force: true });
    }
  }
  throw new ChokepointError('STORE_BUSY', `could not lock the embedded store at ${dir}`);
}

export async function releaseLock(dir: string): Promise<void> {
  const path = join(dir, LOCK);
  const pid = Number((await readFile(path, 'utf8').catch(() => '')).trim());
  if (pid === process.pid) await rm(path, { force: true });
}
