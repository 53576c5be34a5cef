/** Pre-built analyses on the demo estate: each planted route shows up where it belongs; unknown names are 404 with the library. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { DEMO_IDS } from '@chokepoint/importers';
import { bearer, testApp } from '../helpers/api.js';

let app: FastifyInstance, close: () => Promise<void>;
beforeAll(async () => { ({ app, close } = await testApp()); });
afterAll(async () => { await close(); });

interface Result { kind: string; routes: Array<{ target: string; entry: string; flags: string[] }>; nodes: Array<{ id: string; why: string; group: string | null }> }
const run = async (name: string) => (await app.inject({ url: `/api/analyses/${name}`, headers: bearer('viewer') })).json() as Result;

describe('pre-built analyses', () => {
  it('list the library and answer each on the latest scoring', async () => {
    const list = (await app.inject({ url: '/api/analyses', headers: bearer('viewer') })).json() as Array<{ name: string }>;
    expect(list.map((a) => a.name)).toEqual(['it-into-purdue-2', 'vendor-to-ot', 'agents-untrusted-input', 'tier-zero-exposure', 'kev-on-route', 'ai-by-zone']);
    const vendor = await run('vendor-to-ot');
    expect(vendor.kind).toBe('routes');
    expect(vendor.routes.map((r) => r.target)).toContain(DEMO_IDS.coolingPlc);
    expect(vendor.routes.every((r) => r.flags.includes('vendor→ot'))).toBe(true);
    const purdue = await run('it-into-purdue-2');
    expect(purdue.routes.map((r) => r.target)).toContain(DEMO_IDS.coolingPlc);
    const agents = await run('agents-untrusted-input');
    expect(agents.nodes.find((n) => n.id === DEMO_IDS.agent)?.why).toMatch(/on the best route to .*finance-db/);
    const tierZero = await run('tier-zero-exposure');
    expect(tierZero.nodes.map((n) => n.id)).toContain(DEMO_IDS.domain);
    expect((await run('kev-on-route')).kind).toBe('nodes');
    expect((await run('ai-by-zone')).nodes.map((n) => n.id)).toContain(DEMO_IDS.agent);
    const unknown = await app.inject({ url: '/api/analyses/no-such', headers: bearer('viewer') });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().message).toMatch(/the library: it-into-purdue-2, vendor-to-ot/);
  });
});
