export { generateDemoEstate, DEMO_IDS, type DemoEstate, type DemoOptions, type PlantedRoute } from './estate.js';
export * from './export.js';
export { demoSignals, DEMO_CHAIN } from './signals.js';
