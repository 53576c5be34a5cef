/** Scoring: trigger (coalesced), status and last result, a Server-Sent Events stream, score-run diffs. */
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { ServerResponse } from 'node:http';
import { ChokepointError, asScoreRun, diffStoredScoreRuns, scoreRunsInOrder } from '@chokepoint/queries';
import type { ScoringEvent, ScoringOutcome } from '../jobs/scoring.js';
import { errors } from '../schemas/common.js';
import { trendChart } from '../reports/svg.js';
import { Overview, ScoreDiffBody, ScoreRunSummary, ScoreStatus } from '../schemas/responses.js';


const emptyChart = (w: number, h: number) => `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="no score runs yet" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}"><text x="${w / 2}" y="${h / 2}" text-anchor="middle" font-family="sans-serif" font-size="13" fill="#555">No score runs yet.</text></svg>`;

export const scoreRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const status = () => {
    const l = app.scoring.latest;
    return { state: app.scoring.state, queued: app.scoring.isQueued, lastError: app.scoring.lastError, last: l ? { scoreRun: l.run.id, finishedAt: l.finishedAt, elapsedMs: l.elapsedMs, reason: l.reason, totals: l.run.payload.totals } : null };
  };
  app.post('/score', { config: { role: 'analyst' }, schema: { tags: ['scoring'], response: { 202: ScoreStatus, ...errors } } }, async (request, reply) => {
    void app.scoring.request(`requested by ${request.principal?.name ?? 'local'}`).catch((e: Error) => request.log.error(e, 'scoring failed'));
    return reply.status(202).send(status());
  });
  app.get('/score', { config: { role: 'viewer' }, schema: { tags: ['scoring'], response: { 200: ScoreStatus, ...errors } } }, async () => status());

  // Open event streams never end by themselves: a shutdown ends them, or it would wait for every browser.
  const streams = new Set<ServerResponse>();
  app.addHook('preClose', async () => { for (const res of streams) res.end(); });
  app.get('/events', { config: { role: 'viewer' }, schema: { tags: ['scoring'], description: 'Server-Sent Events: `scoring` events {phase: queued|started|finished|failed, reason, at, scoreRun?, totalRisk?, error?}; `chain` events for each signal chain a scoring finds that the previous one did not {id, score, target, targetName, signals, explain, scoreRun}.' } }, (request, reply) => {
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    res.write(`event: status\ndata: ${JSON.stringify(status())}\n\n`);
    const send = (e: ScoringEvent) => res.write(`event: scoring\ndata: ${JSON.stringify(e)}\n\n`);
    const chains = (o: ScoringOutcome) => { for (const c of o.newChains) res.write(`event: chain\ndata: ${JSON.stringify({ ...c, scoreRun: o.run.id })}\n\n`); };
    app.scoring.on('progress', send);
    app.scoring.on('outcome', chains);
    const ping = setInterval(() => res.write(': ping\n\n'), 15_000);
    streams.add(res);
    request.raw.on('close', () => { clearInterval(ping); app.scoring.off('progress', send); app.scoring.off('outcome', chains); streams.delete(res); });
  });

  app.get('/score-runs', {
    config: { role: 'viewer' },
    schema: { tags: ['scoring'], description: 'Stored score runs, oldest first (the risk trend).', querystring: Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }) }), response: { 200: Type.Array(ScoreRunSummary), ...errors } },
  }, async (request) => (await scoreRunsInOrder(app.store)).slice(-request.query.limit).map((r) => { const run = asScoreRun(r); return { id: run.id, createdAt: run.createdAt, totals: run.payload.totals }; }));

  app.get('/score-runs/trend.svg', {
    config: { role: 'viewer' },
    schema: {
      tags: ['scoring'], produces: ['image/svg+xml'],
      description: 'The risk trend as an SVG line chart with dated axes — the evidence report\'s chart, drawn by the same code (the web view shows it as an image).',
      querystring: Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }), width: Type.Integer({ minimum: 240, maximum: 2000, default: 640 }), height: Type.Integer({ minimum: 120, maximum: 1000, default: 240 }) }),
    },
  }, async (request, reply) => {
    const points = (await scoreRunsInOrder(app.store)).slice(-request.query.limit).map((r) => { const run = asScoreRun(r); return { at: run.createdAt, risk: run.payload.totals.risk }; });
    const svg = points.length ? trendChart(points, request.query.width, request.query.height) : emptyChart(request.query.width, request.query.height);
    return reply.type('image/svg+xml; charset=utf-8').header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'").send(svg);
  });

  app.get('/overview', {
    config: { role: 'viewer' },
    schema: { tags: ['scoring'], description: 'The latest scoring at a glance: totals, risk by domain, the riskiest targets and entry points.', response: { 200: Overview, ...errors } },
  }, async () => app.scoring.view('overview'));

  app.get('/diff', {
    config: { role: 'viewer' },
    schema: {
      tags: ['scoring'],
      querystring: Type.Object({ from: Type.Optional(Type.String({ maxLength: 200 })), to: Type.Optional(Type.String({ maxLength: 200 })) }),
      response: { 200: ScoreDiffBody, ...errors },
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
