/**
 * Live signals (queries/analysis/signals.ts): stored signals ranked by the route they sit on toward a crown
 * jewel, the chains they form, the risk with and without them, and the signals no node could be found for.
 */
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errors } from '../schemas/common.js';
import { ApiError } from '../plugins/errors.js';

export const signalRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/signals', {
    config: { role: 'viewer' },
    schema: {
      tags: ['signals'],
      description: 'Signals ranked by strength × the risk of the best route onward from their node; chains (signals in attack order along one route within the window); total risk without and with signals; unattached signals with the reason.',
      querystring: Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 10_000, default: 100 }), now: Type.Optional(Type.String({ maxLength: 40, description: 'ISO-8601 time to age signals against (default: now)' })) }),
      response: {
        200: Type.Object({
          now: Type.String(), signals: Type.Integer(), attached: Type.Integer(), unattached: Type.Integer(), current: Type.Integer(),
          scoreWithout: Type.Number(), scoreWith: Type.Number(), uplift: Type.Number(),
          ranked: Type.Array(Type.Unknown(), { description: 'signals, highest score first: rule, severity, strength, node, routeRisk, score, target, hopsLeft, flags, evidence' }),
          unattachedSignals: Type.Array(Type.Unknown()),
          chains: Type.Array(Type.Unknown(), { description: 'the 50 strongest chains: signals in attack order, the steps between them, the next steps, the fix that cuts it' }),
          chainCount: Type.Integer({ description: 'chains found in all' }),
        }),
        ...errors,
      },
    },
  }, async (request) => {
    const { limit, now } = request.query;
    if (now !== undefined && Number.isNaN(Date.parse(now))) throw new ApiError(400, 'USAGE', `now must be an ISO-8601 time, got ${JSON.stringify(now)}`);
    await app.scoring.current();
    return app.scoring.view('signals', await app.scoring.signalAttachment(), now, limit);
  });
};
