/** The schema as the UI and integrators need it: node legend, edge kinds with remediation text, fix families. */
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { DOMAINS, EDGE_KINDS, EDGE_KIND_IDS, FIX_FAMILIES, legend, type EdgeKindSpec } from '@chokepoint/queries';
import { errors } from '../schemas/common.js';

export const kindsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/kinds', {
    config: { role: 'viewer' },
    schema: {
      tags: ['schema'],
      response: {
        200: Type.Object({
          nodes: Type.Array(Type.Object({ kind: Type.String(), label: Type.String(), shape: Type.String(), domain: Type.String(), description: Type.String() })),
          edges: Type.Array(Type.Object({
            kind: Type.String(), role: Type.String(), p: Type.Number(), techniques: Type.Array(Type.String()), fixFamily: Type.String(), description: Type.String(),
            remediation: Type.Object({ risk: Type.String(), abuse: Type.String(), fix: Type.String(), references: Type.Array(Type.String()) }),
          })),
          domains: Type.Record(Type.String(), Type.Object({ label: Type.String(), colour: Type.String() })),
          fixFamilies: Type.Record(Type.String(), Type.Object({ label: Type.String(), nis2: Type.String(), iec62443: Type.Union([Type.String(), Type.Null()]), cost: Type.Number() })),
        }),
        ...errors,
      },
    },
  }, async () => ({
    nodes: legend(),
    edges: EDGE_KIND_IDS.map((kind) => {
      const s: EdgeKindSpec = EDGE_KINDS[kind];
      return { kind, role: s.role, p: s.p, techniques: [...s.techniques], fixFamily: s.fixFamily, description: s.description, remediation: { ...s.remediation, references: [...s.remediation.references] } };
    }),
    domains: DOMAINS,
    fixFamilies: FIX_FAMILIES,
  }));
};
