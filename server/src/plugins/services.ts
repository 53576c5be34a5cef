/** Shared services as named decorators: the store, the scoring job (and its analysis worker) and the configuration. */
import fp from 'fastify-plugin';
import type { GraphStore } from '@chokepoint/queries';
import type { ServerConfig, Role } from '../config.js';
import { ScoringJob } from '../jobs/scoring.js';

declare module 'fastify' {
  interface FastifyInstance {
    store: GraphStore;
    scoring: ScoringJob;
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
  app.addHook('onClose', async () => scoring.close());
}, { name: 'services' });
