/**
 * Uploads are parsed in a child process whose heap is capped (CHOKEPOINT_IMPORT_MEMORY_MB): an upload that
 * needs more is a 413 naming the file, the store is unchanged and the server keeps serving and importing.
 * Parsed on the main thread, the same upload would take the whole server down with it.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bufferInput, findImporter, loadBatch } from '@chokepoint/importers';
import { EmbeddedStore } from '@chokepoint/queries';
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

describe('the parse process', () => {
  it('answers 413 when an upload needs more memory than its parse process may use; the server keeps serving', async () => {
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

describe('what crosses from the parse process', () => {
  it('a real SharpHound collection uploaded through the API is stored as the in-process loader stores it (nodes, edges, scopes)', async () => {
    const api = await testApp({ demo: false });
    const local = new EmbeddedStore({ dataDir: join(dir, 'local') });
    try {
      const folder = join(FIXTURES, 'real/sharphound/v6-ingest');
      const names = (await readdir(folder)).filter((n) => n.endsWith('.json')).sort();
      const files = await Promise.all(names.map(async (name) => ({ name, content: await readFile(join(folder, name)) })));
      const body = multipart({ format: 'sharphound' }, files);
      const r = await api.app.inject({ method: 'POST', url: '/api/imports', headers: { ...bearer('analyst'), ...body.headers }, payload: body.payload });
      expect(r.statusCode).toBe(201);
      await local.init();
      await loadBatch(local, await findImporter('sharphound')!.parse(files.map((f) => bufferInput(f.name, f.content)), {}));
      expect(await graphTuples(api.store)).toEqual(await graphTuples(local));
      const coverage = async (s: EmbeddedStore) => (await s.listRuns()).map((run) => run.coverage);
      const uploaded = await coverage(api.store as EmbeddedStore);
      expect(uploaded).toEqual(await coverage(local));
      // The scopes name objects (ACLs of every object, members of groups): their id lists made it across.
      expect(uploaded[0]?.scopes?.filter((sc) => (sc.anchored ?? 0) > 0).length).toBeGreaterThanOrEqual(3);
    } finally {
      await api.close();
      await local.close();
    }
  });
});
