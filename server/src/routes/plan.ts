/** The remediation plan (budget) and what-if, from the latest scoring. */
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { PlanRow, Route, errors } from '../schemas/common.js';
import { DEFAULT_PLAN_STEPS } from '../analysis/views.js';

export const planRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/plan', {
    config: { role: 'viewer' },
    schema: {
      tags: ['analysis'],
      querystring: Type.Object({ budget: Type.Optional(Type.Number({ minimum: 0, maximum: 100_000 })), steps: Type.Integer({ minimum: 1, maximum: 100, default: DEFAULT_PLAN_STEPS }) }),
      response: { 200: Type.Object({ totalBefore: Type.Number(), totalAfter: Type.Number(), stopped: Type.String(), rows: Type.Array(PlanRow) }), ...errors },
    },
  }, async (request) => app.scoring.view('plan', request.query.budget, request.query.steps));

  app.post('/whatif', {
    config: { role: 'analyst' },
    schema: {
      tags: ['analysis'],
      body: Type.Object({
        fixes: Type.Array(Type.String({ maxLength: 2048 }), { maxItems: 200, default: [] }),
        removeNodes: Type.Array(Type.String({ maxLength: 1024 }), { maxItems: 200, default: [] }),
        removeEdges: Type.Array(Type.String({ maxLength: 2048 }), { maxItems: 200, default: [] }),
      }, { additionalProperties: false }),
      response: {
        200: Type.Object({
          before: Type.Number(), after: Type.Number(), removed: Type.Number(),
          targets: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), before: Type.Number(), after: Type.Number(), route: Type.Union([Route, Type.Null()]) })),
        }),
        ...errors,
      },
    },
  }, async (request) => app.scoring.view('whatif', request.body));
};
