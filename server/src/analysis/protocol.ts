/** Messages between the server's main thread and the analysis worker (analysis-worker.ts). */
import type { ModelOptions, RunRecord, ScoreRun, StoredEdge, StoredNode } from '@chokepoint/queries';

export type ToWorker =
  | { t: 'begin'; build: number; options: ModelOptions }
  | { t: 'nodes'; build: number; rows: StoredNode[] }
  | { t: 'edges'; build: number; rows: StoredEdge[] }
  /** All rows sent: build the model, score it, warm the default views, answer `built`. */
  | { t: 'end'; build: number; runs: RunRecord[] }
  /** The score run is stored: answer queries from this build from now on. */
  | { t: 'publish'; build: number }
  | { t: 'query'; id: number; name: string; args: unknown[] };

export interface WorkerError { code: string | null; message: string }

export type FromWorker =
  | { t: 'built'; build: number; run: ScoreRun; elapsedMs: number }
  | { t: 'failed'; build: number; error: WorkerError }
  | { t: 'answer'; id: number; value?: unknown; error?: WorkerError };
