/**
 * The fix lifecycle over HTTP (the same records and rules as `chokepoint fix`): analysts set status and
 * owner, admins accept risk; every change is in the fix's history and the audit log. An acceptance takes
 * effect at the re-score it queues; verified and resurfaced are the scorings' to set.
 */
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  DEFAULT_POLICY, SETTABLE_FIX_STATUSES, acceptFix, changeFix, getFixRecord, isOverdue, listFixRecords, newFixRecord, revokeAcceptance, saveFixRecords, FIX_STATUSES,
  type FixRecord, type ScoringPolicy,
} from '@chokepoint/queries';
import { errors } from '../schemas/common.js';
import { FixRecordBody } from '../schemas/responses.js';
import { ApiError } from '../plugins/errors.js';
import { renderExport } from '../analysis/export-render.js';
import { FIX_COLUMNS, fixRows } from '../workflow/fix-rows.js';

const FixId = Type.String({ minLength: 1, maxLength: 4096 });
const withOverdue = (r: FixRecord, now: string) => ({ ...r, overdue: isOverdue(r, now) });

export const fixRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const policy: ScoringPolicy = app.settings.policy ?? DEFAULT_POLICY;

  /** The record, started from the current scoring when the plan has not tracked the fix yet. */
  const recordFor = async (fixId: string, by: string, now: string) => {
    const evidence = (await app.scoring.view('fixEvidence', [fixId])).get(fixId);
    const record = (await getFixRecord(app.store, fixId)) ?? newFixRecord(evidence!, now, by, 'tracked by hand');
    return { record, evidence };
  };
  const change = async (fixId: string, by: string, edit: (record: FixRecord, evidence: Awaited<ReturnType<typeof recordFor>>['evidence'], now: string) => FixRecord) =>
    app.scoring.fixes.run(async () => {
      const now = new Date().toISOString();
      const { record, evidence } = await recordFor(fixId, by, now);
      const next = edit(record, evidence, now);
      await saveFixRecords(app.store, [next], now);
      return withOverdue(next, now);
    });

  app.get('/fixes', {
    config: { role: 'viewer' },
    schema: {
      tags: ['fixes'],
      description: 'Tracked fixes (the plans\' fixes and any set by hand) with status, owner, SLA due date, acceptance and history.',
      querystring: Type.Object({ status: Type.Optional(Type.Union(FIX_STATUSES.map((s) => Type.Literal(s)))), fixId: Type.Optional(FixId) }),
      response: { 200: Type.Array(FixRecordBody), ...errors },
    },
  }, async (request) => {
    const now = new Date().toISOString();
    return [...(await listFixRecords(app.store)).values()]
      .filter((r) => (request.query.status === undefined || r.status === request.query.status) && (request.query.fixId === undefined || r.fixId === request.query.fixId))
      .map((r) => withOverdue(r, now));
  });

  app.post('/fixes', {
    config: { role: 'analyst' },
    schema: {
      tags: ['fixes'],
      description: 'Sets a fix\'s status (open, in-progress, done) or owner (null: the asset\'s inventory owner), with an optional note for its history.',
      body: Type.Object({
        fixId: FixId,
        status: Type.Optional(Type.Union(SETTABLE_FIX_STATUSES.map((s) => Type.Literal(s)))),
        owner: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 200 }), Type.Null()])),
        note: Type.Optional(Type.String({ maxLength: 2000 })),
      }, { additionalProperties: false }),
      response: { 200: FixRecordBody, ...errors },
    },
  }, async (request) => {
    const { fixId, status, owner, note } = request.body;
    const by = request.principal?.name ?? 'local';
    const result = await change(fixId, by, (record, evidence, now) => changeFix(record, { ...(status ? { status } : {}), ...(owner !== undefined ? { owner } : {}), ...(note ? { note } : {}) }, evidence, by, now));
    request.log.info({ audit: 'fixes', principal: by, fixId, status, owner }, 'fix changed');
    return result;
  });

  app.post('/fixes/acceptance', {
    config: { role: 'admin' },
    schema: {
      tags: ['fixes'],
      description: 'Accepts a fix\'s risk until a date (at most the policy\'s sla.maxAcceptanceDays away), or revokes the acceptance; re-scores so the plan leaves it out (or takes it back).',
      body: Type.Union([
        Type.Object({ fixId: FixId, reason: Type.String({ minLength: 1, maxLength: 2000 }), expires: Type.String({ minLength: 8, maxLength: 40, description: 'YYYY-MM-DD or ISO-8601' }) }, { additionalProperties: false }),
        Type.Object({ fixId: FixId, revoke: Type.Literal(true) }, { additionalProperties: false }),
      ]),
      response: { 200: FixRecordBody, ...errors },
    },
  }, async (request) => {
    const body = request.body;
    const by = request.principal?.name ?? 'local';
    const result = await change(body.fixId, by, (record, _evidence, now) => {
      if ('revoke' in body) {
        if (!record.acceptance) throw new ApiError(409, 'CONFLICT', `fix ${body.fixId} has no risk acceptance to revoke`);
        return revokeAcceptance(record, by, now);
      }
      return acceptFix(record, { reason: body.reason, expires: body.expires }, by, now, policy.sla.maxAcceptanceDays);
    });
    request.log.info({ audit: 'fixes', principal: by, fixId: body.fixId, acceptance: 'revoke' in body ? 'revoked' : result.acceptance }, 'risk acceptance changed');
    void app.scoring.request(`risk acceptance changed by ${by}`).catch((e: Error) => request.log.error(e, 're-score after a risk acceptance failed'));
    return result;
  });

  app.get('/exports/fixes', {
    config: { role: 'viewer' },
    schema: { tags: ['exports'], querystring: Type.Object({ format: Type.Union([Type.Literal('csv'), Type.Literal('json')], { default: 'csv' }) }), response: { 200: Type.String(), ...errors } },
  }, async (request, reply) => {
    const format = request.query.format;
    reply.header('content-disposition', `attachment; filename="chokepoint-fixes.${format}"`);
    reply.header('content-type', format === 'json' ? 'application/json; charset=utf-8' : 'text/csv; charset=utf-8');
    return renderExport(format, FIX_COLUMNS, fixRows((await listFixRecords(app.store)).values(), new Date().toISOString()));
  });
};
