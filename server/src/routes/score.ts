/** Scoring: trigger (coalesced), status and last result, a Server-Sent Events stream, score-run diffs. */
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ChokepointError, diffStoredScoreRuns, scoreRunsInOrder } from '@chokepoint/queries';
import type { ScoringEvent } from '../jobs/scoring.js';
import { errors } from '../schemas/common.js';

const Status = Type.Object({
  state: Type.Union([Type.Literal('idle'), Type.Literal('running')]), queued: Type.Boolean(), lastError: Type.Union([Type.String(), Type.Null()]),
  last: Type.Union([Type.Null(), Type.Object({
    scoreRun: Type.String(), finishedAt: Type.String(), elapsedMs: Type.Number(), reason: Type.String(),
    totals: Type.Object({ risk: Type.Number(), targets: Type.Integer(), reachableTargets: Type.Integer(), entries: Type.Integer(), steps: Type.Integer(), derivedSteps: Type.Integer() }),
  })]),
});

export const scoreRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const status = () => {
    const l = app.scoring.latest;
    return { state: app.scoring.state, queued: app.scoring.isQueued, lastError: app.scoring.lastError, last: l ? { scoreRun: l.run.id, finishedAt: l.finishedAt, elapsedMs: l.elapsedMs, reason: l.reason, totals: l.run.payload.totals } : null };
  };
  app.post('/score', { config: { role: 'analyst' }, schema: { tags: ['scoring'], response: { 202: Status, ...errors } } }, async (request, reply) => {
    void app.scoring.request(`requested by ${request.principal?.name ?? 'local'}`).catch((e: Error) => request.log.error(e, 'scoring failed'));
    return reply.status(202).send(status());
  });
  app.get('/score', { config: { role: 'viewer' }, schema: { tags: ['scoring'], response: { 200: Status, ...errors } } }, async () => status());

  app.get('/events', { config: { role: 'viewer' }, schema: { tags: ['scoring'], description: 'Server-Sent Events: `scoring` events {phase: queued|started|finished|failed, reason, at, scoreRun?, totalRisk?, error?}.' } }, (request, reply) => {
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    res.write(`event: status\ndata: ${JSON.stringify(status())}\n\n`);
    const send = (e: ScoringEvent) => res.write(`event: scoring\ndata: ${JSON.stringify(e)}\n\n`);
    app.scoring.on('progress', send);
    const ping = setInterval(() => res.write(': ping\n\n'), 15_000);
    request.raw.on('close', () => { clearInterval(ping); app.scoring.off('progress', send); });
  });

  app.get('/diff', {
    config: { role: 'viewer' },
    schema: {
      tags: ['scoring'],
      querystring: Type.Object({ from: Type.Optional(Type.String({ maxLength: 200 })), to: Type.Optional(Type.String({ maxLength: 200 })) }),
      response: { 200: Type.Object({ from: Type.String(), to: Type.String(), totalBefore: Type.Number(), totalAfter: Type.Number(), delta: Type.Number(), newRoutes: Type.Array(Type.Any()), closedRoutes: Type.Array(Type.Any()), riskChanges: Type.Array(Type.Any()), importRuns: Type.Array(Type.Any()) }), ...errors },
    },
  }, async (request) => {
    const runs = await scoreRunsInOrder(app.store);
    const pick = (id: string) => runs.find((r) => r.id === id) ?? (() => { throw new ChokepointError('NOT_FOUND', `no score run ${JSON.stringify(id)}`); })();
    const { from, to } = request.query;
    if ((from === undefined) !== (to === undefined)) throw new ChokepointError('USAGE', 'give both from and to, or neither for the last two score runs');
    if (!from && runs.length < 2) throw new ChokepointError('NOT_FOUND', `a diff needs two score runs; the store has ${runs.length}`);
    const [a, b] = from && to ? [pick(from), pick(to)] : [runs[runs.length - 2]!, runs[runs.length - 1]!];
    return diffStoredScoreRuns(app.store, a, b);
  });
};
