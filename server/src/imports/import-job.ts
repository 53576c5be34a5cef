/**
 * Imports on the server: each upload is parsed in a child process of its own, then validated, resolved and
 * written by the one loader (cooperatively, so the main thread keeps answering). Shutting down cuts
 * uploads still arriving, aborts every import that has not started writing — its run is not stored —
 * and waits for the ones writing.
 */
import { loadBatch, type LoadReport } from '@chokepoint/importers';
import type { GraphStore } from '@chokepoint/queries';
import { ApiError } from '../plugins/errors.js';
import { DEFAULT_IMPORT_MEMORY_MB, parseInChild } from './parse-client.js';
import type { ParseJob, UploadedFile } from './protocol.js';

export class ImportJob {
  private readonly running = new Map<AbortController, Promise<unknown>>();
  private readonly receiving = new Set<() => void>();
  private closing = false;

  constructor(private readonly store: GraphStore, private readonly memoryMb = DEFAULT_IMPORT_MEMORY_MB) {}

  run(format: string, files: UploadedFile[], context: ParseJob['context'], optionFiles: ParseJob['optionFiles'] = {}): Promise<LoadReport> {
    if (this.closing) return Promise.reject(stopping());
    const controller = new AbortController();
    const job = (async () => {
      const batch = await parseInChild({ format, files, context, optionFiles }, { memoryMb: this.memoryMb, signal: controller.signal });
      return loadBatch(this.store, batch, { ...(context.source ? { source: context.source } : {}), signal: controller.signal });
    })();
    const tracked = job.finally(() => this.running.delete(controller));
    this.running.set(controller, tracked.catch(() => undefined));
    return tracked;
  }

  /**
   * Registers an upload still being received; `cut` ends it if the server stops meanwhile (a 512 MB body
   * would otherwise hold the shutdown until it is all on disk). Returns the unregistering function.
   */
  whileReceiving(cut: () => void): () => void {
    this.receiving.add(cut);
    return () => this.receiving.delete(cut);
  }

  /** Cuts uploads being received, aborts imports that are parsing, validating or resolving; waits for those already writing. */
  async close(): Promise<void> {
    this.closing = true;
    for (const cut of this.receiving) cut();
    for (const controller of this.running.keys()) controller.abort(stopping());
    await Promise.all(this.running.values());
  }
}

function stopping(): ApiError {
  return new ApiError(503, 'SHUTTING_DOWN', 'the server is stopping; this import was not stored — send it again');
}
