/**
 * A running server (`chokepoint serve`, its own process, embedded store) stops on SIGTERM while an upload
 * is being imported — the import is abandoned before it writes (the client hears 503 SHUTTING_DOWN, the
 * store keeps exactly what it had) — and while a browser holds the live events stream open. Before, the
 * import ran to its end first and a kept-alive connection held the close for Fastify's 72 s keep-alive.
 * (How fast it stops is a bench figure; here the deadline is generous.)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { request, type IncomingMessage } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoEstate, loadBatch } from '@chokepoint/importers';
import { EmbeddedStore } from '@chokepoint/queries';
import { hashToken } from '@chokepoint/server';
import { graphTuples } from '../helpers/graph-state.js';
import { writeSharpHoundUsers } from '../helpers/sharphound-users.js';

const TOKEN = 'cp_shutdown_test';
let dir: string;
let dataDir: string;
let upload: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chokepoint-shutdown-'));
  dataDir = join(dir, 'store');
  const store = new EmbeddedStore({ dataDir });
  await store.init();
  for (const b of generateDemoEstate({ size: 300, seed: 3 }).batches) await loadBatch(store, b);
  await store.close();
  upload = join(dir, 'users.json');
  await writeSharpHoundUsers(upload, 40);
});
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

async function snapshot() {
  const store = new EmbeddedStore({ dataDir });
  await store.init();
  const state = { tuples: await graphTuples(store), runs: (await store.listRuns()).length };
  await store.close();
  return state;
}

async function serve(): Promise<{ child: ChildProcess; port: number; exited: Promise<unknown> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '../../server/src/cli/main.ts'), '--data-dir', dataDir, 'serve', '--port', '0'], {
    env: { ...process.env, NEO4J_URI: '', CHOKEPOINT_TOKENS: `test:admin:${hashToken(TOKEN)}`, CHOKEPOINT_UPLOAD_LIMIT_MB: '100' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const exited = once(child, 'exit');
  const port = await new Promise<number>((resolve, reject) => {
    let err = '';
    child.stderr!.on('data', (d: Buffer) => { err += d.toString(); const m = /serving http:\/\/[^:]+:(\d+)\/api/.exec(err); if (m) resolve(Number(m[1])); });
    child.on('exit', (code) => reject(new Error(`server exited ${code}: ${err}`)));
  });
  return { child, port, exited };
}

/** Resolves once the process has exited, or false after the deadline. */
async function exitsWithin(child: ChildProcess, exited: Promise<unknown>, ms: number): Promise<boolean> {
  return Promise.race([exited.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(child.exitCode !== null), ms))]);
}

describe('SIGTERM while serving', () => {
  it('abandons an import that is being parsed (503, store unchanged) and exits', async () => {
    const before = await snapshot();
    const { child, port, exited } = await serve();
    const body = await readFile(upload);
    const boundary = '----chokepoint-shutdown';
    const head = Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="format"\r\n\r\nsharphound\r\n--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="users.json"\r\ncontent-type: application/json\r\n\r\n`);
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
    const req = request({ host: '127.0.0.1', port, path: '/api/imports', method: 'POST', headers: {
      authorization: `Bearer ${TOKEN}`, 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': head.length + body.length + tail.length,
    } });
    const answered = new Promise<{ status: number; text: string }>((resolve) => {
      req.on('response', (res) => { let text = ''; res.on('data', (d: Buffer) => { text += d.toString(); }); res.on('end', () => resolve({ status: res.statusCode ?? 0, text })); });
      req.on('error', (e) => resolve({ status: 0, text: e.message }));
    });
    req.end(Buffer.concat([head, body, tail]));
    await once(req, 'finish'); // the whole body is on its way: the server is receiving or parsing it
    await new Promise((r) => setTimeout(r, 500));
    child.kill('SIGTERM');
    expect(await exitsWithin(child, exited, 60_000)).toBe(true);
    const reply = await answered;
    expect(reply.status).toBe(503);
    expect(JSON.parse(reply.text)).toMatchObject({ code: 'SHUTTING_DOWN' });
    expect(await snapshot()).toEqual(before);
  });

  it('ends an open live-events stream and exits', async () => {
    const { child, port, exited } = await serve();
    const events = await new Promise<IncomingMessage>((resolve, reject) => {
      request({ host: '127.0.0.1', port, path: '/api/events', headers: { authorization: `Bearer ${TOKEN}` } }, resolve).on('error', reject).end();
    });
    expect(events.statusCode).toBe(200);
    const ended = once(events, 'end');
    events.resume();
    child.kill('SIGTERM');
    expect(await exitsWithin(child, exited, 60_000)).toBe(true);
    await ended;
  });
});
