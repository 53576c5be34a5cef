/** Messages between the server's main thread and the parse worker (parse-worker.ts). */
import type { GraphBatch } from '@chokepoint/queries';
import type { ParseContext } from '@chokepoint/importers';

/** An uploaded file on the server's disk; `name` is what errors call it (the upload's file name). */
export interface UploadedFile { name: string; path: string; size: number }

export interface ParseJob { format: string; files: UploadedFile[]; context: ParseContext }

export type BatchHead = Omit<GraphBatch, 'nodes' | 'edges'>;

/** The main thread took a chunk in: the worker may send the next (so messages never pile up unread). */
export interface ParseAck { t: 'ack' }

export type FromParseWorker =
  | { t: 'nodes'; rows: GraphBatch['nodes'] }
  | { t: 'edges'; rows: GraphBatch['edges'] }
  /** Every row sent: the rest of the batch. */
  | { t: 'done'; head: BatchHead }
  | { t: 'failed'; code: string | null; message: string };
