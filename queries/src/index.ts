/** @chokepoint/queries — the graph core: schema, GraphBatch, stores, Cypher, analysis. */
export * from './schema/index.js';
export * from './batch.js';
export * from './errors.js';
export * from './cvss.js';
export * from './store/port.js';
export { buildGraph, type AttackGraph } from './store/subgraph.js';
export { stampOf } from './store/ownership.js';
export { EmbeddedStore, type EmbeddedStoreOptions } from './store/embedded/store.js';
export { Neo4jStore, type Neo4jStoreOptions } from './store/neo4j/store.js';
export { openStore, storeConfigFromEnv, type StoreConfig } from './store/open.js';
export * from './analysis/index.js';
export * from './cooperative.js';
export * from './workflow/index.js';
export * from './signals/signal.js';
