/**
 * Signals over HTTP: GET /api/signals ranks them and finds the demo's planted chain; a scoring that finds a
 * new chain records it in the score run (the diff names it) and sends a signed `signal.chain` webhook to a
 * loopback receiver, once.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { DEMO_CHAIN, demoSignals, generateDemoEstate, loadBatch } from '@chokepoint/importers';
import type { GraphStore } from '@chokepoint/queries';
import { bearer, testApp } from '../helpers/api.js';
import { waitFor } from '../helpers/wait.js';
import { parseWebhooks } from '../../server/src/webhooks/config.js';

let app: FastifyInstance, store: GraphStore, close: () => Promise<void>, receiver: Server;
const received: Array<{ type: string; id: string; data: { signals: string[] } }> = [];
beforeAll(async () => {
  receiver = createServer((req, res) => { let body = ''; req.on('data', (c: Buffer) => { body += c.toString('utf8'); }); req.on('end', () => { received.push(JSON.parse(body) as (typeof received)[number]); res.writeHead(204).end(); }); });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  const webhooks = parseWebhooks([{ name: 'soc', url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/`, secret: 'a-test-secret-of-32-characters!!', events: ['signal.chain'], backoffMs: 20 }], 'hooks.json', {});
  ({ app, store, close } = await testApp({ config: { webhooks } }));
});
afterAll(async () => { await close(); await new Promise((r) => receiver.close(r)); });

describe('signals API', () => {
  it('ranks signals, finds the planted chain, keeps it with the score run and sends it as a webhook once', async () => {
    const first = await app.scoring.request('before signals');
    expect(first.run.payload.chains ?? []).toEqual([]);
    await loadBatch(store, demoSignals(generateDemoEstate({ size: 200, seed: 5 })));
    const second = await app.scoring.request('signals imported');
    expect(second.run.payload.chains![0]!.signals).toEqual([...DEMO_CHAIN]);
    const res = await app.inject({ url: '/api/signals?limit=5', headers: bearer('viewer') });
    expect(res.statusCode).toBe(200);
    const body = res.json() as { chains: Array<{ signals: Array<{ id: string }>; next: unknown[]; fix: { fixId: string } | null }>; ranked: Array<{ score: number }>; unattached: number; scoreWith: number; scoreWithout: number };
    expect(body.chains[0]!.signals.map((s) => s.id)).toEqual([...DEMO_CHAIN]);
    expect(body.ranked).toHaveLength(5);
    expect(body.ranked.map((r) => r.score)).toEqual([...body.ranked.map((r) => r.score)].sort((a, b) => b - a));
    expect(body.unattached).toBe(5);
    expect(body.scoreWith).toBeGreaterThan(body.scoreWithout);
    const diff = (await app.inject({ url: `/api/diff?from=${first.run.id}&to=${second.run.id}`, headers: bearer('viewer') })).json() as { newChains: Array<{ signals: string[] }> };
    expect(diff.newChains.map((c) => c.signals)).toContainEqual([...DEMO_CHAIN]);
    await waitFor(() => received.length >= 1, 'the signal.chain webhook');
    expect(received.filter((e) => e.data.signals.join() === DEMO_CHAIN.join())).toHaveLength(1);
    // The same chain at the next scoring is not new: nothing more is sent.
    await app.scoring.request('again');
    await new Promise((r) => setTimeout(r, 300));
    expect(received.filter((e) => e.data.signals.join() === DEMO_CHAIN.join())).toHaveLength(1);
    expect((await app.inject({ url: '/api/signals?now=yesterday', headers: bearer('viewer') })).statusCode).toBe(400);
  });
});
