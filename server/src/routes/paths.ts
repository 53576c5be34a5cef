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
        from: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 1024 }), { maxItems: 50, description: 'start from these nodes (id, alias or name): assume breach, p₀ 1' })),
        to: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 1024 }), { maxItems: 50, description: 'routes to these nodes (any node)' })),
        target: Type.Optional(Type.String({ maxLength: 1024, description: 'same as one `to`' })), entry: Type.Optional(Type.String({ maxLength: 1024 })),
        group: Type.Boolean({ default: true, description: 'routes that differ only by an interchangeable entry count once' }),
        k: Type.Integer({ minimum: 1, maximum: 20, default: DEFAULT_PATHS_QUERY.k }), maxSteps: Type.Integer({ minimum: 1, maximum: 30, default: DEFAULT_PATHS_QUERY.maxSteps }),
        targets: Type.Integer({ minimum: 1, maximum: 50, default: DEFAULT_PATHS_QUERY.targets }),
      }),
      response: { 200: Type.Array(TargetRoutes), ...errors },
    },
  }, async (request) => {
    const { from, target, entry, k, maxSteps, targets, group } = request.query;
    const to = target !== undefined ? [...(request.query.to ?? []), target] : request.query.to;
    return app.scoring.view('paths', { from, to, entry, k, maxSteps, targets, group });
  });

  app.get('/chokepoints', {
    config: { role: 'viewer' },
    schema: { tags: ['analysis'], querystring: Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }) }), response: { 200: ChokePoints, ...errors } },
  }, async (request) => app.scoring.view('chokepoints', request.query.limit));
};
