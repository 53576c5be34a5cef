/**
 * Starts the API: builds the app, listens, schedules expiry of old observations then re-scoring
 * (CHOKEPOINT_RESCORE_CRON) and scores once at start so the first read is fast. Returns a handle that
 * closes everything.
 */
import { Cron } from 'croner';
import type { GraphStore } from '@chokepoint/queries';
import { ChokepointError } from '@chokepoint/queries';
import { expireObservations } from '@chokepoint/importers';
import { buildApp } from './app.js';
import type { ServerConfig } from './config.js';

export interface RunningServer { url: string; close: () => Promise<void> }

export async function startServer(store: GraphStore, config: ServerConfig, options: { logger?: boolean } = {}): Promise<RunningServer> {
  const app = await buildApp({ store, config, logger: options.logger ?? true });
  let cron: Cron | null = null;
  if (config.rescoreCron) {
    try {
      // Expiry first (observations past retention leave, recorded as a run), then the re-score sees it.
      cron = new Cron(config.rescoreCron, { protect: true }, async () => {
        try {
          const expired = await expireObservations(store);
          app.log.info({ audit: 'expire', run: expired.runId, runs: expired.expiredRuns.length, ...expired.result }, 'scheduled expiry');
          await app.scoring.request('schedule');
        } catch (e) {
          app.log.error(e as Error, 'scheduled expiry or scoring failed');
        }
      });
    } catch (e) {
      throw new ChokepointError('USAGE', `CHOKEPOINT_RESCORE_CRON: ${(e as Error).message}`);
    }
  }
  const url = await app.listen({ host: config.host, port: config.port });
  void app.scoring.request('start-up').catch((e: Error) => app.log.error(e, 'start-up scoring failed'));
  return { url, close: async () => { cron?.stop(); await app.close(); } };
}
