/** Routes (top-k by target and/or entry, with explanations) and choke points, from the latest scoring. */
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { DEFAULT_PATHS_QUERY } from '../analysis/views.js';
import { errors } from '../schemas/common.js';
import { ChokePoints, TargetRoutes } from '../schemas/responses.js';

export const pathRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/paths', {
    config: { role: 'viewer' },
    schema: {
      tags: ['analysis'],
      querystring: Type.Object({
        target: Type.Optional(Type.String({ maxLength: 1024 })), entry: Type.Optional(Type.String({ maxLength: 1024 })),
        k: Type.Integer({ minimum: 1, maximum: 20, default: DEFAULT_PATHS_QUERY.k }), maxSteps: Type.Integer({ minimum: 1, maximum: 30, default: DEFAULT_PATHS_QUERY.maxSteps }),
        targets: Type.Integer({ minimum: 1, maximum: 50, default: DEFAULT_PATHS_QUERY.targets }),
      }),
      response: { 200: Type.Array(TargetRoutes), ...errors },
    },
  }, async (request) => {
    const { target, entry, k, maxSteps, targets } = request.query;
    return app.scoring.view('paths', { target, entry, k, maxSteps, targets });
  });

  app.get('/chokepoints', {
    config: { role: 'viewer' },
    schema: { tags: ['analysis'], querystring: Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }) }), response: { 200: ChokePoints, ...errors } },
  }, async (request) => app.scoring.view('chokepoints', request.query.limit));
};
