/** @chokepoint/server — the API app, its configuration and the server start-up (the CLI lives in cli/). */
export { buildApp, type AppOptions } from './app.js';
export { startServer, type RunningServer } from './server.js';
export { serverConfigFromEnv, parseTokenLines, isLoopback, ROLES, type Role, type ServerConfig } from './config.js';
export { hashToken, authenticate } from './plugins/auth.js';
export { ScoringJob, type ScoringEvent, type ScoringResult } from './jobs/scoring.js';
export { CHOKEPOINT_COLUMNS, PLAN_COLUMNS, ROUTE_COLUMNS, chokepointRows, planRows, routeRows } from './analysis/views.js';
export { renderExport, neutraliseCell, type ExportRow, type ExportFormat } from './analysis/export-render.js';
export { FIX_COLUMNS, fixRows } from './workflow/fix-rows.js';
export { reportFacts } from './analysis/views.js';
export { renderNis2Html } from './reports/nis2-html.js';
export { trendChart, routePicture, esc } from './reports/svg.js';
export type { Nis2Report } from './reports/nis2-data.js';
