#!/usr/bin/env node
// Runs the TypeScript CLI through tsx's loader (no build step; see docs/adr/0001).
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
