/**
 * Shared services as named decorators: the store, the scoring job (and its analysis worker), the import
 * job (and its parse processes) and the configuration. Closing first aborts imports that have not started
 * writing (before in-flight requests are waited for), so a shutdown takes seconds, not a whole import.
 */
import fp from 'fastify-plugin';
import type { GraphStore } from '@chokepoint/queries';
import type { ServerConfig, Role } from '../config.js';
import { ScoringJob } from '../jobs/scoring.js';
import { ImportJob } from '../imports/import-job.js';
import { WebhookDispatcher } from '../webhooks/dispatcher.js';
import { eventsOf } from '../webhooks/events.js';

declare module 'fastify' {
  interface FastifyInstance {
    store: GraphStore;
    scoring: ScoringJob;
    imports: ImportJob;
    webhooks: WebhookDispatcher;
    settings: ServerConfig;
  }
  interface FastifyRequest {
    principal: { name: string; role: Role } | null;
  }
  interface FastifyContextConfig {
    /** The least role a route needs; absent = public (no data). */
    role?: Role;
  }
}

export const servicesPlugin = fp<{ store: GraphStore; config: ServerConfig }>(async (app, { store, config }) => {
  const scoring = new ScoringJob(store, config.policy);
  app.decorate('store', store);
  app.decorate('settings', config);
  app.decorate('scoring', scoring);
  const imports = new ImportJob(store, config.importMemoryMb);
  app.decorate('imports', imports);
  // Every scoring's events go to the receivers that want them; sending runs on timers, never in a request.
  const webhooks = new WebhookDispatcher(store, config.webhooks ?? [], app.log);
  app.decorate('webhooks', webhooks);
  scoring.on('outcome', (outcome) => { void webhooks.enqueue(eventsOf(outcome)).catch((e: Error) => app.log.error(e, 'queueing webhook deliveries failed')); });
  app.addHook('onReady', async () => { if (webhooks.hooks.length) await webhooks.start(); });
  // Responses sent while closing end their connection: a kept-alive socket would hold the close for
  // Fastify's keep-alive timeout (72 s) after the import it carried was aborted.
  let closing = false;
  app.addHook('onSend', async (_request, reply) => { if (closing) void reply.header('connection', 'close'); });
  app.addHook('preClose', async () => { closing = true; await imports.close(); });
  app.addHook('onClose', async () => { await webhooks.close(); await scoring.close(); });
}, { name: 'services' });
