/** Liveness (public, no data) and readiness (the store answers). */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@fastify/type-provider-typebox';
import { errors } from '../schemas/common.js';

export const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/health', { schema: { tags: ['health'], response: { 200: Type.Object({ status: Type.Literal('ok') }) } } }, async () => ({ status: 'ok' as const }));
  app.get('/me', {
    config: { role: 'viewer' },
    schema: { tags: ['health'], description: 'Who the token belongs to and its role (the web view hides controls the role cannot use).', response: { 200: Type.Object({ name: Type.String(), role: Type.String() }), ...errors } },
  }, async (request) => ({ name: request.principal?.name ?? 'local', role: request.principal?.role ?? 'admin' }));
  app.get('/ready', {
    schema: { tags: ['health'], response: { 200: Type.Object({ status: Type.Literal('ready'), store: Type.String() }), 503: errors[503] } },
  }, async () => {
    await app.store.listRuns(); // throws STORE_UNAVAILABLE → 503
    return { status: 'ready' as const, store: app.store.kind };
  });
};
