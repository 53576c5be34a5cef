/**
 * The parse process: runs one upload's parser (whole-document JSON, XML, CSV — whatever the format needs)
 * in a child process of the server, so neither its CPU time nor its memory touches the process that
 * answers HTTP — a parse that runs out of memory ends this process, never the server (a worker thread's
 * heap limit is not such a boundary: V8 can abort the whole process on one large allocation). The batch
 * goes back in small messages, each sent after the previous was acknowledged. One process per upload.
 */
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { isChokepointError } from '@chokepoint/queries';
import { findImporter, type InputFile } from '@chokepoint/importers';
import { SCOPE_LISTS, type FromParseProcess, type ToParseProcess, type UploadedFile } from './protocol.js';

const ROWS_PER_MESSAGE = 2_000;
const send = (m: FromParseProcess) => new Promise<void>((resolve, reject) => process.send!(m, (e: Error | null) => (e ? reject(e) : resolve())));
let acked: (() => void) | null = null;
/** Sends a chunk and waits for the server to take it in (unread messages would pile up in its memory). */
async function sendRows(m: FromParseProcess): Promise<void> {
  const ack = new Promise<void>((resolve) => { acked = resolve; });
  await send(m);
  await ack;
}

async function run(job: Extract<ToParseProcess, { t: 'job' }>): Promise<void> {
  try {
    const importer = findImporter(job.format);
    if (!importer) throw new Error(`unknown format ${job.format}`); // the route checked it
    const open = (f: UploadedFile): InputFile => ({ name: f.name, size: f.size, read: () => readFile(f.path), stream: () => createReadStream(f.path) });
    const optionFiles = Object.fromEntries(Object.entries(job.optionFiles ?? {}).map(([k, f]) => [k, open(f)]));
    const { nodes, edges, ...head } = await importer.parse(job.files.map(open), { ...job.context, optionFiles });
    for (let i = 0; i < nodes.length; i += ROWS_PER_MESSAGE) await sendRows({ t: 'nodes', rows: nodes.slice(i, i + ROWS_PER_MESSAGE) });
    for (let i = 0; i < edges.length; i += ROWS_PER_MESSAGE) await sendRows({ t: 'edges', rows: edges.slice(i, i + ROWS_PER_MESSAGE) });
    for (const [index, scope] of (head.scopes ?? []).entries()) {
      for (const list of SCOPE_LISTS) {
        const ids = scope[list];
        if (!ids) continue;
        for (let i = 0; i === 0 || i < ids.length; i += ROWS_PER_MESSAGE * 10) await sendRows({ t: 'scope', index, list, ids: ids.slice(i, i + ROWS_PER_MESSAGE * 10) });
      }
    }
    const scopes = head.scopes?.map((scope) => Object.fromEntries(Object.entries(scope).filter(([k]) => !(SCOPE_LISTS as readonly string[]).includes(k))) as typeof scope);
    await send({ t: 'done', head: { ...head, ...(scopes ? { scopes } : {}) } });
  } catch (e) {
    await send({ t: 'failed', code: isChokepointError(e) ? e.code : null, message: (e as Error).message });
  }
  process.disconnect();
}

process.on('message', (m: ToParseProcess) => {
  if (m.t === 'job') void run(m);
  else { acked?.(); acked = null; }
});
