/** The schema as the UI and integrators need it: node legend, edge kinds with remediation text, fix families. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { DOMAINS, PURDUE, EDGE_KINDS, EDGE_KIND_IDS, FIX_FAMILIES, legend, type EdgeKindSpec } from '@chokepoint/queries';
import { IMPORTERS, IMPORT_OPTIONS } from '@chokepoint/importers';
import { errors } from '../schemas/common.js';
import { Kinds } from '../schemas/responses.js';

export const kindsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/kinds', {
    config: { role: 'viewer' },
    schema: {
      tags: ['schema'],
      response: {
        200: Kinds,
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
    purdue: PURDUE.map((p) => ({ ...p })),
    fixFamilies: FIX_FAMILIES,
    formats: IMPORTERS.map((i) => ({ id: i.id, title: i.title, accepts: i.accepts, options: (i.options ?? []).map((name) => ({ name, ...IMPORT_OPTIONS[name] })) })),
  }));
};
