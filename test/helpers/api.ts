/** A built API app over a fresh embedded store (demo estate loaded), with one token per role, for inject() tests. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { generateDemoEstate, loadBatch } from '@chokepoint/importers';
import { EmbeddedStore, type GraphStore } from '@chokepoint/queries';
import { buildApp, hashToken, type ServerConfig } from '@chokepoint/server';

export const TOKENS = { viewer: 'cp_viewer_token', analyst: 'cp_analyst_token', admin: 'cp_admin_token' } as const;
export const bearer = (role: keyof typeof TOKENS) => ({ authorization: `Bearer ${TOKENS[role]}` });

export function testConfig(overrides: Partial<ServerConfig> = {}): ServerConfig {
  return {
    host: '127.0.0.1', port: 0, auth: true,
    tokens: (Object.keys(TOKENS) as Array<keyof typeof TOKENS>).map((role) => ({ name: `${role}-user`, role, sha256: hashToken(TOKENS[role]) })),
    uploadLimitBytes: 5 * 1024 * 1024, rateLimitPerMinute: 10_000, corsOrigin: null, rescoreCron: null,
    ...overrides,
  };
}

export async function testApp(options: { config?: Partial<ServerConfig>; demo?: boolean; store?: (s: GraphStore) => GraphStore } = {}): Promise<{ app: FastifyInstance; store: GraphStore; close: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'chokepoint-api-'));
  const real = new EmbeddedStore({ dataDir: dir });
  await real.init();
  if (options.demo !== false) for (const b of generateDemoEstate({ size: 200, seed: 5 }).batches) await loadBatch(real, b);
  const store = options.store ? options.store(real) : real;
  const app = await buildApp({ store, config: testConfig(options.config) });
  await app.ready();
  return { app, store: real, close: async () => { await app.close(); await real.close(); await rm(dir, { recursive: true, force: true }); } };
}

/** A multipart/form-data body for inject(): text fields, then files (field name `file`). */
/** A multipart body; a file goes in the `file` part unless it names another (a file option such as `mapping`). */
export function multipart(fields: Record<string, string>, files: Array<{ name: string; content: Buffer | string; field?: string }>): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----chokepoint-test';
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  for (const f of files) parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${f.field ?? 'file'}"; filename="${f.name}"\r\ncontent-type: application/octet-stream\r\n\r\n`), Buffer.from(f.content), Buffer.from('\r\n'));
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
