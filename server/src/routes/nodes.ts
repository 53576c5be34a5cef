/** Node search and bounded neighbourhoods over the attack graph of the latest scoring. */
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errors } from '../schemas/common.js';
import { Neighbourhood, NodeDetails, NodeSummary, StoredEdgeBody } from '../schemas/responses.js';
import { listFixRecords } from '@chokepoint/queries';

export const nodeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/nodes', {
    config: { role: 'viewer' },
    schema: {
      tags: ['graph'],
      querystring: Type.Object({ q: Type.String({ minLength: 1, maxLength: 200 }), kind: Type.Optional(Type.String({ maxLength: 64 })), limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }) }),
      response: { 200: Type.Array(NodeSummary), ...errors },
    },
  }, async (request) => app.scoring.view('search', request.query.q, request.query.kind, request.query.limit));

  app.get('/nodes/:id', {
    config: { role: 'viewer' },
    schema: { tags: ['graph'], params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 1024 }) }), response: { 200: NodeDetails, ...errors } },
  }, async (request) => {
    const entity = await app.scoring.view('entity', request.params.id);
    const [stored, records] = await Promise.all([app.store.getNode(entity.id), listFixRecords(app.store)]);
    const run = (stamp: string) => { const at = stamp.lastIndexOf('@'); return { source: stamp.slice(0, at), runId: stamp.slice(at + 1) }; };
    return {
      ...entity,
      fixes: entity.fixes.map((f) => ({ ...f, status: records.get(f.fixId)?.status ?? null })),
      sources: (stored?.sourceRuns ?? []).map(run), firstSeen: stored?.firstSeen ?? null, lastSeen: stored?.lastSeen ?? null,
    };
  });

  app.get('/edges', {
    config: { role: 'viewer' },
    schema: {
      tags: ['graph'], description: 'Stored edges by id (a step\'s facts): the names of their ends, evidence, sources, first and last seen. Unknown ids are left out.',
      querystring: Type.Object({ eid: Type.Array(Type.String({ minLength: 1, maxLength: 2048 }), { minItems: 1, maxItems: 50 }) }),
      response: { 200: Type.Array(StoredEdgeBody), ...errors },
    },
  }, async (request) => {
    const edges = await app.store.getEdges(request.query.eid);
    // Names as the latest scoring knows them (evidence lines name nodes, not ids); the id when it does not.
    const names = await app.scoring.view('names', [...new Set(edges.flatMap((e) => [e.from, e.to]))]).catch(() => ({} as Record<string, string>));
    return edges.map((e) => ({
      eid: e.eid, kind: e.kind, from: e.from, to: e.to, fromName: names[e.from] ?? e.from, toName: names[e.to] ?? e.to, key: e.key, p: e.p, evidence: e.evidence, sources: e.sources, firstSeen: e.firstSeen, lastSeen: e.lastSeen, props: e.props,
    }));
  });

  app.get('/nodes/:id/neighbourhood', {
    config: { role: 'viewer' },
    schema: {
      tags: ['graph'],
      params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 1024 }) }),
      querystring: Type.Object({
        depth: Type.Integer({ minimum: 1, maximum: 3, default: 1 }), limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }),
        direction: Type.Union([Type.Literal('in'), Type.Literal('out'), Type.Literal('both')], { default: 'both' }),
        edgeKind: Type.Optional(Type.Array(Type.String({ maxLength: 64 }), { maxItems: 50 })),
        group: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, description: 'aggregate first-ring groups (direction, step kind, node kind) larger than this' })),
        expand: Type.Optional(Type.String({ maxLength: 200, description: 'a group key to draw whole' })),
        maxElements: Type.Optional(Type.Integer({ minimum: 2, maximum: 20000, description: 'stop (truncated) before the answer holds more nodes plus steps than this' })),
      }),
      response: {
        200: Neighbourhood,
        ...errors,
      },
    },
  }, async (request) => {
    const { depth, limit, direction, edgeKind, group, expand, maxElements } = request.query;
    return app.scoring.view('neighbourhood', request.params.id, depth, limit, { direction, ...(edgeKind ? { edgeKinds: edgeKind } : {}), ...(group !== undefined ? { groupAbove: group } : {}), ...(expand ? { expand } : {}), ...(maxElements !== undefined ? { maxElements } : {}) });
  });
};
