/** The remediation plan (budget) and what-if, from the latest scoring. */
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errors } from '../schemas/common.js';
import { PlanBody, WhatIfBody } from '../schemas/responses.js';
import { DEFAULT_PLAN_STEPS } from '../analysis/views.js';
import { isOverdue, listFixRecords } from '@chokepoint/queries';

export const planRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/plan', {
    config: { role: 'viewer' },
    schema: {
      tags: ['analysis'],
      querystring: Type.Object({ budget: Type.Optional(Type.Number({ minimum: 0, maximum: 100_000 })), steps: Type.Integer({ minimum: 1, maximum: 100, default: DEFAULT_PLAN_STEPS }) }),
      response: { 200: PlanBody, ...errors },
    },
  }, async (request) => {
    const plan = await app.scoring.view('plan', request.query.budget, request.query.steps);
    const records = await listFixRecords(app.store);
    const now = new Date().toISOString();
    return {
      ...plan,
      rows: plan.rows.map((r) => {
        const t = records.get(r.fixId);
        return { ...r, lifecycle: t ? { status: t.status, owner: t.owner, due: t.sla.due, tier: t.sla.tier, overdue: isOverdue(t, now) } : null };
      }),
      accepted: [...records.values()].filter((t) => t.acceptance).map((t) => ({ fixId: t.fixId, action: t.action, reason: t.acceptance!.reason, approver: t.acceptance!.approver, expires: t.acceptance!.expires })),
    };
  });

  app.post('/whatif', {
    config: { role: 'analyst' },
    schema: {
      tags: ['analysis'],
      body: Type.Object({
        fixes: Type.Array(Type.String({ maxLength: 2048 }), { maxItems: 200, default: [] }),
        removeNodes: Type.Array(Type.String({ maxLength: 1024 }), { maxItems: 200, default: [] }),
        removeEdges: Type.Array(Type.String({ maxLength: 2048 }), { maxItems: 200, default: [] }),
        steps: Type.Array(Type.String({ maxLength: 2048 }), { maxItems: 5000, default: [], description: 'step ids whose p after the change to report (the steps a view shows)' }),
      }, { additionalProperties: false }),
      response: {
        200: WhatIfBody,
        ...errors,
      },
    },
  }, async (request) => app.scoring.view('whatif', request.body));
};
