/** Schemas shared by routes. */
import { Type, type Static } from '@fastify/type-provider-typebox';

export const ErrorBody = Type.Object({ code: Type.String(), message: Type.String() }, { $id: 'Error' });
export const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 413: ErrorBody, 429: ErrorBody, 500: ErrorBody, 501: ErrorBody, 503: ErrorBody };

export const RouteStep = Type.Object({
  eid: Type.String(), kind: Type.String(), from: Type.String(), to: Type.String(), fromName: Type.String(), toName: Type.String(),
  key: Type.Union([Type.String(), Type.Null()]), p: Type.Number(), techniques: Type.Array(Type.String()), derived: Type.Boolean(), assumed: Type.Boolean(),
  explain: Type.String(), facts: Type.Array(Type.String()), sources: Type.Array(Type.String()),
});
export const Route = Type.Object({
  target: Type.String(), targetName: Type.String(), entry: Type.String(), entryName: Type.String(),
  p0: Type.Number(), likelihood: Type.Number(), criticality: Type.Number(), risk: Type.Number(),
  steps: Type.Array(RouteStep), fingerprint: Type.String(), flags: Type.Array(Type.String()),
  purdueJumps: Type.Array(Type.Object({ from: Type.String(), to: Type.String(), fromLevel: Type.Number(), toLevel: Type.Number() })),
  alike: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })),
  explain: Type.String(),
});
export type RouteBody = Static<typeof Route>;

export const PlanRow = Type.Object({
  rank: Type.Integer(), together: Type.Array(Type.String()), fixId: Type.String(), family: Type.String(), action: Type.String(), cost: Type.Number(), cumulativeCost: Type.Number(),
  riskBefore: Type.Number(), riskAfter: Type.Number(), riskRemoved: Type.Number(), routesCut: Type.Integer(),
  targetsProtected: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), before: Type.Number(), after: Type.Number() })),
  nis2: Type.String(), cir2690: Type.String({ description: 'section of the Annex to Implementing Regulation (EU) 2024/2690' }), iec62443: Type.Union([Type.String(), Type.Null()]), explain: Type.String(),
  gaps: Type.Optional(Type.Array(Type.Object({ node: Type.String(), name: Type.String(), missing: Type.Array(Type.String()) }), { description: 'nodes the fix acts on or protects with data no source collected' })),
  lifecycle: Type.Optional(Type.Union([Type.Object({ status: Type.String(), owner: Type.Union([Type.String(), Type.Null()]), due: Type.String(), tier: Type.String(), overdue: Type.Boolean() }), Type.Null()], { description: 'the tracked fix\'s status (null: not tracked yet)' })),
});
