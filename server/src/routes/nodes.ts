/** Node search and bounded neighbourhoods over the attack graph of the latest scoring. */
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errors } from '../schemas/common.js';

const NodeBody = Type.Object({ id: Type.String(), kind: Type.String(), name: Type.String(), domain: Type.String(), criticality: Type.Number(), exposure: Type.Union([Type.String(), Type.Null()]), risk: Type.Number() });

export const nodeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/nodes', {
    config: { role: 'viewer' },
    schema: {
      tags: ['graph'],
      querystring: Type.Object({ q: Type.String({ minLength: 1, maxLength: 200 }), kind: Type.Optional(Type.String({ maxLength: 64 })), limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }) }),
      response: { 200: Type.Array(NodeBody), ...errors },
    },
  }, async (request) => app.scoring.view('search', request.query.q, request.query.kind, request.query.limit));

  app.get('/nodes/:id/neighbourhood', {
    config: { role: 'viewer' },
    schema: {
      tags: ['graph'],
      params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 1024 }) }),
      querystring: Type.Object({ depth: Type.Integer({ minimum: 1, maximum: 3, default: 1 }), limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }) }),
      response: {
        200: Type.Object({ nodes: Type.Array(NodeBody), edges: Type.Array(Type.Object({ id: Type.String(), kind: Type.String(), from: Type.String(), to: Type.String(), p: Type.Number() })), truncated: Type.Boolean() }),
        ...errors,
      },
    },
  }, async (request) => app.scoring.view('neighbourhood', request.params.id, request.query.depth, request.query.limit));
};
