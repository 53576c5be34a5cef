/** The risk team's workflow beside the graph: fix lifecycle (more to come: saved views, webhooks, reports). */
export * from './fix-lifecycle.js';
export * from './lifecycle-store.js';
export * from './saved-views.js';
