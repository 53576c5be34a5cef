/** Coverage as data (ADR 0011): per source what was collected, when and by which run; what is unknown. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { storeCoverage } from '@chokepoint/queries';
import { errors } from '../schemas/common.js';
import { Coverage } from '../schemas/responses.js';

export const coverageRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/coverage', {
    config: { role: 'viewer' },
    schema: {
      tags: ['analysis'],
      description: 'Per source: runs, the latest run and what it covered (scopes; null = the whole source), observation retention, what it asserts; and the gaps: what no source collected.',
      response: { 200: Coverage, ...errors },
    },
  }, async () => storeCoverage(app.store));
};
