/**
 * The entity panel's API and large neighbourhoods: a node's attack steps counted by kind and direction
 * equal what its plain neighbourhood draws; its aliases, sources and fixes are there; a neighbourhood with
 * `group` aggregates large first-ring groups into counts, and `expand` draws one of them whole.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { DEMO_IDS } from '@chokepoint/importers';
import { bearer, testApp } from '../helpers/api.js';

let app: FastifyInstance, close: () => Promise<void>;
beforeAll(async () => { ({ app, close } = await testApp()); });
afterAll(async () => { await close(); });

interface Hood { nodes: Array<{ id: string; kind: string }>; edges: Array<{ kind: string; from: string; to: string }>; groups: Array<{ key: string; count: number; sample: unknown[] }>; truncated: boolean }
const get = async <T,>(url: string) => (await app.inject({ url, headers: bearer('viewer') })).json() as T;
const tally = (xs: string[]) => xs.reduce<Record<string, number>>((acc, x) => ({ ...acc, [x]: (acc[x] ?? 0) + 1 }), {});

describe('who am I', () => {
  it('names the token\'s holder and role (the web view hides what the role cannot use)', async () => {
    expect((await app.inject({ url: '/api/me', headers: bearer('viewer') })).json()).toEqual({ name: 'viewer-user', role: 'viewer' });
    expect((await app.inject({ url: '/api/me', headers: bearer('admin') })).json()).toEqual({ name: 'admin-user', role: 'admin' });
    expect((await app.inject({ url: '/api/me' })).statusCode).toBe(401);
  });
});

describe('entity panel API', () => {
  it('counts steps in and out by kind exactly as the neighbourhood draws them, with aliases, sources, first/last seen and fixes', async () => {
    for (const id of [DEMO_IDS.ews, DEMO_IDS.helpdesk, DEMO_IDS.otJump]) {
      const e = await get<{ steps: { in: Record<string, number>; out: Record<string, number> }; aliases: string[]; sources: Array<{ source: string; runId: string }>; firstSeen: string | null; fixes: Array<{ fixId: string; status: string | null }> }>(`/api/nodes/${encodeURIComponent(id)}`);
      const hood = await get<Hood>(`/api/nodes/${encodeURIComponent(id)}/neighbourhood?depth=1&limit=1000`);
      expect(hood.truncated).toBe(false);
      expect(e.steps.out, id).toEqual(tally(hood.edges.filter((x) => x.from === id && x.to !== id).map((x) => x.kind)));
      expect(e.steps.in, id).toEqual(tally(hood.edges.filter((x) => x.to === id && x.from !== id).map((x) => x.kind)));
      expect(e.sources.length, id).toBeGreaterThan(0);
      expect(e.firstSeen, id).toMatch(/^\d{4}-/);
    }
    const ews = await get<{ aliases: string[]; fixes: Array<{ fixId: string; action: string; status: string | null }> }>(`/api/nodes/${encodeURIComponent(DEMO_IDS.ews)}`);
    expect(ews.aliases).toContain('ip:10.32.0.20');
    expect(ews.fixes.map((f) => f.fixId)).toContainEqual(expect.stringMatching(/^edge:Controls\|host:10\.32\.0\.20\|host:10\.31\.0\.11/));
  });

  it('aggregates first-ring groups larger than `group` into counts and draws one whole with `expand`', async () => {
    const id = DEMO_IDS.helpdesk;
    const plain = await get<Hood>(`/api/nodes/${encodeURIComponent(id)}/neighbourhood?depth=1&limit=1000`);
    const byGroup = tally(plain.edges.map((x) => (x.to === id ? `in:${x.kind}:${plain.nodes.find((n) => n.id === x.from)!.kind}` : `out:${x.kind}:${plain.nodes.find((n) => n.id === x.to)!.kind}`)));
    const [bigKey, bigCount] = Object.entries(byGroup).sort((a, b) => b[1] - a[1])[0]!;
    expect(bigCount).toBeGreaterThan(3);
    const grouped = await get<Hood>(`/api/nodes/${encodeURIComponent(id)}/neighbourhood?depth=1&limit=1000&group=3`);
    expect(grouped.groups.find((g) => g.key === bigKey)).toMatchObject({ count: bigCount });
    expect(grouped.groups.every((g) => g.count > 3 && g.sample.length <= 5)).toBe(true);
    expect(grouped.nodes.length).toBeLessThan(plain.nodes.length);
    const expanded = await get<Hood>(`/api/nodes/${encodeURIComponent(id)}/neighbourhood?depth=1&limit=1000&group=3&expand=${encodeURIComponent(bigKey)}`);
    expect(expanded.groups.some((g) => g.key === bigKey)).toBe(false);
    expect(expanded.edges.length).toBeGreaterThanOrEqual(bigCount);
    const inOnly = await get<Hood>(`/api/nodes/${encodeURIComponent(id)}/neighbourhood?depth=1&limit=1000&direction=in&edgeKind=MemberOf`);
    expect(inOnly.edges.every((x) => x.to === id && x.kind === 'MemberOf')).toBe(true);
  });

  it('stops before `maxElements` nodes plus steps, says it truncated, and keeps every drawn step between drawn nodes', async () => {
    const id = DEMO_IDS.domainUsers; // every user is a member: the demo's hub
    const unbounded = await get<Hood>(`/api/nodes/${encodeURIComponent(id)}/neighbourhood?depth=2&limit=1000&group=25`);
    expect(unbounded.nodes.length + unbounded.edges.length).toBeGreaterThan(200);
    for (const max of [200, 37]) {
      const capped = await get<Hood>(`/api/nodes/${encodeURIComponent(id)}/neighbourhood?depth=2&limit=1000&group=25&maxElements=${max}`);
      expect(capped.nodes.length + capped.edges.length).toBeLessThanOrEqual(max);
      expect(capped.nodes.length + capped.edges.length).toBeGreaterThan(max - 3); // the budget is used, not wasted
      expect(capped.truncated).toBe(true);
      const drawn = new Set(capped.nodes.map((n) => n.id));
      expect(capped.edges.every((e) => drawn.has(e.from) && drawn.has(e.to))).toBe(true);
      expect(capped.groups).toEqual(unbounded.groups); // the counts are the same whatever is drawn
    }
  });
});
