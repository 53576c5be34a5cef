/**
 * Exports for risk teams and ticketing imports: the plan, the routes and the choke points as CSV (header row, stable column
 * order) or JSON (the same rows, same keys, same order). Each plan row names the fix's NIS2 Art. 21(2)
 * measure, its IEC 62443-3-3 requirement and the owner of the asset it changes (an `owner` property).
 * The CLI's `fixes --format csv` and `chokepoints --format csv` write the same files (one renderer,
 * export-render.ts).
 */
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errors } from '../schemas/common.js';
import { CHOKEPOINT_COLUMNS, DEFAULT_PLAN_STEPS, PLAN_COLUMNS, ROUTE_COLUMNS } from '../analysis/views.js';
import { renderExport, type ExportRow } from '../analysis/export-render.js';

export const exportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const Query = Type.Object({ format: Type.Union([Type.Literal('csv'), Type.Literal('json')], { default: 'csv' }), budget: Type.Optional(Type.Number({ minimum: 0, maximum: 100_000 })), steps: Type.Integer({ minimum: 1, maximum: 100, default: DEFAULT_PLAN_STEPS }) });
  const send = (reply: { header: (k: string, v: string) => unknown }, format: 'csv' | 'json', name: string, columns: readonly string[], rows: ExportRow[]) => {
    reply.header('content-disposition', `attachment; filename="chokepoint-${name}.${format}"`);
    reply.header('content-type', format === 'json' ? 'application/json; charset=utf-8' : 'text/csv; charset=utf-8');
    return renderExport(format, columns, rows);
  };
  app.get('/exports/plan', { config: { role: 'viewer' }, schema: { tags: ['exports'], querystring: Query, response: { 200: Type.String(), ...errors } } },
    async (request, reply) => send(reply, request.query.format, 'plan', PLAN_COLUMNS, await app.scoring.view('planRows', request.query.budget, request.query.steps)));
  app.get('/exports/routes', { config: { role: 'viewer' }, schema: { tags: ['exports'], querystring: Type.Object({ format: Type.Union([Type.Literal('csv'), Type.Literal('json')], { default: 'csv' }) }), response: { 200: Type.String(), ...errors } } },
    async (request, reply) => send(reply, request.query.format, 'routes', ROUTE_COLUMNS, await app.scoring.view('routeRows')));
  app.get('/exports/chokepoints', { config: { role: 'viewer' }, schema: { tags: ['exports'], querystring: Type.Object({ format: Type.Union([Type.Literal('csv'), Type.Literal('json')], { default: 'csv' }), limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }) }), response: { 200: Type.String(), ...errors } } },
    async (request, reply) => send(reply, request.query.format, 'chokepoints', CHOKEPOINT_COLUMNS, await app.scoring.view('chokepointRows', request.query.limit)));
};
