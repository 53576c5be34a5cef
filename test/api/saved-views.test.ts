/** Saved views over HTTP: analysts create, everyone lists and opens by id, only the creator or an admin changes or deletes; markup stays text. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { bearer, testApp, testConfig } from '../helpers/api.js';
import { hashToken } from '@chokepoint/server';

let app: FastifyInstance;
let close: () => Promise<void>;
beforeAll(async () => {
  const base = testConfig();
  ({ app, close } = await testApp({ demo: false, config: { tokens: [...base.tokens, { name: 'other-analyst', role: 'analyst', sha256: hashToken('cp_other') }] } }));
});
afterAll(async () => { await close(); });

describe('saved views', () => {
  it('are created by analysts, listed and opened by everyone, changed or deleted only by their creator or an admin', async () => {
    const query = 'view=routes&target=data%3Afinance-db&layout=purdue&fix=edge%3AAdminTo%7Ca%7Cb&fix=patch%3Ahost%3A1&saved=other-view-1';
    expect((await app.inject({ method: 'POST', url: '/api/views', headers: bearer('viewer'), payload: { name: 'x', query } })).statusCode).toBe(403);
    const created = await app.inject({ method: 'POST', url: '/api/views', headers: bearer('analyst'), payload: { name: '<img src=x onerror=alert(1)> OT exposure', description: 'for the board', query: `?${query}` } });
    expect(created.statusCode).toBe(201);
    const view = created.json() as { id: string; name: string; query: string; createdBy: string };
    expect(view.id).toMatch(/^img-src-x-onerror-alert-1-ot-exposure-[0-9a-f]{6}$/);
    expect(view.name).toBe('<img src=x onerror=alert(1)> OT exposure');
    // Kept as the web view's query string, minus a pointer to another saved view; the what-if set survives in order.
    expect(new URLSearchParams(view.query).getAll('fix')).toEqual(['edge:AdminTo|a|b', 'patch:host:1']);
    expect(new URLSearchParams(view.query).has('saved')).toBe(false);
    expect(view.createdBy).toBe('analyst-user');
    expect((await app.inject({ url: '/api/views', headers: bearer('viewer') })).json()).toEqual([created.json()]);
    expect((await app.inject({ url: `/api/views/${view.id}`, headers: bearer('viewer') })).json()).toEqual(created.json());
    expect((await app.inject({ url: '/api/views/no-such-view', headers: bearer('viewer') })).statusCode).toBe(404);
    expect((await app.inject({ url: '/api/views/..%2Fetc', headers: bearer('viewer') })).statusCode).toBe(400);

    const other = await app.inject({ method: 'PUT', url: `/api/views/${view.id}`, headers: { authorization: 'Bearer cp_other' }, payload: { name: 'mine now' } });
    expect(other.statusCode).toBe(403);
    expect(other.json().message).toMatch(/belongs to analyst-user/);
    const renamed = await app.inject({ method: 'PUT', url: `/api/views/${view.id}`, headers: bearer('analyst'), payload: { name: 'OT exposure' } });
    expect(renamed.json()).toMatchObject({ id: view.id, name: 'OT exposure', query: view.query, updatedBy: 'analyst-user' });
    expect((await app.inject({ method: 'POST', url: '/api/views', headers: bearer('analyst'), payload: { name: 'big', query: 'a=1&'.repeat(5000) } })).statusCode).toBe(400);
    expect((await app.inject({ method: 'DELETE', url: `/api/views/${view.id}`, headers: { authorization: 'Bearer cp_other' } })).statusCode).toBe(403);
    expect((await app.inject({ method: 'DELETE', url: `/api/views/${view.id}`, headers: bearer('admin') })).statusCode).toBe(204);
    expect((await app.inject({ url: '/api/views', headers: bearer('viewer') })).json()).toEqual([]);
  });
});
