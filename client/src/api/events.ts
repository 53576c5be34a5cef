/**
 * The server's Server-Sent Events stream, read with fetch (EventSource cannot send the bearer token) and
 * parsed by eventsource-parser; reconnects after a pause when the stream drops.
 */
import { createParser } from 'eventsource-parser';
import { authHeaders } from './http.js';
import type { ScoreStatusBody } from './types.js';

export interface ScoringEvent { phase: 'queued' | 'started' | 'finished' | 'failed'; reason: string; at: string; scoreRun?: string; totalRisk?: number; error?: string }

export function followEvents(handlers: { status: (s: ScoreStatusBody) => void; scoring: (e: ScoringEvent) => void }): () => void {
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
