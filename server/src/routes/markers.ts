/** Owned / high-value markers (BloodHound's owned and high value): kept per store, used by the next scoring. */
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { NODE_MARKERS } from '@chokepoint/queries';
import { errors } from '../schemas/common.js';
import { Marker } from '../schemas/responses.js';

export const markerRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/markers', {
    config: { role: 'viewer' },
    schema: { tags: ['analysis'], response: { 200: Type.Array(Marker), ...errors } },
  }, async () => app.store.listMarkers());

  app.post('/markers', {
    config: { role: 'analyst' },
    schema: {
      tags: ['analysis'],
      description: 'Marks nodes owned (routes start there with p₀ 1: assume breach) or high-value (a target whatever its criticality), or clears the mark; re-scores.',
      body: Type.Object({
        marker: Type.Union(NODE_MARKERS.map((m) => Type.Literal(m))),
        nodes: Type.Array(Type.String({ minLength: 1, maxLength: 1024 }), { minItems: 1, maxItems: 500, description: 'ids, aliases or names' }),
        clear: Type.Boolean({ default: false }),
      }, { additionalProperties: false }),
      response: { 200: Type.Object({ marker: Type.String(), cleared: Type.Boolean(), nodes: Type.Array(Type.String()), rescore: Type.String() }), ...errors },
    },
  }, async (request) => {
    const { marker, nodes, clear } = request.body;
    const ids = await app.scoring.view('resolve', nodes);
    const by = request.principal?.name ?? 'local';
    const at = new Date().toISOString();
    for (const nodeId of ids) await app.store.setMarker({ nodeId, marker, by, at }, !clear);
    request.log.info({ audit: 'markers', principal: by, marker, clear, nodes: ids }, 'markers changed');
    void app.scoring.request(`markers changed by ${by}`).catch((e: Error) => request.log.error(e, 're-score after a marker change failed'));
    return { marker, cleared: clear, nodes: ids, rescore: 'queued' };
  });
};
