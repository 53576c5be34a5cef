/**
 * The server's Server-Sent Events stream, read with fetch (EventSource cannot send the bearer token) and
 * parsed by eventsource-parser; reconnects after a pause when the stream drops.
 */
import { createParser } from 'eventsource-parser';
import { authHeaders } from './http.js';
import type { ScoreStatusBody } from './types.js';

export interface ScoringEvent { phase: 'queued' | 'started' | 'finished' | 'failed'; reason: string; at: string; scoreRun?: string; totalRisk?: number; error?: string }

/** A signal chain a scoring found that the one before did not. */
export interface ChainEvent { id: string; score: number; target: string; targetName: string; signals: string[]; explain: string; scoreRun: string }

export function followEvents(handlers: { status: (s: ScoreStatusBody) => void; scoring: (e: ScoringEvent) => void; chain?: (c: ChainEvent) => void }): () => void {
  const abort = new AbortController();
  const connect = async () => {
    while (!abort.signal.aborted) {
      try {
        const response = await fetch('/api/events', { headers: authHeaders(), signal: abort.signal });
        if (!response.ok || !response.body) throw new Error(`events: ${response.status}`);
        const parser = createParser({
          onEvent: (event) => {
            if (event.event === 'status') handlers.status(JSON.parse(event.data) as ScoreStatusBody);
            else if (event.event === 'scoring') handlers.scoring(JSON.parse(event.data) as ScoringEvent);
            else if (event.event === 'chain') handlers.chain?.(JSON.parse(event.data) as ChainEvent);
          },
        });
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          parser.feed(value);
        }
      } catch {
        if (abort.signal.aborted) return;
      }
      await new Promise((r) => setTimeout(r, 3000));
    }
  };
  void connect();
  return () => abort.abort();
}
