/** @chokepoint/importers — pure parsers to GraphBatch, the one loader, the demo estate. */
export * from './loader.js';
export * from './expire.js';
export * from './registry.js';
export { formatOptions } from './options.js';
export * from './option-specs.js';
export * from './demo/index.js';
export * from './input.js';
export { iamMatch, inCidr, DANGEROUS_ACTIONS } from './formats/cloud/aws.js';
export { redactArgs } from './formats/ai/mcp.js';
export { scanTargets } from './formats/it/nmap.js';
