/** Node search and bounded neighbourhoods over the attack graph of the latest scoring. */
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ChokepointError, ROOT_ID } from '@chokepoint/queries';
import { errors } from '../schemas/common.js';

const NodeBody = Type.Object({ id: Type.String(), kind: Type.String(), name: Type.String(), domain: Type.String(), criticality: Type.Number(), exposure: Type.Union([Type.String(), Type.Null()]), risk: Type.Number() });

export const nodeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/nodes', {
    config: { role: 'viewer' },
    schema: {
      tags: ['graph'],
      querystring: Type.Object({ q: Type.String({ minLength: 1, maxLength: 200 }), kind: Type.Optional(Type.String({ maxLength: 64 })), limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }) }),
      response: { 200: Type.Array(NodeBody), ...errors },
    },
  }, async (request) => {
    const { model, scoring } = await app.scoring.current();
    const q = request.query.q.toLowerCase();
    const out = [];
    for (let i = 0; i < model.nodes.length && out.length < request.query.limit; i++) {
      const n = model.nodes[i]!;
      if (n.id === ROOT_ID || (request.query.kind && n.kind !== request.query.kind)) continue;
      if (n.id.toLowerCase().includes(q) || n.name.toLowerCase().includes(q)) out.push({ id: n.id, kind: n.kind, name: n.name, domain: n.domain, criticality: n.criticality, exposure: n.exposure, risk: scoring.risk[i]! });
    }
    return out;
  });

  app.get('/nodes/:id/neighbourhood', {
    config: { role: 'viewer' },
    schema: {
      tags: ['graph'],
      params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 1024 }) }),
      querystring: Type.Object({ depth: Type.Integer({ minimum: 1, maximum: 3, default: 1 }), limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }) }),
      response: {
        200: Type.Object({ nodes: Type.Array(NodeBody), edges: Type.Array(Type.Object({ id: Type.String(), kind: Type.String(), from: Type.String(), to: Type.String(), p: Type.Number() })), truncated: Type.Boolean() }),
        ...errors,
      },
    },
  }, async (request) => {
    const { model, scoring } = await app.scoring.current();
    const start = model.indexOf.get(request.params.id);
    if (start === undefined || start === model.root) throw new ChokepointError('NOT_FOUND', `no node ${JSON.stringify(request.params.id)}`);
    const { graph, steps } = model;
    const seen = new Set([start]);
    const edges = new Map<number, number>(); // step index → position
    let frontier = [start], truncated = false;
    for (let d = 0; d < request.query.depth && !truncated; d++) {
      const next: number[] = [];
      for (const u of frontier) {
        const around = [...Array.from({ length: graph.offsets[u + 1]! - graph.offsets[u]! }, (_, i) => graph.offsets[u]! + i), ...Array.from({ length: graph.rOffsets[u + 1]! - graph.rOffsets[u]! }, (_, i) => graph.rPositions[graph.rOffsets[u]! + i]!)];
        for (const pos of around) {
          const other = graph.sources[pos] === u ? graph.targets[pos]! : graph.sources[pos]!;
          if (other === model.root) continue;
          if (!seen.has(other)) {
            if (seen.size >= request.query.limit) { truncated = true; continue; }
            seen.add(other); next.push(other);
          }
          edges.set(graph.edgeOf[pos]!, pos);
        }
      }
      frontier = next;
    }
    const node = (i: number) => { const n = model.nodes[i]!; return { id: n.id, kind: n.kind, name: n.name, domain: n.domain, criticality: n.criticality, exposure: n.exposure, risk: scoring.risk[i]! }; };
    return {
      nodes: [...seen].map(node),
      edges: [...edges].filter(([s]) => seen.has(steps[s]!.from) && seen.has(steps[s]!.to)).map(([s, pos]) => ({ id: steps[s]!.eid, kind: steps[s]!.kind, from: model.nodes[steps[s]!.from]!.id, to: model.nodes[steps[s]!.to]!.id, p: Math.exp(-scoring.weights[pos]!) })),
      truncated,
    };
  });
};
