/**
 * The parse worker: runs one import's parser (whole-document JSON, XML, CSV — whatever the format needs)
 * away from the thread that answers HTTP, and sends the batch back in small messages so the main thread
 * never deserialises a large one at once. One worker per upload; it exits when done.
 */
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { parentPort, workerData } from 'node:worker_threads';
import { isChokepointError } from '@chokepoint/queries';
import { findImporter, type InputFile } from '@chokepoint/importers';
import { SCOPE_LISTS, type FromParseWorker, type ParseJob } from './protocol.js';

const ROWS_PER_MESSAGE = 2_000;
const job = workerData as ParseJob;
const send = (m: FromParseWorker) => parentPort!.postMessage(m);
// Stop-and-wait: a queue of unread messages would be read in one go, stalling the main thread.
let acked: (() => void) | null = null;
parentPort!.on('message', () => { acked?.(); acked = null; });
async function sendRows(m: FromParseWorker): Promise<void> {
  const ack = new Promise<void>((resolve) => { acked = resolve; });
  send(m);
  await ack;
}

try {
  const importer = findImporter(job.format);
  if (!importer) throw new Error(`unknown format ${job.format}`); // the route checked it
  const files: InputFile[] = job.files.map((f) => ({ name: f.name, size: f.size, read: () => readFile(f.path), stream: () => createReadStream(f.path) }));
  const { nodes, edges, ...head } = await importer.parse(files, job.context);
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
  send({ t: 'done', head: { ...head, ...(scopes ? { scopes } : {}) } });
  parentPort!.close();
} catch (e) {
  send({ t: 'failed', code: isChokepointError(e) ? e.code : null, message: (e as Error).message });
  parentPort!.close();
}
