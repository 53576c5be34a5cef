/**
 * Response schemas of the read routes, named so the web view takes its types from them (`Static<>`),
 * one way: schema → server and client.
 */
import { Type, type Static } from '@fastify/type-provider-typebox';
import { PlanRow, Route } from './common.js';

export const ScoreTotals = Type.Object({ risk: Type.Number(), targets: Type.Integer(), reachableTargets: Type.Integer(), entries: Type.Integer(), steps: Type.Integer(), derivedSteps: Type.Integer() });
export const ScoreStatus = Type.Object({
  state: Type.Union([Type.Literal('idle'), Type.Literal('running')]), queued: Type.Boolean(), lastError: Type.Union([Type.String(), Type.Null()]),
  last: Type.Union([Type.Null(), Type.Object({ scoreRun: Type.String(), finishedAt: Type.String(), elapsedMs: Type.Number(), reason: Type.String(), totals: ScoreTotals })]),
});
export const ScoreRunSummary = Type.Object({ id: Type.String(), createdAt: Type.String(), totals: ScoreTotals });
const Ranked = Type.Object({ id: Type.String(), name: Type.String(), kind: Type.String(), domain: Type.String(), risk: Type.Number() });
export const Overview = Type.Object({
  scoreRun: Type.String(), totals: ScoreTotals,
  byDomain: Type.Record(Type.String(), Type.Number()),
  targets: Type.Array(Ranked),
  entries: Type.Array(Type.Intersect([Ranked, Type.Object({ routes: Type.Integer() })])),
});

export const RouteChange = Type.Object({ target: Type.String(), targetName: Type.String(), fingerprint: Type.String(), risk: Type.Number(), causes: Type.Array(Type.String()) });
const ChainSummaryBody = Type.Object({ id: Type.String(), score: Type.Number(), target: Type.String(), targetName: Type.String(), signals: Type.Array(Type.String()), explain: Type.String() });
export const ScoreDiffBody = Type.Object({
  from: Type.String(), to: Type.String(), totalBefore: Type.Number(), totalAfter: Type.Number(), delta: Type.Number(),
  newRoutes: Type.Array(RouteChange), closedRoutes: Type.Array(RouteChange),
  riskChanges: Type.Array(Type.Object({ target: Type.String(), name: Type.String(), before: Type.Number(), after: Type.Number(), delta: Type.Number() })),
  importRuns: Type.Array(Type.Object({ id: Type.String(), source: Type.String(), finishedAt: Type.String() })),
  newChains: Type.Array(ChainSummaryBody, { description: 'signal chains the later scoring found and the earlier did not' }),
  endedChains: Type.Array(ChainSummaryBody),
});

export const ImportRun = Type.Object({ id: Type.String(), source: Type.String(), format: Type.String(), startedAt: Type.String(), finishedAt: Type.String(), nodes: Type.Integer(), edges: Type.Integer(), complete: Type.Boolean(), files: Type.Array(Type.String()) });
export const ImportSummary = Type.Object({
  runId: Type.String(), source: Type.String(), format: Type.String(),
  nodes: Type.Object({ read: Type.Integer(), written: Type.Integer() }), edges: Type.Object({ read: Type.Integer(), written: Type.Integer() }),
  warnings: Type.Array(Type.String()), rescore: Type.String(),
});

export const Kinds = Type.Object({
  nodes: Type.Array(Type.Object({ kind: Type.String(), label: Type.String(), shape: Type.String(), domain: Type.String(), description: Type.String() })),
  edges: Type.Array(Type.Object({
    kind: Type.String(), role: Type.String(), p: Type.Number(), techniques: Type.Array(Type.String()), fixFamily: Type.String(), description: Type.String(),
    remediation: Type.Object({ risk: Type.String(), abuse: Type.String(), fix: Type.String(), references: Type.Array(Type.String()) }),
  })),
  domains: Type.Record(Type.String(), Type.Object({ label: Type.String(), colour: Type.String() })),
  purdue: Type.Array(Type.Object({ level: Type.Number(), label: Type.String() }), { description: 'Purdue levels, top of the model first (the web view\'s bands)' }),
  fixFamilies: Type.Record(Type.String(), Type.Object({ label: Type.String(), nis2: Type.String(), cir2690: Type.String(), iec62443: Type.Union([Type.String(), Type.Null()]), cost: Type.Number() })),
  formats: Type.Array(Type.Object({
    id: Type.String(), title: Type.String(), accepts: Type.String(),
    options: Type.Array(Type.Object({ name: Type.String(), type: Type.Union([Type.Literal('text'), Type.Literal('boolean'), Type.Literal('number'), Type.Literal('file')]), flag: Type.String(), label: Type.String(), help: Type.String() }), { description: 'upload fields this format reads (a `file` one is a file part of that name)' }),
  })),
});

export const NodeSummary = Type.Object({ id: Type.String(), kind: Type.String(), name: Type.String(), domain: Type.String(), criticality: Type.Number(), exposure: Type.Union([Type.String(), Type.Null()]), purdueLevel: Type.Union([Type.Number(), Type.Null()]), risk: Type.Number() });
export const Neighbourhood = Type.Object({
  nodes: Type.Array(NodeSummary),
  edges: Type.Array(Type.Object({ id: Type.String(), kind: Type.String(), from: Type.String(), to: Type.String(), p: Type.Number() })),
  truncated: Type.Boolean(),
  groups: Type.Array(Type.Object({
    key: Type.String({ description: 'in|out:<EdgeKind>:<NodeKind>: pass it as `expand` to draw the group' }), direction: Type.String(), edgeKind: Type.String(), nodeKind: Type.String(),
    count: Type.Integer(), sample: Type.Array(NodeSummary),
  }), { description: 'first-ring neighbours aggregated because their group is larger than `group`' }),
});

export const RouteNode = Type.Object({ id: Type.String(), name: Type.String(), kind: Type.String(), domain: Type.String(), criticality: Type.Number(), purdueLevel: Type.Union([Type.Number(), Type.Null()]) });
export const RouteWithNodes = Type.Intersect([Route, Type.Object({
  nodes: Type.Array(RouteNode),
  gaps: Type.Array(Type.Object({ node: Type.String(), name: Type.String(), missing: Type.Array(Type.String()) }), { description: 'nodes on the route with data no source collected: its risk is a lower bound there' }),
})]);
export const StoredEdgeBody = Type.Object({
  eid: Type.String(), kind: Type.String(), from: Type.String(), to: Type.String(), fromName: Type.String(), toName: Type.String(), key: Type.Union([Type.String(), Type.Null()]), p: Type.Union([Type.Number(), Type.Null()]),
  evidence: Type.Array(Type.String()), sources: Type.Array(Type.String()), firstSeen: Type.String(), lastSeen: Type.String(), props: Type.Record(Type.String(), Type.Unknown()),
});
export const TargetRoutes = Type.Object({
  target: Type.String(), targetName: Type.String(), risk: Type.Number(), routes: Type.Array(RouteWithNodes),
  reason: Type.Optional(Type.String({ description: 'when no route: "no path found" or "no data to decide" with what is missing' })),
});
export const Marker = Type.Object({ nodeId: Type.String(), marker: Type.String(), by: Type.String(), at: Type.String() });
export const NodeDetails = Type.Intersect([
  Type.Object({ id: Type.String(), kind: Type.String(), name: Type.String(), domain: Type.String(), criticality: Type.Number(), exposure: Type.Union([Type.String(), Type.Null()]), risk: Type.Number() }),
  Type.Object({ purdueLevel: Type.Union([Type.Number(), Type.Null()]), target: Type.Boolean(), props: Type.Record(Type.String(), Type.Unknown()) }),
  Type.Object({
    aliases: Type.Array(Type.String()),
    gaps: Type.Array(Type.String({ description: 'what no source collected about it' })),
    steps: Type.Object({ in: Type.Record(Type.String(), Type.Integer()), out: Type.Record(Type.String(), Type.Integer()) }, { description: 'attack steps into and out of it, counted by kind' }),
    fixes: Type.Array(Type.Object({ fixId: Type.String(), action: Type.String(), family: Type.String(), cost: Type.Number(), status: Type.Union([Type.String(), Type.Null()]) })),
    sources: Type.Array(Type.Object({ source: Type.String(), runId: Type.String() }), { description: 'the sources that assert it and their last run that did' }),
    firstSeen: Type.Union([Type.String(), Type.Null()]), lastSeen: Type.Union([Type.String(), Type.Null()]),
  }),
]);
export const ChokePoint = Type.Object({ id: Type.String(), name: Type.String(), kind: Type.String(), crossingRisk: Type.Number(), routes: Type.Integer(), riskRemoved: Type.Union([Type.Number(), Type.Null()]), explain: Type.String() });
export const ChokePoints = Type.Object({ nodes: Type.Array(ChokePoint), edges: Type.Array(ChokePoint) });
const Run = Type.Object({ source: Type.String(), runId: Type.String() });
export const FixRecordBody = Type.Object({
  fixId: Type.String(), action: Type.String(), family: Type.String(), status: Type.String(), owner: Type.Union([Type.String(), Type.Null()]),
  ownerFrom: Type.Union([Type.String(), Type.Null()]), trackedSince: Type.String(), sla: Type.Object({ tier: Type.String(), days: Type.Number(), due: Type.String() }),
  facts: Type.Array(Type.String()), sources: Type.Array(Type.String()),
  acceptance: Type.Union([Type.Object({ reason: Type.String(), approver: Type.String(), at: Type.String(), expires: Type.String() }), Type.Null()]),
  doneAt: Type.Union([Type.String(), Type.Null()]),
  verified: Type.Union([Type.Object({ at: Type.String(), scoreRun: Type.String(), runs: Type.Array(Run) }), Type.Null()]),
  resurfaced: Type.Union([Type.Object({ at: Type.String(), scoreRun: Type.String(), runs: Type.Array(Run) }), Type.Null()]),
  check: Type.Union([Type.Object({ at: Type.String(), scoreRun: Type.String(), stillStored: Type.Number() }), Type.Null()]),
  history: Type.Array(Type.Object({ at: Type.String(), by: Type.String(), change: Type.String() })),
  overdue: Type.Boolean(),
});
export const PlanBody = Type.Object({
  totalBefore: Type.Number(), totalAfter: Type.Number(), stopped: Type.String(), rows: Type.Array(PlanRow),
  accepted: Type.Optional(Type.Array(Type.Object({ fixId: Type.String(), action: Type.String(), reason: Type.String(), approver: Type.String(), expires: Type.String() }), { description: 'fixes left out of the plan: their risk is accepted until the date given' })),
});
export const WhatIfBody = Type.Object({
  before: Type.Number(), after: Type.Number(), removed: Type.Number(),
  steps: Type.Record(Type.String(), Type.Number(), { description: 'p after the change of each step asked about (0 = removed)' }),
  targets: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), before: Type.Number(), after: Type.Number(), route: Type.Union([Route, Type.Null()]) })),
});

export type ScoreStatusBody = Static<typeof ScoreStatus>;
export type ScoreRunSummaryBody = Static<typeof ScoreRunSummary>;
export type OverviewBody = Static<typeof Overview>;
export type ScoreDiff = Static<typeof ScoreDiffBody>;
export type ImportRunBody = Static<typeof ImportRun>;
export type ImportSummaryBody = Static<typeof ImportSummary>;
export type KindsBody = Static<typeof Kinds>;
export type MarkerBody = Static<typeof Marker>;
export type NodeSummaryBody = Static<typeof NodeSummary>;
export type NeighbourhoodBody = Static<typeof Neighbourhood>;
export const Coverage = Type.Object({
  sources: Type.Array(Type.Object({
    source: Type.String(), format: Type.String(), runs: Type.Integer(), lastRun: Type.String(), lastRunAt: Type.String(),
    scopes: Type.Union([Type.Array(Type.String()), Type.Null()]),
    observations: Type.Union([Type.Object({ retentionDays: Type.Number(), edgeKinds: Type.Union([Type.Array(Type.String()), Type.Null()]) }), Type.Null()]),
    nodes: Type.Integer(), edges: Type.Integer(),
    notReconfirmed: Type.Object({ nodes: Type.Integer(), edges: Type.Integer() }, { description: 'asserted by this source but not re-confirmed by its latest run (outside its scopes, or observations it did not see again): kept, not known to be current' }),
  })),
  gaps: Type.Array(Type.Object({ kind: Type.String(), message: Type.String(), examples: Type.Array(Type.String()), count: Type.Integer() })),
});
export type CoverageBody = Static<typeof Coverage>;
export type TargetRoutesBody = Static<typeof TargetRoutes>;
export type RouteWithNodesBody = Static<typeof RouteWithNodes>;
export type NodeDetailsBody = Static<typeof NodeDetails>;
export type StoredEdgeBodyType = Static<typeof StoredEdgeBody>;
export type ChokePointsBody = Static<typeof ChokePoints>;
export type PlanResponse = Static<typeof PlanBody>;
export type WhatIfResponse = Static<typeof WhatIfBody>;
