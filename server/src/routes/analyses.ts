/** Pre-built analyses (analysis/analyses.ts): the library, and one run on the latest scoring. */
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errors } from '../schemas/common.js';
import { ApiError } from '../plugins/errors.js';
import { analysisList } from '../analysis/analyses.js';

export const analysisRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/analyses', {
    config: { role: 'viewer' },
    schema: { tags: ['analysis'], description: 'The library of pre-built analyses.', response: { 200: Type.Array(Type.Object({ name: Type.String(), title: Type.String(), description: Type.String() })), ...errors } },
  }, async () => analysisList());

  app.get('/analyses/:name', {
    config: { role: 'viewer' },
    schema: {
      tags: ['analysis'], description: 'One pre-built analysis on the latest scoring: routes (the matching best routes) or nodes (each with why it is listed).',
      params: Type.Object({ name: Type.String({ pattern: '^[a-z0-9-]{1,64}$' }) }), querystring: Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }) }),
      response: { 200: Type.Object({ name: Type.String(), title: Type.String(), description: Type.String(), kind: Type.String(), routes: Type.Array(Type.Unknown()), nodes: Type.Array(Type.Unknown()) }), ...errors },
    },
  }, async (request) => {
    const result = await app.scoring.view('analysis', request.params.name, request.query.limit);
    if (!result) throw new ApiError(404, 'NOT_FOUND', `no analysis ${request.params.name}; the library: ${analysisList().map((a) => a.name).join(', ')}`);
    return result;
  });
};
