/** Messages between the server and its parse process (parse-process.ts). */
import type { GraphBatch } from '@chokepoint/queries';
import type { ImportOptionName, ParseContext } from '@chokepoint/importers';

/** An uploaded file on the server's disk; `name` is what errors call it (the upload's file name). */
export interface UploadedFile { name: string; path: string; size: number }

/** `context` crosses the process boundary as data; file options travel as uploaded files beside it. */
export interface ParseJob { format: string; files: UploadedFile[]; context: Omit<ParseContext, 'optionFiles'>; optionFiles?: Partial<Record<ImportOptionName, UploadedFile>> }

/** The job, then one `ack` per chunk the server took in (so messages never pile up unread). */
export type ToParseProcess = ({ t: 'job' } & ParseJob) | { t: 'ack' };

export type BatchHead = Omit<GraphBatch, 'nodes' | 'edges'>;

/** The id lists of collection scopes (one SharpHound scope can name every object) travel in chunks too. */
export const SCOPE_LISTS = ['ids', 'from', 'to'] as const;

export type FromParseProcess =
  | { t: 'nodes'; rows: GraphBatch['nodes'] }
  | { t: 'edges'; rows: GraphBatch['edges'] }
  | { t: 'scope'; index: number; list: (typeof SCOPE_LISTS)[number]; ids: string[] }
  /** Every row sent: the rest of the batch (scopes without their id lists). */
  | { t: 'done'; head: BatchHead }
  | { t: 'failed'; code: string | null; message: string };
