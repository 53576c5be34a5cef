/**
 * The NIS2 / IEC 62443 evidence report (reports/): GET renders a draft of the latest scoring (viewer;
 * recorded nowhere), POST issues it (analyst; recorded, so the next report says what changed since).
 * HTML always; PDF when the system Chromium is present (501 otherwise).
 */
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { errors } from '../schemas/common.js';
import { produceNis2Report } from '../reports/issue.js';

const Format = Type.Object({ format: Type.Union([Type.Literal('html'), Type.Literal('pdf')], { default: 'html' }) }, { additionalProperties: false });

export const reportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const produce = async (format: 'html' | 'pdf', by: string, draft: boolean, reply: FastifyReply) => {
    const latest = await app.scoring.current();
    const out = await produceNis2Report(app.store, {
      run: latest.run,
      facts: () => app.scoring.view('reportFacts'),
      plan: (budget, steps) => app.scoring.view('plan', budget, steps),
    }, { by, draft, pdf: format === 'pdf' });
    const name = `chokepoint-nis2-${out.report.generatedAt.slice(0, 10)}${draft ? '-draft' : ''}.${format}`;
    reply.header('content-disposition', `${format === 'pdf' ? 'attachment' : 'inline'}; filename="${name}"`);
    reply.header('content-type', format === 'pdf' ? 'application/pdf' : 'text/html; charset=utf-8');
    return reply.send(out.pdf ?? out.html);
  };

  app.get('/reports/nis2', {
    config: { role: 'viewer' },
    schema: { tags: ['reports'], description: 'A draft evidence report of the latest scoring (not recorded).', querystring: Format, response: { 200: Type.String({ description: 'the HTML (text/html) or PDF (application/pdf) file' }), ...errors } },
  }, async (request, reply) => produce(request.query.format, request.principal?.name ?? 'local', true, reply));

  app.post('/reports/nis2', {
    config: { role: 'analyst' },
    schema: { tags: ['reports'], description: 'Issues the evidence report of the latest scoring: recorded, so the next report lists what changed since this one.', querystring: Format, response: { 200: Type.String({ description: 'the HTML (text/html) or PDF (application/pdf) file' }), ...errors } },
  }, async (request, reply) => produce(request.query.format, request.principal?.name ?? 'local', false, reply));
};
