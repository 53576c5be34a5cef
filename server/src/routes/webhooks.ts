/** The webhook receivers and their delivery log and dead letters (admin only: URLs and payloads are operational detail). */
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errors } from '../schemas/common.js';
import { ApiError } from '../plugins/errors.js';

const DeliveryBody = Type.Object({
  id: Type.String(), hook: Type.String(), seq: Type.Number(), status: Type.String(),
  event: Type.Object({ id: Type.String(), type: Type.String(), at: Type.String(), scoreRun: Type.String(), summary: Type.String(), fixId: Type.Union([Type.String(), Type.Null()]) }),
  attempts: Type.Array(Type.Object({ at: Type.String(), status: Type.Union([Type.Number(), Type.Null()]), error: Type.Union([Type.String(), Type.Null()]), request: Type.String() })),
  nextAttemptAt: Type.Union([Type.String(), Type.Null()]), finishedAt: Type.Union([Type.String(), Type.Null()]), note: Type.Union([Type.String(), Type.Null()]),
});

export const webhookRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/webhooks', {
    config: { role: 'admin' },
    schema: {
      tags: ['webhooks'], description: 'Configured receivers (secrets and header values left out) with their deliveries counted by status.',
      response: { 200: Type.Array(Type.Object({ name: Type.String(), url: Type.String(), template: Type.String(), events: Type.Array(Type.String()), maxAttempts: Type.Number(), backoffMs: Type.Number(), deliveries: Type.Record(Type.String(), Type.Number()) })), ...errors },
    },
  }, async () => {
    const all = app.webhooks.list();
    return app.webhooks.hooks.map((h) => {
      const deliveries: Record<string, number> = { pending: 0, delivered: 0, skipped: 0, dead: 0 };
      for (const d of all) if (d.hook === h.name) deliveries[d.status] = (deliveries[d.status] ?? 0) + 1;
      return { name: h.name, url: h.url, template: h.template, events: h.events, maxAttempts: h.maxAttempts, backoffMs: h.backoffMs, deliveries };
    });
  });

  app.get('/webhooks/deliveries', {
    config: { role: 'admin' },
    schema: {
      tags: ['webhooks'], description: 'The delivery log, newest first; status=dead is the dead-letter list.',
      querystring: Type.Object({ status: Type.Optional(Type.Union(['pending', 'delivered', 'skipped', 'dead'].map((s) => Type.Literal(s)))), hook: Type.Optional(Type.String({ maxLength: 64 })), limit: Type.Integer({ minimum: 1, maximum: 5000, default: 200 }) }),
      response: { 200: Type.Array(DeliveryBody), ...errors },
    },
  }, async (request) => app.webhooks.list().filter((d) => (!request.query.status || d.status === request.query.status) && (!request.query.hook || d.hook === request.query.hook)).slice(0, request.query.limit));

  app.post('/webhooks/deliveries/retry', {
    config: { role: 'admin' },
    schema: { tags: ['webhooks'], description: 'Queues a dead letter again (one more attempt).', body: Type.Object({ id: Type.String({ maxLength: 10_000 }) }, { additionalProperties: false }), response: { 200: DeliveryBody, ...errors } },
  }, async (request) => {
    const d = await app.webhooks.retry(request.body.id);
    if (!d) throw new ApiError(404, 'NOT_FOUND', `no dead letter ${request.body.id}`);
    return d;
  });
};
