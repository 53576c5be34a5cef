/** Messages between the server's main thread and the parse worker (parse-worker.ts). */
import type { GraphBatch } from '@chokepoint/queries';
import type { ParseContext } from '@chokepoint/importers';

/** An uploaded file on the server's disk; `name` is what errors call it (the upload's file name). */
export interface UploadedFile { name: string; path: string; size: number }

export interface ParseJob { format: string; files: UploadedFile[]; context: ParseContext }

export type BatchHead = Omit<GraphBatch, 'nodes' | 'edges'>;

/** The main thread took a chunk in: the worker may send the next (so messages never pile up unread). */
export interface ParseAck { t: 'ack' }

/** The id lists of collection scopes (one SharpHound scope can name every object) travel in chunks too. */
export const SCOPE_LISTS = ['ids', 'from', 'to'] as const;

export type FromParseWorker =
  | { t: 'nodes'; rows: GraphBatch['nodes'] }
  | { t: 'edges'; rows: GraphBatch['edges'] }
  | { t: 'scope'; index: number; list: (typeof SCOPE_LISTS)[number]; ids: string[] }
  /** Every row sent: the rest of the batch (scopes without their id lists). */
  | { t: 'done'; head: BatchHead }
  | { t: 'failed'; code: string | null; message: string };
