/**
 * The API on the real Neo4j: upload → automatic re-score → paths → plan → CSV export (parsed back with
 * csv-parse to the JSON export's rows); and, on a listening server, the SSE stream reports a scoring and
 * concurrent score requests coalesce.
 */
import { readFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import type { FastifyInstance } from 'fastify';
import { Neo4jStore } from '@chokepoint/queries';
import { ScoringJob, buildApp, startServer } from '@chokepoint/server';
import { FIXTURES } from '../helpers/fixtures.js';
import { bearer, multipart, testApp, testConfig } from '../helpers/api.js';
import { expectedCsvRow } from '../helpers/exports.js';

const why = inject('neo4jUnavailable');

describe('API on Neo4j', () => {
  let app: FastifyInstance;
  let store: Neo4jStore;
  beforeAll(async () => {
    if (why) return;
    store = new Neo4jStore({ uri: inject('neo4jUri') });
    await store.init();
    await store.wipe();
    app = await buildApp({ store, config: testConfig() });
    await app.ready();
  });
  afterAll(async () => { if (!why) { await app.close(); await store.close(); } });

  it.skipIf(why)('upload → automatic re-score → paths → plan → CSV export equal to the JSON export', async () => {
    for (const [format, file] of [['nmap', 'cross/plc7-nmap.xml'], ['inventory', 'cross/plc7-inventory.csv'], ['vendor-access', 'cross/plc7-grants.csv']] as const) {
      const body = multipart({ format }, [{ name: file.split('/').pop()!, content: await readFile(join(FIXTURES, file)) }]);
      const r = await app.inject({ method: 'POST', url: '/api/imports', headers: { ...bearer('analyst'), ...body.headers }, payload: body.payload });
      expect(r.statusCode, `${format}: ${r.body}`).toBe(201);
    }
    const runs = (await app.inject({ url: '/api/runs', headers: bearer('viewer') })).json() as Array<{ id: string; source: string }>;
    const last = runs.find((r) => r.source === 'vendor-access')!.id;
    // The re-score after the last import (coalesced with the earlier ones) lands without being asked for.
    let status: { last: { reason: string; totals: { risk: number } } | null; state: string; queued: boolean } | null = null;
    for (let i = 0; i < 200; i++) {
      status = (await app.inject({ url: '/api/score', headers: bearer('viewer') })).json();
      if (status!.last?.reason === `import ${last}` && status!.state === 'idle') break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(status!.last!.reason).toBe(`import ${last}`);
    expect(status!.last!.totals.risk).toBeGreaterThan(0);
    const paths = (await app.inject({ url: '/api/paths?target=host:10.31.0.7&k=3', headers: bearer('viewer') })).json() as Array<{ routes: Array<{ entry: string; steps: Array<{ kind: string }> }> }>;
    expect(paths[0]!.routes[0]!.entry).toBe('vendor:acme-controls');
    const plan = (await app.inject({ url: '/api/plan?steps=5', headers: bearer('viewer') })).json() as { rows: Array<{ action: string }> };
    expect(plan.rows.length).toBeGreaterThan(0);
    const csv = (await app.inject({ url: '/api/exports/plan?format=csv', headers: bearer('viewer') })).body;
    const json = (await app.inject({ url: '/api/exports/plan?format=json', headers: bearer('viewer') })).json() as Array<Record<string, unknown>>;
    const rows = parse(csv, { columns: true }) as Array<Record<string, string>>;
    expect(rows).toEqual(json.map(expectedCsvRow));
    expect(rows[0]!.nis2_measure).toMatch(/^21\(2\)/);
  });
});

describe('scoring job and SSE', () => {
  it('concurrent score requests coalesce into at most one follow-up run', async () => {
    const { store, close } = await testApp({ demo: true });
    try {
      const job = new ScoringJob(store);
      const phases: string[] = [];
      job.on('progress', (e) => phases.push(e.phase));
      await Promise.all([job.request('a'), job.request('b'), job.request('c'), job.request('d')]);
      expect(phases.filter((p) => p === 'started')).toHaveLength(2);
      expect(phases.filter((p) => p === 'queued')).toHaveLength(1);
      expect(phases.filter((p) => p === 'finished')).toHaveLength(2);
      expect((await store.listScoreRuns()).length).toBe(2);
    } finally { await close(); }
  });

  it('a listening server streams scoring events to an SSE client', async () => {
    const { store, close } = await testApp({ demo: true });
    const server = await startServer(store, testConfig({ port: 0 }), { logger: false });
    try {
      const events = await new Promise<string>((resolve, reject) => {
        const req = httpRequest(`${server.url}/api/events`, { headers: bearer('viewer') }, (res) => {
          let text = '';
          res.on('data', (c: Buffer) => {
            text += c.toString();
            if (/event: status/.test(text) && !/requested by/.test(text)) {
              void fetch(`${server.url}/api/score`, { method: 'POST', headers: bearer('analyst') });
            }
            if (/"phase":"finished","reason":"requested by analyst-user"/.test(text)) { req.destroy(); resolve(text); }
          });
        });
        req.on('error', reject);
        req.end();
      });
      expect(events).toMatch(/event: scoring\ndata: \{"phase":"started","reason":"requested by analyst-user"/);
    } finally { await server.close(); await close(); }
  });
});
