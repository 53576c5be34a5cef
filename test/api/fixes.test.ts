/**
 * The fix lifecycle over HTTP: a scoring tracks its plan's fixes; analysts set status and owner, only
 * admins accept risk; an accepted fix leaves the plan (after the re-score it queues) and is listed as
 * accepted; the fixes export neutralises formula-like cells; every change is in the fix's history.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import type { FastifyInstance } from 'fastify';
import { bearer, testApp } from '../helpers/api.js';
import { waitFor } from '../helpers/wait.js';

let app: FastifyInstance;
let close: () => Promise<void>;
beforeAll(async () => { ({ app, close } = await testApp()); });
afterAll(async () => { await close(); });

interface PlanRow { fixId: string; lifecycle: { status: string; owner: string | null; due: string; tier: string; overdue: boolean } | null }
const plan = async () => (await app.inject({ url: '/api/plan', headers: bearer('viewer') })).json() as { rows: PlanRow[]; accepted: Array<{ fixId: string; reason: string; approver: string; expires: string }> };
const fixes = async () => (await app.inject({ url: '/api/fixes', headers: bearer('viewer') })).json() as Array<{ fixId: string; status: string; owner: string | null; history: Array<{ by: string; change: string }>; acceptance: unknown }>;

describe('fix lifecycle API', () => {
  it('a scoring tracks every fix of its plan: open, with an SLA due date, shown on the plan rows', async () => {
    const first = await plan();
    await waitFor(async () => (await fixes()).length > 0, 'the first scoring to track its plan');
    const tracked = new Map((await fixes()).map((f) => [f.fixId, f]));
    expect(first.rows.length).toBeGreaterThan(3);
    for (const r of first.rows) expect(tracked.get(r.fixId)?.status, r.fixId).toBe('open');
    const again = await plan();
    for (const r of again.rows) expect(r.lifecycle).toMatchObject({ status: 'open', due: expect.stringMatching(/^\d{4}-\d\d-\d\d$/), overdue: false });
  });

  it('analysts set status and owner (viewers may not), recorded in the history with who did it; the export neutralises formulas', async () => {
    const fixId = (await plan()).rows[0]!.fixId;
    const refused = await app.inject({ method: 'POST', url: '/api/fixes', headers: bearer('viewer'), payload: { fixId, status: 'done' } });
    expect(refused.statusCode).toBe(403);
    expect((await app.inject({ method: 'POST', url: '/api/fixes', headers: bearer('analyst'), payload: { fixId, status: 'verified' } })).statusCode).toBe(400);
    const unknown = await app.inject({ method: 'POST', url: '/api/fixes', headers: bearer('analyst'), payload: { fixId: 'edge:NoSuch|a|b', status: 'done' } });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().message).toMatch(/unknown fix id: edge:NoSuch\|a\|b/);
    const done = await app.inject({ method: 'POST', url: '/api/fixes', headers: bearer('analyst'), payload: { fixId, status: 'in-progress', owner: '=HYPERLINK("http://x","y")', note: 'ticket CHG-1' } });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ fixId, status: 'in-progress', owner: '=HYPERLINK("http://x","y")', ownerFrom: 'assigned' });
    expect(done.json().history.at(-1)).toMatchObject({ by: 'analyst-user', change: expect.stringMatching(/^status open → in-progress; owner .* → =HYPERLINK\("http:\/\/x","y"\); note: ticket CHG-1$/) });
    const csv = (await app.inject({ url: '/api/exports/fixes?format=csv', headers: bearer('viewer') })).body;
    const rows = parse(csv, { columns: true }) as Array<Record<string, string>>;
    const row = rows.find((r) => r.fix_id === fixId)!;
    expect(row.owner).toBe(`'=HYPERLINK("http://x","y")`);
    expect(row.status).toBe('in-progress');
    for (const r of rows) for (const cell of Object.values(r)) expect(cell, 'no cell may start a formula').not.toMatch(/^[=+\-@\t\r]/);
    const json = (await app.inject({ url: '/api/exports/fixes?format=json', headers: bearer('viewer') })).json() as Array<Record<string, string>>;
    expect(json.find((r) => r.fix_id === fixId)!.owner).toBe('=HYPERLINK("http://x","y")');
  });

  it('only admins accept risk; the accepted fix leaves the plan after the re-score and is listed with its expiry; revoking brings it back', async () => {
    const fixId = (await plan()).rows[1]!.fixId;
    const expires = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const body = { fixId, reason: 'compensating control: the segment is air-gapped until the March outage', expires };
    const analyst = await app.inject({ method: 'POST', url: '/api/fixes/acceptance', headers: bearer('analyst'), payload: body });
    expect(analyst.statusCode).toBe(403);
    expect(analyst.json().message).toMatch(/needs the admin role/);
    const tooLong = await app.inject({ method: 'POST', url: '/api/fixes/acceptance', headers: bearer('admin'), payload: { ...body, expires: '2099-01-01' } });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().message).toMatch(/more than 365 days away/);
    const accepted = await app.inject({ method: 'POST', url: '/api/fixes/acceptance', headers: bearer('admin'), payload: body });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().acceptance).toMatchObject({ reason: body.reason, approver: 'admin-user', expires: `${expires}T00:00:00.000Z` });
    await waitFor(async () => !(await plan()).rows.some((r) => r.fixId === fixId), 'the re-score to leave the accepted fix out of the plan');
    expect((await plan()).accepted).toEqual([{ fixId, action: expect.any(String), reason: body.reason, approver: 'admin-user', expires: `${expires}T00:00:00.000Z` }]);
    const revoked = await app.inject({ method: 'POST', url: '/api/fixes/acceptance', headers: bearer('admin'), payload: { fixId, revoke: true } });
    expect(revoked.statusCode).toBe(200);
    await waitFor(async () => (await plan()).rows.some((r) => r.fixId === fixId), 'the re-score to bring the fix back');
    expect((await plan()).accepted).toEqual([]);
    const again = await app.inject({ method: 'POST', url: '/api/fixes/acceptance', headers: bearer('admin'), payload: { fixId, revoke: true } });
    expect(again.statusCode).toBe(409);
    const history = (await fixes()).find((f) => f.fixId === fixId)!.history.map((h) => `${h.by}: ${h.change}`);
    expect(history.slice(-2)).toEqual([`admin-user: risk accepted until ${expires}T00:00:00.000Z: ${body.reason}`, 'admin-user: risk acceptance revoked']);
  });
});
