/**
 * The API as a Fastify plugin tree, built apart from the code that listens (server.ts), so tests run
 * it with inject(). Shared services are named plugins; every route declares TypeBox schemas; OpenAPI at
 * /docs. Hardening: helmet headers, rate limit, upload limit (streamed to disk), CORS off unless set.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import helmet from '@fastify/helmet';
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GraphStore } from '@chokepoint/queries';
import type { ServerConfig } from './config.js';
import { servicesPlugin } from './plugins/services.js';
import { authPlugin } from './plugins/auth.js';
import { errorsPlugin } from './plugins/errors.js';
import { healthRoutes } from './routes/health.js';
import { kindsRoutes } from './routes/kinds.js';
import { importRoutes } from './routes/imports.js';
import { scoreRoutes } from './routes/score.js';
import { pathRoutes } from './routes/paths.js';
import { nodeRoutes } from './routes/nodes.js';
import { markerRoutes } from './routes/markers.js';
import { assumeRoutes, coverageRoutes } from './routes/coverage.js';
import { planRoutes } from './routes/plan.js';
import { exportRoutes } from './routes/exports.js';
import { fixRoutes } from './routes/fixes.js';
import { savedViewRoutes } from './routes/views.js';
import { reportRoutes } from './routes/reports.js';
import { webhookRoutes } from './routes/webhooks.js';
import { signalRoutes } from './routes/signals.js';
import { analysisRoutes } from './routes/analyses.js';

const CLIENT_DIST = fileURLToPath(new URL('../../client/dist', import.meta.url));

export interface AppOptions {
  store: GraphStore;
  config: ServerConfig;
  /** Fastify's logger: off, on (stdout), or JSON lines to a stream (tests read the audit lines). */
  logger?: boolean | { level?: string; stream: NodeJS.WritableStream };
}

export async function buildApp({ store, config, logger = false }: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger, bodyLimit: 1024 * 1024, ajv: { customOptions: { coerceTypes: 'array', removeAdditional: false, useDefaults: true } } }).withTypeProvider<TypeBoxTypeProvider>();
  await app.register(errorsPlugin);
  await app.register(servicesPlugin, { store, config });
  await app.register(authPlugin);
  await app.register(helmet, { contentSecurityPolicy: { directives: { 'script-src': ["'self'"], 'style-src': ["'self'", "'unsafe-inline'"], 'img-src': ["'self'", 'data:'] } } });
  if (config.corsOrigin) await app.register(cors, { origin: config.corsOrigin });
  await app.register(rateLimit, { max: config.rateLimitPerMinute, timeWindow: '1 minute' });
  await app.register(multipart, { limits: { fileSize: config.uploadLimitBytes, files: 20, fields: 20 } });
  await app.register(swagger, { openapi: { info: { title: 'Chokepoint API', version: '0.1.0' }, components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } }, security: [{ bearer: [] }] } });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  await app.register(async (api) => {
    for (const routes of [healthRoutes, kindsRoutes, importRoutes, scoreRoutes, pathRoutes, nodeRoutes, markerRoutes, coverageRoutes, assumeRoutes, planRoutes, exportRoutes, fixRoutes, savedViewRoutes, reportRoutes, webhookRoutes, signalRoutes, analysisRoutes]) await api.register(routes);
  }, { prefix: '/api' });
  // The web view: Vite's build of client/ (`npm run build:client`; `npm start` and `npm test` run it).
  if (existsSync(join(CLIENT_DIST, 'index.html'))) await app.register(fastifyStatic, { root: CLIENT_DIST, wildcard: false, index: 'index.html' });
  else app.get('/', { schema: { hide: true } }, async (_request, reply) => reply.status(404).send({ code: 'NOT_FOUND', message: 'the web view is not built: run npm run build:client' }));
  return app;
}
