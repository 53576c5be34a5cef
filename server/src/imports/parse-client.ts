/**
 * The main thread's side of the parse worker: starts one worker per upload, takes the batch in chunk by
 * chunk (acknowledging each after an event-loop turn, so health checks and reads are answered between
 * chunks), and turns the worker's failures back into the errors the API reports.
 */
import { Worker } from 'node:worker_threads';
import { ChokepointError, type ErrorCode, type GraphBatch } from '@chokepoint/queries';
import { ApiError } from '../plugins/errors.js';
import { SCOPE_LISTS, type FromParseWorker, type ParseAck, type ParseJob } from './protocol.js';

/** Memory a parse may use (V8 old space of the worker) unless CHOKEPOINT_IMPORT_MEMORY_MB says otherwise. */
export const DEFAULT_IMPORT_MEMORY_MB = 4096;

export function parseInWorker(job: ParseJob, options: { memoryMb: number; signal: AbortSignal }): Promise<GraphBatch> {
  options.signal.throwIfAborted();
  const worker = new Worker(new URL('./parse-worker-entry.mjs', import.meta.url), {
    workerData: job,
    resourceLimits: { maxOldGenerationSizeMb: options.memoryMb },
  });
  const nodes: GraphBatch['nodes'] = [];
  const edges: GraphBatch['edges'] = [];
  const scopeIds = new Map<string, string[]>();
  const listOf = (key: string) => { let ids = scopeIds.get(key); if (!ids) scopeIds.set(key, (ids = [])); return ids; };
  return new Promise<GraphBatch>((resolve, reject) => {
    let settled = false;
    const settle = (error: unknown, batch?: GraphBatch) => {
      if (settled) return;
      settled = true;
      options.signal.removeEventListener('abort', abort);
      if (batch) resolve(batch); else reject(error);
      void worker.terminate();
    };
    const abort = () => settle(options.signal.reason);
    options.signal.addEventListener('abort', abort, { once: true });
    worker.on('message', (m: FromParseWorker) => {
      if (m.t === 'nodes' || m.t === 'edges' || m.t === 'scope') {
        const into: unknown[] = m.t === 'nodes' ? nodes : m.t === 'edges' ? edges : listOf(`${m.index} ${m.list}`);
        for (const row of m.t === 'scope' ? m.ids : m.rows) into.push(row);
        setImmediate(() => { if (!settled) worker.postMessage({ t: 'ack' } satisfies ParseAck); });
      } else if (m.t === 'done') {
        const scopes = m.head.scopes?.map((scope, index) => {
          const lists = SCOPE_LISTS.flatMap((list) => { const ids = scopeIds.get(`${index} ${list}`); return ids ? [[list, ids]] : []; });
          return { ...scope, ...Object.fromEntries(lists) } as typeof scope;
        });
        settle(null, { ...m.head, ...(scopes ? { scopes } : {}), nodes, edges });
      } else {
        settle(m.code ? new ChokepointError(m.code as ErrorCode, m.message) : new Error(m.message));
      }
    });
    worker.on('error', (e: Error & { code?: string }) => {
      const names = job.files.map((f) => f.name).join(', ');
      settle(e.code === 'ERR_WORKER_OUT_OF_MEMORY'
        ? new ApiError(413, 'TOO_LARGE', `${names}: reading this upload needs more than ${options.memoryMb} MB of memory (CHOKEPOINT_IMPORT_MEMORY_MB); split it or raise the limit`)
        : e);
    });
    worker.on('exit', (code) => settle(new Error(`the parse worker exited (code ${code}) before it answered`)));
  });
}
