/**
 * The server's side of the parse process: forks one child per upload (V8 heap capped), takes the batch
 * in chunk by chunk — acknowledging each after an event-loop turn, so health checks and reads are
 * answered between chunks — and turns the child's failures back into the errors the API reports. A child
 * that runs out of memory is a 413 naming the files; the server is untouched.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ChokepointError, type ErrorCode, type GraphBatch } from '@chokepoint/queries';
import { ApiError } from '../plugins/errors.js';
import { SCOPE_LISTS, type FromParseProcess, type ParseJob, type ToParseProcess } from './protocol.js';

/** Memory a parse may use (V8 old space of its process) unless CHOKEPOINT_IMPORT_MEMORY_MB says otherwise. */
export const DEFAULT_IMPORT_MEMORY_MB = 4096;

const CHILD = fileURLToPath(new URL('./parse-process.ts', import.meta.url));
/** The TypeScript loader the server itself runs under, by absolute path (the child's cwd does not matter). */
const TSX = import.meta.resolve('tsx');

export function parseInChild(job: ParseJob, options: { memoryMb: number; signal: AbortSignal }): Promise<GraphBatch> {
  options.signal.throwIfAborted();
  const child = fork(CHILD, [], {
    execArgv: ['--import', TSX, `--max-old-space-size=${options.memoryMb}`],
    serialization: 'advanced',
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => { stderr = (stderr + d.toString()).slice(-4000); });
  const nodes: GraphBatch['nodes'] = [];
  const edges: GraphBatch['edges'] = [];
  const scopeIds = new Map<string, string[]>();
  const listOf = (key: string) => { let ids = scopeIds.get(key); if (!ids) scopeIds.set(key, (ids = [])); return ids; };
  const tell = (m: ToParseProcess) => { if (child.connected) child.send(m); };
  return new Promise<GraphBatch>((resolve, reject) => {
    let settled = false;
    const settle = (error: unknown, batch?: GraphBatch) => {
      if (settled) return;
      settled = true;
      options.signal.removeEventListener('abort', abort);
      if (batch) resolve(batch); else reject(error);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    };
    const abort = () => settle(options.signal.reason);
    options.signal.addEventListener('abort', abort, { once: true });
    child.on('message', (m: FromParseProcess) => {
      if (m.t === 'nodes' || m.t === 'edges' || m.t === 'scope') {
        const into: unknown[] = m.t === 'nodes' ? nodes : m.t === 'edges' ? edges : listOf(`${m.index} ${m.list}`);
        for (const row of m.t === 'scope' ? m.ids : m.rows) into.push(row);
        setImmediate(() => { if (!settled) tell({ t: 'ack' }); });
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
    child.on('error', (e) => settle(e));
    child.on('exit', (code, signal) => {
      const names = job.files.map((f) => f.name).join(', ');
      settle(/heap out of memory|Reached heap limit/.test(stderr)
        ? new ApiError(413, 'TOO_LARGE', `${names}: reading this upload needs more than ${options.memoryMb} MB of memory (CHOKEPOINT_IMPORT_MEMORY_MB); split it or raise the limit`)
        : new Error(`the parse process ended (${signal ?? `exit code ${code}`}) before it answered: ${stderr.trim().split('\n').slice(-3).join(' | ')}`));
    });
    tell({ t: 'job', ...job });
  });
}
