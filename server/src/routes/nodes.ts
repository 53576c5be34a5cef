/** Node search and bounded neighbourhoods over the attack graph of the latest scoring. */
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errors } from '../schemas/common.js';
import { Neighbourhood, NodeDetails, NodeSummary } from '../schemas/responses.js';

export const nodeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/nodes', {
    config: { role: 'viewer' },
    schema: {
      tags: ['graph'],
      querystring: Type.Object({ q: Type.String({ minLength: 1, maxLength: 200 }), kind: Type.Optional(Type.String({ maxLength: 64 })), limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }) }),
      response: { 200: Type.Array(NodeSummary), ...errors },
    },
  }, async (request) => app.scoring.view('search', request.query.q, request.query.kind, request.query.limit));

  app.get('/nodes/:id', {
    config: { role: 'viewer' },
    schema: { tags: ['graph'], params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 1024 }) }), response: { 200: NodeDetails, ...errors } },
  }, async (request) => app.scoring.view('node', request.params.id));

  app.get('/nodes/:id/neighbourhood', {
    config: { role: 'viewer' },
    schema: {
      tags: ['graph'],
      params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 1024 }) }),
      querystring: Type.Object({ depth: Type.Integer({ minimum: 1, maximum: 3, default: 1 }), limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }) }),
      response: {
        200: Neighbourhood,
        ...errors,
      },
    },
  }, async (request) => app.scoring.view('neighbourhood', request.params.id, request.query.depth, request.query.limit));
};
