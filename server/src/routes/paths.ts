/** Routes (top-k by target and/or entry, with explanations) and choke points, from the latest scoring. */
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ChokepointError, chokePoints, describeRoute, riskiestTargets, topKPathsCooperatively } from '@chokepoint/queries';
import type { ScoringResult } from '../jobs/scoring.js';
import { Route, errors } from '../schemas/common.js';

interface PathsQuery { target?: string | undefined; entry?: string | undefined; k: number; maxSteps: number; targets: number }
const DEFAULT_PATHS_QUERY: PathsQuery = { k: 5, maxSteps: 12, targets: 10 };

/** The top-k routes to the riskiest targets (or one target), optionally from one entry; once per scoring. */
function pathsOf(result: ScoringResult, q: PathsQuery) {
  return result.memo(`paths ${q.target ?? ''}|${q.entry ?? ''}|${q.k}|${q.maxSteps}|${q.targets}`, async ({ model, scoring }) => {
    const index = (id: string, what: string) => {
      const i = model.indexOf.get(id);
      if (i === undefined) throw new ChokepointError('NOT_FOUND', `${what}: no node ${JSON.stringify(id)}`);
      return i;
    };
    const entries = q.entry !== undefined ? new Set([index(q.entry, 'entry')]) : undefined;
    const targets = q.target !== undefined ? [index(q.target, 'target')] : riskiestTargets(model, scoring, q.targets);
    const out = [];
    for (const t of targets) {
      const paths = await topKPathsCooperatively(model, t, q.k, { maxSteps: q.maxSteps, forward: scoring.paths.dist, ...(entries ? { entries } : {}) });
      out.push({ target: model.nodes[t]!.id, risk: scoring.risk[t]!, routes: paths.map((p) => describeRoute(model, p.positions)) });
    }
    return out;
  });
}

export const pathRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/paths', {
    config: { role: 'viewer' },
    schema: {
      tags: ['analysis'],
      querystring: Type.Object({
        target: Type.Optional(Type.String({ maxLength: 1024 })), entry: Type.Optional(Type.String({ maxLength: 1024 })),
        k: Type.Integer({ minimum: 1, maximum: 20, default: DEFAULT_PATHS_QUERY.k }), maxSteps: Type.Integer({ minimum: 1, maximum: 30, default: DEFAULT_PATHS_QUERY.maxSteps }),
        targets: Type.Integer({ minimum: 1, maximum: 50, default: DEFAULT_PATHS_QUERY.targets }),
      }),
      response: { 200: Type.Array(Type.Object({ target: Type.String(), risk: Type.Number(), routes: Type.Array(Route) })), ...errors },
    },
  }, async (request) => pathsOf(await app.scoring.current(), request.query));
  app.scoring.warmOnScore((result) => pathsOf(result, DEFAULT_PATHS_QUERY)); // the web view's first request

  const Choke = Type.Object({ id: Type.String(), name: Type.String(), kind: Type.String(), crossingRisk: Type.Number(), routes: Type.Integer(), riskRemoved: Type.Union([Type.Number(), Type.Null()]), explain: Type.String() });
  app.get('/chokepoints', {
    config: { role: 'viewer' },
    schema: { tags: ['analysis'], querystring: Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }) }), response: { 200: Type.Object({ nodes: Type.Array(Choke), edges: Type.Array(Choke) }), ...errors } },
  }, async (request) => app.scoring.memo(`chokepoints ${request.query.limit}`, ({ model, scoring }) => chokePoints(model, scoring, { limit: request.query.limit, confirm: 10 })));
};
