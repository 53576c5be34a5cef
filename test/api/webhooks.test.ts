/**
 * Outbound webhooks against receivers on loopback (nothing leaves the machine): a generic receiver gets
 * each event once, signed (HMAC checked here with node:crypto, not the code under test); a failing one
 * is retried with backoff and lands in the dead-letter list while the server keeps answering; Jira and
 * ServiceNow receivers get one ticket per fix — created, closed when verified, reopened when it
 * resurfaces — never a duplicate.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { loadBatch } from '@chokepoint/importers';
import type { GraphStore } from '@chokepoint/queries';
import { ADMIN_FIX, lifecycleEstate } from '../helpers/lifecycle-estate.js';
import { bearer, testApp } from '../helpers/api.js';
import { waitFor } from '../helpers/wait.js';
import { parseWebhooks } from '../../server/src/webhooks/config.js';

const SECRET = 'a-test-secret-of-32-characters!!';

interface Received { method: string; url: string; headers: IncomingMessage['headers']; body: string }
interface Receiver { url: string; calls: Received[]; close: () => Promise<void> }

/** A loopback HTTP receiver answering with `answer(call, index)`. */
async function receiver(answer: (call: Received, index: number) => { status: number; body?: unknown }): Promise<Receiver> {
  const calls: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const call = { method: req.method!, url: req.url!, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      calls.push(call);
      const { status, body } = answer(call, calls.length - 1);
      res.writeHead(status, { 'content-type': 'application/json' }).end(body === undefined ? '' : JSON.stringify(body));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, calls, close: () => new Promise((r) => server.close(() => r())) };
}

const validSignature = (c: Received) => {
  const expected = `sha256=${createHmac('sha256', SECRET).update(`${String(c.headers['x-chokepoint-timestamp'])}.${c.body}`).digest('hex')}`;
  const given = String(c.headers['x-chokepoint-signature']);
  return given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
};

let app: FastifyInstance, store: GraphStore, close: () => Promise<void>;
let generic: Receiver, failing: Receiver, jira: Receiver, servicenow: Receiver;
beforeAll(async () => {
  generic = await receiver(() => ({ status: 204 }));
  failing = await receiver(() => ({ status: 503, body: { error: 'maintenance' } }));
  jira = await receiver((c, i) => (c.url === '/rest/api/2/issue' ? { status: 201, body: { id: String(1000 + i), key: `SEC-${i + 1}` } } : { status: 204 }));
  servicenow = await receiver((c, i) => (c.method === 'POST' ? { status: 201, body: { result: { sys_id: `sys${i}`, number: `INC00${i}` } } } : { status: 200, body: { result: {} } }));
  const webhooks = parseWebhooks([
    { name: 'soc', url: `${generic.url}/hook`, secret: SECRET, backoffMs: 20 },
    { name: 'flaky', url: `${failing.url}/hook`, secretEnv: 'FLAKY_SECRET', backoffMs: 20, maxAttempts: 3, events: ['fix.opened'] },
    { name: 'jira', url: jira.url, template: 'jira', secret: SECRET, headers: { Authorization: 'Basic dGVzdDp0ZXN0' }, jira: { project: 'SEC', doneTransition: '31', reopenTransition: '11' } },
    { name: 'snow', url: `${servicenow.url}/`, template: 'servicenow', secret: SECRET, servicenow: { assignmentGroup: 'OT security' } },
  ], 'webhooks.json', { FLAKY_SECRET: SECRET });
  ({ app, store, close } = await testApp({ demo: false, config: { webhooks } }));
  await loadBatch(store, lifecycleEstate(true));
});
afterAll(async () => {
  await close();
  for (const r of [generic, failing, jira, servicenow]) await r?.close();
});

const events = () => generic.calls.map((c) => JSON.parse(c.body) as { id: string; type: string; fixId: string | null; scoreRun: string });
const deliveries = async (query = '') => (await app.inject({ url: `/api/webhooks/deliveries${query}`, headers: bearer('admin') })).json() as Array<{ id: string; hook: string; status: string; attempts: unknown[]; note: string | null }>;

describe('webhooks', () => {
  it('the first scoring: each event once and signed; ticket receivers create one ticket per fix; a failing receiver is retried, then dead-lettered, while the server keeps serving', async () => {
    await app.scoring.request('first');
    await waitFor(() => events().length === 2 && jira.calls.length === 2 && servicenow.calls.length === 2, 'two fix.opened events at each receiver');
    expect(events().map((e) => e.type)).toEqual(['fix.opened', 'fix.opened']);
    expect(new Set(events().map((e) => e.id)).size).toBe(2);
    for (const c of [...generic.calls, ...jira.calls, ...servicenow.calls]) expect(validSignature(c), c.url).toBe(true);
    expect(generic.calls[0]!.headers['x-chokepoint-event']).toBe('fix.opened');
    const issue = JSON.parse(jira.calls[0]!.body) as { fields: { project: { key: string }; summary: string; labels: string[] } };
    expect(issue.fields.project.key).toBe('SEC');
    expect(issue.fields.summary).toMatch(/^\[Chokepoint\] /);
    expect(issue.fields.labels[1]).toMatch(/^chokepoint-[0-9a-f]{24}$/);
    expect(jira.calls[0]!.headers.authorization).toBe('Basic dGVzdDp0ZXN0');
    expect(JSON.parse(servicenow.calls[0]!.body)).toMatchObject({ correlation_display: 'Chokepoint', assignment_group: 'OT security', correlation_id: expect.stringMatching(/^chokepoint-/) });

    // While the flaky receiver fails (503), the API answers.
    for (let i = 0; i < 5; i++) expect((await app.inject({ url: '/api/health' })).statusCode).toBe(200);
    await waitFor(async () => (await deliveries('?status=dead')).length === 2, 'both flaky deliveries in the dead-letter list');
    expect(failing.calls.length).toBe(6); // 2 events × 3 attempts
    const dead = await deliveries('?status=dead');
    expect(dead.every((d) => d.hook === 'flaky' && d.attempts.length === 3 && /dead letter after 3 attempts: HTTP 503/.test(d.note ?? ''))).toBe(true);
    expect((await app.inject({ url: '/api/plan', headers: bearer('viewer') })).statusCode).toBe(200);
    const hooks = (await app.inject({ url: '/api/webhooks', headers: bearer('admin') })).json() as Array<{ name: string; deliveries: Record<string, number> }>;
    expect(hooks.find((h) => h.name === 'flaky')!.deliveries).toEqual({ pending: 0, delivered: 0, skipped: 0, dead: 2 });
    expect(JSON.stringify(hooks)).not.toContain(SECRET);
    expect((await app.inject({ url: '/api/webhooks', headers: bearer('analyst') })).statusCode).toBe(403);

    // An admin retries a dead letter: one more attempt, dead again.
    const retried = await app.inject({ method: 'POST', url: '/api/webhooks/deliveries/retry', headers: bearer('admin'), payload: { id: dead[0]!.id } });
    expect(retried.statusCode).toBe(200);
    await waitFor(() => failing.calls.length === 7, 'the retried delivery\'s attempt');
    await waitFor(async () => (await deliveries('?status=dead')).length === 2, 'the retried delivery dead again');
  });

  it('verified closes the fix\'s ticket, resurfaced reopens it (with a new route and a risk increase), and scorings with nothing new send nothing', async () => {
    await loadBatch(store, lifecycleEstate(false));
    await app.scoring.request('edge removed');
    await waitFor(() => events().some((e) => e.type === 'fix.verified') && jira.calls.length === 3 && servicenow.calls.length === 3, 'fix.verified everywhere');
    expect(events().filter((e) => e.type === 'fix.verified').map((e) => e.fixId)).toEqual([ADMIN_FIX]);
    const keyOf = (c: Received) => decodeURIComponent(c.url.split('/')[5] ?? '');
    const adminTicket = (JSON.parse(jira.calls[0]!.body) as { fields: { summary: string } }).fields.summary.includes('alice') ? 'SEC-1' : 'SEC-2';
    expect(jira.calls[2]).toMatchObject({ method: 'POST', url: `/rest/api/2/issue/${adminTicket}/transitions` });
    expect(JSON.parse(jira.calls[2]!.body).transition).toEqual({ id: '31' });
    expect(servicenow.calls[2]!.method).toBe('PATCH');
    expect(JSON.parse(servicenow.calls[2]!.body)).toMatchObject({ state: '6', close_code: 'Solved (Permanently)' });

    await loadBatch(store, lifecycleEstate(true));
    await app.scoring.request('edge back');
    await waitFor(() => events().some((e) => e.type === 'fix.resurfaced') && jira.calls.length === 4 && servicenow.calls.length === 4, 'fix.resurfaced everywhere');
    expect(keyOf(jira.calls[3]!)).toBe(adminTicket);
    expect(JSON.parse(jira.calls[3]!.body).transition).toEqual({ id: '11' }); // reopened, not a second ticket
    expect(JSON.parse(servicenow.calls[3]!.body)).toMatchObject({ state: '2' });
    expect(events().filter((e) => e.type === 'route.new').map((e) => e.id)).toEqual([expect.stringMatching(/:route\.new:host:db$/)]);
    expect(events().filter((e) => e.type === 'risk.up')).toHaveLength(1);

    const before = { generic: generic.calls.length, jira: jira.calls.length, snow: servicenow.calls.length };
    await app.scoring.request('nothing new');
    await app.scoring.request('still nothing new');
    await new Promise((r) => setTimeout(r, 300)); // deliveries start at once; give a wrong one the chance to arrive
    expect({ generic: generic.calls.length, jira: jira.calls.length, snow: servicenow.calls.length }).toEqual(before);
    // Each event once, and only the ticket events' deliveries were skipped by the ticket receivers.
    const ids = events().map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    const skipped = await deliveries('?status=skipped');
    expect(skipped.every((d) => d.hook === 'jira' || d.hook === 'snow')).toBe(true);
    expect(jira.calls.filter((c) => c.url === '/rest/api/2/issue')).toHaveLength(2); // one ticket per fix, ever
  });
});

describe('webhooks file', () => {
  it('names the file and the path of a mistake, and refuses a missing secret', () => {
    expect(() => parseWebhooks([{ name: 'x', url: 'ftp://example.invalid', secret: SECRET }], 'hooks.json', {})).toThrow(/hooks\.json.*0\.url: an http\(s\) URL/);
    expect(() => parseWebhooks([{ name: 'x', url: 'http://127.0.0.1:1', secret: SECRET, events: ['fix.done'] }], 'hooks.json', {})).toThrow(/0\.events\.0/);
    expect(() => parseWebhooks([{ name: 'j', url: 'http://127.0.0.1:1', secret: SECRET, template: 'jira' }], 'hooks.json', {})).toThrow(/0\.jira: a jira hook needs jira\.project/);
    expect(() => parseWebhooks([{ name: 'x', url: 'http://127.0.0.1:1' }], 'hooks.json', {})).toThrow(/0\.secret: give secret or secretEnv/);
    expect(() => parseWebhooks([{ name: 'x', url: 'http://127.0.0.1:1', secretEnv: 'NOPE' }], 'hooks.json', {})).toThrow(/environment variable NOPE must hold a secret/);
    expect(() => parseWebhooks([{ name: 'x', url: 'http://127.0.0.1:1', secret: SECRET }, { name: 'x', url: 'http://127.0.0.1:2', secret: SECRET }], 'hooks.json', {})).toThrow(/x is used twice/);
    expect(parseWebhooks([{ name: 'j', url: 'http://127.0.0.1:1', secret: SECRET, template: 'jira', jira: { project: 'SEC', doneTransition: '31' } }], 'f', {})[0]!.events).toEqual(['fix.opened', 'fix.resurfaced', 'acceptance.expired', 'fix.verified']);
  });
});
