/**
 * Exports for risk teams and ticketing imports: the plan and the routes as CSV (header row, stable column
 * order) or JSON (the same rows, same keys, same order). Each plan row names the fix's NIS2 Art. 21(2)
 * measure, its IEC 62443-3-3 requirement and the owner of the asset it changes (an `owner` property).
 */
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { stringify } from 'csv-stringify/sync';
import { bestRoutes, fixCandidates, type AnalysisModel } from '@chokepoint/queries';
import { errors } from '../schemas/common.js';
import { DEFAULT_PLAN_STEPS } from '../jobs/scoring.js';

export const PLAN_COLUMNS = ['rank', 'fix_id', 'action', 'family', 'nis2_measure', 'iec62443', 'owner', 'cost_person_days', 'cumulative_cost', 'risk_before', 'risk_after', 'risk_removed', 'routes_cut', 'targets_protected', 'explain'] as const;
export const ROUTE_COLUMNS = ['target', 'target_name', 'owner', 'risk', 'entry', 'entry_name', 'p0', 'likelihood', 'criticality', 'steps', 'path', 'flags', 'fingerprint', 'explain'] as const;

function ownerOf(model: AnalysisModel, node: number | undefined): string {
  if (node === undefined) return '';
  const owner = model.nodes[node]!.props.owner;
  return typeof owner === 'string' ? owner : '';
}

export const exportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const planRows = async (budget: number | undefined, steps: number) => {
    const { model } = await app.scoring.current();
    const plan = await app.scoring.plan(budget, steps);
    const candidates = fixCandidates(model);
    return plan.rows.map((r) => {
      const first = candidates.get(r.fixId)?.positions[0];
      return {
        rank: r.rank, fix_id: r.fixId, action: r.action, family: r.family, nis2_measure: r.nis2, iec62443: r.iec62443 ?? '',
        owner: first === undefined ? '' : ownerOf(model, model.graph.targets[first]) || ownerOf(model, model.graph.sources[first]),
        cost_person_days: r.cost, cumulative_cost: r.cumulativeCost, risk_before: r.riskBefore, risk_after: r.riskAfter, risk_removed: r.riskRemoved,
        routes_cut: r.routesCut, targets_protected: r.targetsProtected.map((t) => t.id).join('; '), explain: r.explain,
      };
    });
  };
  const routeRows = async () => {
    const { model, scoring } = await app.scoring.current();
    return bestRoutes(model, scoring).sort((a, b) => b.risk - a.risk).map((r) => ({
      target: r.target, target_name: r.targetName, owner: ownerOf(model, model.indexOf.get(r.target)), risk: r.risk, entry: r.entry, entry_name: r.entryName,
      p0: r.p0, likelihood: r.likelihood, criticality: r.criticality, steps: r.steps.map((s) => s.kind).join(' > '),
      path: [r.entryName, ...r.steps.map((s) => s.toName)].join(' > '), flags: r.flags.join('; '), fingerprint: r.fingerprint, explain: r.explain,
    }));
  };
  const Query = Type.Object({ format: Type.Union([Type.Literal('csv'), Type.Literal('json')], { default: 'csv' }), budget: Type.Optional(Type.Number({ minimum: 0, maximum: 100_000 })), steps: Type.Integer({ minimum: 1, maximum: 100, default: DEFAULT_PLAN_STEPS }) });
  const send = <T extends Record<string, unknown>>(reply: { header: (k: string, v: string) => unknown }, format: 'csv' | 'json', name: string, columns: readonly string[], rows: T[]) => {
    reply.header('content-disposition', `attachment; filename="chokepoint-${name}.${format}"`);
    if (format === 'json') { reply.header('content-type', 'application/json; charset=utf-8'); return JSON.stringify(rows.map((r) => Object.fromEntries(columns.map((c) => [c, r[c]])))); }
    reply.header('content-type', 'text/csv; charset=utf-8');
    return stringify(rows, { header: true, columns: [...columns] });
  };
  app.get('/exports/plan', { config: { role: 'viewer' }, schema: { tags: ['exports'], querystring: Query, response: { 200: Type.String(), ...errors } } },
    async (request, reply) => send(reply, request.query.format, 'plan', PLAN_COLUMNS, await planRows(request.query.budget, request.query.steps)));
  app.get('/exports/routes', { config: { role: 'viewer' }, schema: { tags: ['exports'], querystring: Type.Object({ format: Type.Union([Type.Literal('csv'), Type.Literal('json')], { default: 'csv' }) }), response: { 200: Type.String(), ...errors } } },
    async (request, reply) => send(reply, request.query.format, 'routes', ROUTE_COLUMNS, await routeRows()));
};
