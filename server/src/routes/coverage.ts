/** Coverage as data (ADR 0011): per source what was collected, when and by which run; what is unknown. */
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ASSUMPTIONS, compareAssumptions, storeCoverage } from '@chokepoint/queries';
import { Route, errors } from '../schemas/common.js';
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

export const assumeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/assume', {
    config: { role: 'viewer' },
    schema: {
      tags: ['analysis'],
      description: 'The observed score beside the score with assumptions for what no source collected (zone-lateral, group-sessions); assumed steps are marked; nothing is stored.',
      querystring: Type.Object({ assumption: Type.Array(Type.Union(ASSUMPTIONS.map((a) => Type.Literal(a))), { minItems: 1, maxItems: ASSUMPTIONS.length }) }),
      response: {
        200: Type.Object({
          assumptions: Type.Array(Type.String()), assumedSteps: Type.Integer(), observed: Type.Number(), assumed: Type.Number(),
          targets: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), observed: Type.Number(), assumed: Type.Number(), route: Route })),
        }),
        ...errors,
      },
    },
  }, async (request) => compareAssumptions(app.store, [...new Set(request.query.assumption)], app.settings.policy ? { policy: app.settings.policy } : {}));
};
