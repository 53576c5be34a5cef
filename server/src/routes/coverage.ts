/** Coverage as data (ADR 0011): per source what was collected, when and by which run; what is unknown. */
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { storeCoverage } from '@chokepoint/queries';
import { errors } from '../schemas/common.js';

const SourceCoverage = Type.Object({
  source: Type.String(), format: Type.String(), runs: Type.Integer(), lastRun: Type.String(), lastRunAt: Type.String(),
  scopes: Type.Union([Type.Array(Type.String()), Type.Null()]),
  observations: Type.Union([Type.Object({ retentionDays: Type.Number(), edgeKinds: Type.Union([Type.Array(Type.String()), Type.Null()]) }), Type.Null()]),
  nodes: Type.Integer(), edges: Type.Integer(),
});
const Gap = Type.Object({ kind: Type.String(), message: Type.String(), examples: Type.Array(Type.String()), count: Type.Integer() });

export const coverageRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/coverage', {
    config: { role: 'viewer' },
    schema: {
      tags: ['analysis'],
      description: 'Per source: runs, the latest run and what it covered (scopes; null = the whole source), observation retention, what it asserts; and the gaps: what no source collected.',
      response: { 200: Type.Object({ sources: Type.Array(SourceCoverage), gaps: Type.Array(Gap) }), ...errors },
    },
  }, async () => storeCoverage(app.store));
};
