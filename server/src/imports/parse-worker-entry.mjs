// The parse worker's entry. Worker threads do not reliably inherit the parent's TypeScript loader
// (plain `node --import tsx`, vitest), so the entry registers tsx itself before loading the worker.
import { register } from 'tsx/esm/api';

register();
await import('./parse-worker.ts');
