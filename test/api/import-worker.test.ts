/**
 * Uploads are parsed in a worker thread whose heap is capped (CHOKEPOINT_IMPORT_MEMORY_MB): an upload that
 * needs more is a 413 naming the file, the store is unchanged and the server keeps serving and importing.
 * Parsed on the main thread, the same upload would take the whole server down with it.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, multipart, testApp } from '../helpers/api.js';
import { FIXTURES } from '../helpers/fixtures.js';
import { graphTuples } from '../helpers/graph-state.js';
import { writeSharpHoundUsers } from '../helpers/sharphound-users.js';

let ctx: Awaited<ReturnType<typeof testApp>>;
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chokepoint-worker-'));
  ctx = await testApp({ config: { importMemoryMb: 64, uploadLimitBytes: 100 * 1024 * 1024 } });
});
afterAll(async () => { await ctx.close(); await rm(dir, { recursive: true, force: true }); });

describe('the parse worker', () => {
  it('answers 413 when an upload needs more memory than the worker may use; the server keeps serving', async () => {
    const { app, store } = ctx;
    const before = await graphTuples(store);
    const path = join(dir, 'users.json');
    await writeSharpHoundUsers(path, 40);
    const big = multipart({ format: 'sharphound' }, [{ name: 'huge_users.json', content: await readFile(path) }]);
    const r = await app.inject({ method: 'POST', url: '/api/imports', headers: { ...bearer('analyst'), ...big.headers }, payload: big.payload });
    expect(r.statusCode).toBe(413);
    expect(r.json()).toMatchObject({ code: 'TOO_LARGE', message: expect.stringMatching(/^huge_users\.json: reading this upload needs more than 64 MB of memory \(CHOKEPOINT_IMPORT_MEMORY_MB\)/) });
    expect(await graphTuples(store)).toEqual(before);
    expect((await app.inject({ url: '/api/health' })).statusCode).toBe(200);
    const small = multipart({ format: 'nmap' }, [{ name: 'scan.xml', content: await readFile(join(FIXTURES, 'real/nmap/libnmap-os_scan5.xml')) }]);
    expect((await app.inject({ method: 'POST', url: '/api/imports', headers: { ...bearer('analyst'), ...small.headers }, payload: small.payload })).statusCode).toBe(201);
  });
});
