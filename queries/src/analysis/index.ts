/** Path analysis: model, derivation, scoring, top-k, choke points, plan, what-if, score runs. */
export * from './compact-graph.js';
export * from './dijkstra.js';
export * from './exploit.js';
export * from './model.js';
export * from './derive.js';
export * from './score.js';
export * from './routes.js';
export * from './flags.js';
export * from './top-k.js';
export * from './incremental.js';
export * from './fixes.js';
export * from './plan.js';
export * from './chokepoints.js';
export * from './whatif.js';
export * from './score-runs.js';
export * from './load.js';
