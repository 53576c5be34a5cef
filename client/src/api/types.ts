// The API's response types, taken from the server's TypeBox schemas (one way: schema → server and client).
export type {
  ChokePointsBody, CoverageBody, ImportRunBody, ImportSummaryBody, KindsBody, MarkerBody, NeighbourhoodBody, NodeDetailsBody, NodeSummaryBody, OverviewBody,
  PlanResponse, RouteWithNodesBody, StoredEdgeBodyType, ScoreDiff, ScoreRunSummaryBody, ScoreStatusBody, TargetRoutesBody, WhatIfResponse,
} from '../../../server/src/schemas/responses.js';
export type { RouteBody } from '../../../server/src/schemas/common.js';
export type { SignalAnalysis as SignalAnalysisBody } from '../../../queries/src/analysis/signals.js';
