/**
 * The API through inject(): every route's happy path, schema rejections, 401/403, limits, hostile uploads
 * (400 with the importer's message, store unchanged), error bodies that say nothing internal.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { Writable } from 'node:stream';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import type { FastifyInstance } from 'fastify';
import { DEMO_IDS } from '@chokepoint/importers';
import { CHOKEPOINT_COLUMNS, PLAN_COLUMNS, ROUTE_COLUMNS, authenticate, buildApp, hashToken, parseTokenLines, serverConfigFromEnv } from '@chokepoint/server';
import { EmbeddedStore, type GraphStore } from '@chokepoint/queries';
import { FIXTURES } from '../helpers/fixtures.js';
import { bearer, multipart, testApp, testConfig } from '../helpers/api.js';
import { expectedCsvRow } from '../helpers/exports.js';

let app: FastifyInstance;
let store: GraphStore;
let close: () => Promise<void>;
beforeAll(async () => { ({ app, store, close } = await testApp()); });
afterAll(async () => { await close(); });

describe('auth', () => {
  it('health is public; data needs a token (401); roles are enforced (403); tokens are hashed and compared in constant time', async () => {
    expect((await app.inject({ url: '/api/health' })).json()).toEqual({ status: 'ok' });
    const anonymous = await app.inject({ url: '/api/kinds' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json()).toMatchObject({ code: 'UNAUTHORIZED' });
    expect((await app.inject({ url: '/api/kinds', headers: { authorization: 'Bearer wrong' } })).statusCode).toBe(401);
    expect((await app.inject({ url: '/api/kinds', headers: bearer('viewer') })).statusCode).toBe(200);
    const forbidden = await app.inject({ method: 'POST', url: '/api/score', headers: bearer('viewer') });
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json().message).toMatch(/needs the analyst role; viewer-user is viewer/);
    expect((await app.inject({ method: 'POST', url: '/api/score', headers: bearer('analyst') })).statusCode).toBe(202);
    expect(authenticate('Bearer cp_admin_token', [{ name: 'a', role: 'admin', sha256: hashToken('cp_admin_token') }])).toEqual({ name: 'a', role: 'admin' });
    expect(parseTokenLines(`# comment\nalice:analyst:${hashToken('x')}`, 'f')).toEqual([{ name: 'alice', role: 'analyst', sha256: hashToken('x') }]);
    expect(() => parseTokenLines('alice:root:abc', 'tokens.txt')).toThrow(/tokens\.txt: entry 1 is not name:role:sha256/);
    expect(() => serverConfigFromEnv({ CHOKEPOINT_AUTH: 'off', CHOKEPOINT_HOST: '0.0.0.0' })).toThrow(/only be turned off on a loopback address/);
    expect(() => serverConfigFromEnv({})).toThrow(/no API tokens/);
  });

  it('every write needs the analyst role: a viewer is refused (403) on each, an analyst is not', async () => {
    const writes: Array<{ method: 'POST'; url: string; payload?: object }> = [
      { method: 'POST', url: '/api/score' },
      { method: 'POST', url: '/api/whatif', payload: { fixes: [] } },
      { method: 'POST', url: '/api/markers', payload: { marker: 'owned', nodes: [DEMO_IDS.helpdesk], clear: true } },
      { method: 'POST', url: '/api/imports' },
    ];
    for (const w of writes) {
      const refused = await app.inject({ ...w, headers: bearer('viewer') });
      expect(refused.statusCode, w.url).toBe(403);
      expect(refused.json().message, w.url).toMatch(/needs the analyst role/);
      expect((await app.inject({ ...w, headers: bearer('analyst') })).statusCode, w.url).not.toBe(403);
    }
  });

  it('every write is audited with who tried it, also when the role refuses it (403) or no token was given (401)', async () => {
    const lines: Array<Record<string, unknown>> = [];
    const stream = new Writable({ write(chunk: Buffer, _enc, done) { for (const l of chunk.toString().split('\n')) if (l.trim()) lines.push(JSON.parse(l) as Record<string, unknown>); done(); } });
    const dir = await mkdtemp(join(tmpdir(), 'chokepoint-audit-'));
    const own = new EmbeddedStore({ dataDir: dir });
    await own.init();
    const audited = await buildApp({ store: own, config: testConfig(), logger: { level: 'info', stream } });
    try {
      await audited.ready();
      await audited.inject({ method: 'POST', url: '/api/score', headers: bearer('viewer') });
      await audited.inject({ method: 'POST', url: '/api/score' });
      await audited.inject({ method: 'POST', url: '/api/score', headers: bearer('analyst') });
      const audit = lines.filter((l) => l.audit === true).map((l) => `${String(l.who)} ${String(l.what)} ${String(l.status)}`);
      expect(audit).toEqual(['viewer-user POST /api/score 403', 'anonymous POST /api/score 401', 'analyst-user POST /api/score 202']);
    } finally { await audited.close(); await own.close(); await rm(dir, { recursive: true, force: true }); }
  });
});

describe('routes', () => {
  const get = (url: string) => app.inject({ url, headers: bearer('viewer') });

  it('ready, kinds, runs, score status', async () => {
    expect((await get('/api/ready')).json()).toEqual({ status: 'ready', store: 'embedded' });
    const kinds = (await get('/api/kinds')).json() as { nodes: unknown[]; edges: Array<{ kind: string; remediation: { fix: string } }>; fixFamilies: Record<string, { nis2: string }> };
    expect(kinds.edges.find((e) => e.kind === 'VendorAccess')!.remediation.fix).toMatch(/./);
    expect(kinds.fixFamilies['vendor-access']!.nis2).toBe('21(2)(d) supply-chain security');
    expect(((await get('/api/runs')).json() as unknown[]).length).toBe(7);
    await app.scoring.current();
    expect((await get('/api/score')).json()).toMatchObject({ state: expect.any(String), last: { totals: { risk: expect.any(Number) } } });
  });

  it('markers by name: set, listed and cleared by an analyst; the next scoring starts routes at the owned node (own app)', async () => {
    const own = await testApp();
    try {
      const post = (payload: object) => own.app.inject({ method: 'POST', url: '/api/markers', headers: bearer('analyst'), payload });
      const get = (url: string) => own.app.inject({ url, headers: bearer('viewer') });
      await get('/api/overview'); // a first scoring, so names resolve
      const marked = await post({ marker: 'owned', nodes: ['ot-jump01'] });
      expect(marked.json()).toEqual({ marker: 'owned', cleared: false, nodes: [DEMO_IDS.otJump], rescore: 'queued' });
      expect((await get('/api/markers')).json()).toEqual([expect.objectContaining({ nodeId: DEMO_IDS.otJump, marker: 'owned', by: 'analyst-user' })]);
      // The re-score it queued makes the jump host an entry at p₀ 1 (polled: the scoring runs in the background).
      const ownedEntry = async () => {
        const r = (await get(`/api/paths?entry=${encodeURIComponent(DEMO_IDS.otJump)}&k=1&targets=1`)).json() as Array<{ routes: Array<{ explain: string }> }>;
        return r[0]?.routes[0]?.explain ?? '';
      };
      const deadline = Date.now() + 60_000;
      while (!/marked owned by analyst-user/.test(await ownedEntry()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(await ownedEntry()).toMatch(/assumed breach: marked owned by analyst-user/);
      expect((await post({ marker: 'owned', nodes: ['ot-jump01'], clear: true })).statusCode).toBe(200);
      expect((await get('/api/markers')).json()).toEqual([]);
      expect((await post({ marker: 'pwned', nodes: ['x'] })).statusCode).toBe(400);
      expect((await post({ marker: 'owned', nodes: ['no such node'] })).statusCode).toBe(404);
    } finally {
      await own.close();
    }
  });

  it('paths by target and entry, top-k with explanations; choke points; node search and a bounded neighbourhood', async () => {
    const paths = (await get(`/api/paths?target=${encodeURIComponent(DEMO_IDS.coolingPlc)}&entry=${encodeURIComponent(DEMO_IDS.acme)}&k=2`)).json() as Array<{ routes: Array<{ entry: string; explain: string; steps: Array<{ kind: string }> }> }>;
    expect(paths[0]!.routes[0]!.entry).toBe(DEMO_IDS.acme);
    expect(paths[0]!.routes[0]!.steps.map((s) => s.kind)).toEqual(['VendorAccess', 'ProvidesAccess', 'CredentialOn', 'AdminTo', 'Controls']);
    expect(paths[0]!.routes[0]!.explain).toMatch(/^risk = p₀/);
    expect(((await get('/api/paths?targets=3&k=1')).json() as unknown[]).length).toBeLessThanOrEqual(3);
    // Any node to any node, named by name or alias: the jump host (not an entry) to the cooling PLC (by its IP).
    const fromJump = (await get(`/api/paths?from=ot-jump01&to=10.31.0.11&k=1`)).json() as Array<{ target: string; routes: Array<{ entry: string; p0: number; explain: string }> }>;
    expect(fromJump[0]!.target).toBe(DEMO_IDS.coolingPlc);
    expect(fromJump[0]!.routes[0]!).toMatchObject({ entry: DEMO_IDS.otJump, p0: 1 });
    expect(fromJump[0]!.routes[0]!.explain).toMatch(/assumed breach/);
    // Routes carry their coverage gaps (the demo has no Nessus scan); a target with no route says why.
    const gapped = (await get('/api/paths?k=1&targets=3')).json() as Array<{ routes: Array<{ gaps: Array<{ missing: string[] }> }> }>;
    expect(gapped.flatMap((t) => t.routes.flatMap((r) => r.gaps.flatMap((g) => g.missing)))).toContain('no vulnerability scan');
    const unreachable = (await get(`/api/paths?from=${encodeURIComponent(DEMO_IDS.coolingPlc)}&to=${encodeURIComponent(DEMO_IDS.internet)}&k=1`)).json() as Array<{ routes: unknown[]; reason: string }>;
    expect(unreachable[0]!.routes).toEqual([]);
    expect(unreachable[0]!.reason).toMatch(/^no (path found|data to decide)/);
    const assumed = (await get('/api/assume?assumption=zone-lateral&assumption=group-sessions')).json() as { observed: number; assumed: number; assumedSteps: number; targets: Array<{ route: { steps: Array<{ assumed: boolean }> } }> };
    expect(assumed.assumed).toBeGreaterThanOrEqual(assumed.observed);
    for (const t of assumed.targets) expect(t.route.steps.some((x) => x.assumed)).toBe(true); // a rise rests on an assumption
    expect((await get('/api/assume?assumption=everything')).statusCode).toBe(400);
    const coverage = (await get('/api/coverage')).json() as { sources: Array<{ source: string; scopes: unknown }>; gaps: Array<{ kind: string; count: number }> };
    expect(coverage.sources.length).toBeGreaterThan(3);
    expect(coverage.gaps.find((g) => g.kind === 'vulnerability-scan')?.count).toBeGreaterThan(0);
    const ambiguous = await get('/api/paths?from=USER&k=1');
    expect(ambiguous.statusCode).toBe(400);
    expect(ambiguous.json().message).toMatch(/names \d+ nodes — use an id/);
    expect(((await get('/api/chokepoints?limit=3')).json() as { nodes: unknown[] }).nodes.length).toBeLessThanOrEqual(3);
    const search = (await get('/api/nodes?q=ews-cooling')).json() as Array<{ id: string }>;
    expect(search.map((n) => n.id)).toContain(DEMO_IDS.ews);
    const hood = (await get(`/api/nodes/${encodeURIComponent(DEMO_IDS.ews)}/neighbourhood?depth=2&limit=5`)).json() as { nodes: unknown[]; edges: unknown[]; truncated: boolean };
    expect(hood.nodes.length).toBeLessThanOrEqual(5);
    expect(hood.edges.length).toBeGreaterThan(0);
    expect((await get('/api/nodes/nope/neighbourhood')).statusCode).toBe(404);
    const eid = `VendorAccess|${DEMO_IDS.acme}|${DEMO_IDS.acmeVpn}`;
    const edges = (await get(`/api/edges?eid=${encodeURIComponent(eid)}&eid=nope`)).json() as Array<{ eid: string; sources: string[]; fromName: string; toName: string }>;
    expect(edges.map((e) => e.eid)).toEqual([eid]);
    expect(edges[0]!.sources).toEqual(['demo/vendor-access']);
    expect([edges[0]!.fromName, edges[0]!.toName]).toEqual(['Acme Controls', 'Acme VPN']); // evidence lines name nodes
    expect((await get('/api/edges')).statusCode).toBe(400);
  });

  it('plan with a budget, what-if matching the plan row, diff of the last two score runs', async () => {
    const plan = (await get('/api/plan?budget=3&steps=5')).json() as { rows: Array<{ fixId: string; riskRemoved: number; cumulativeCost: number; gaps: Array<{ missing: string[] }> }> };
    expect(plan.rows.length).toBeGreaterThan(0);
    // Each row carries the gaps of what it acts on and protects (the demo has no Nessus scan).
    expect(plan.rows.every((r) => Array.isArray(r.gaps))).toBe(true);
    expect(plan.rows.flatMap((r) => r.gaps.flatMap((g) => g.missing))).toContain('no vulnerability scan');
    expect(plan.rows.at(-1)!.cumulativeCost).toBeLessThanOrEqual(3);
    const what = await app.inject({ method: 'POST', url: '/api/whatif', headers: bearer('analyst'), payload: { fixes: [plan.rows[0]!.fixId] } });
    expect(what.statusCode).toBe(200);
    expect(what.json().removed).toBeCloseTo(plan.rows[0]!.riskRemoved, 9);
    await app.scoring.request('test');
    const diff = await get('/api/diff');
    expect(diff.statusCode).toBe(200);
    expect(diff.json()).toMatchObject({ delta: 0, newRoutes: [], closedRoutes: [] });
  });

  it('while a re-score runs in the analysis worker, reads are answered from the published scoring; then the new one is published', async () => {
    const before = (await get('/api/score')).json() as { last: { scoreRun: string } };
    const plan = (await get('/api/plan')).json() as unknown;
    // Stage the store's streaming so the re-score is still in flight while we read.
    let release!: () => void;
    const gate = new Promise<void>((r) => { release = r; });
    const streamEdges = store.streamEdges.bind(store);
    store.streamEdges = async function* (...args) { await gate; yield* streamEdges(...args); };
    try {
      const rescore = app.scoring.request('test: in flight');
      const during = (await get('/api/score')).json() as { state: string; last: { scoreRun: string } };
      expect(during.state).toBe('running');
      expect(during.last.scoreRun).toBe(before.last.scoreRun);
      expect((await get('/api/plan')).json()).toEqual(plan);
      expect((await get(`/api/nodes?q=ews-cooling`)).statusCode).toBe(200);
      release();
      const after = await rescore;
      expect(after.run.id).not.toBe(before.last.scoreRun);
      expect(((await get('/api/score')).json() as { last: { scoreRun: string } }).last.scoreRun).toBe(after.run.id);
    } finally {
      release();
      store.streamEdges = streamEdges;
    }
  });

  it('if the analysis worker ends, the next read scores again in a fresh worker', async () => {
    const before = ((await get('/api/score')).json() as { last: { scoreRun: string } }).last.scoreRun;
    // The worker thread ends as a crash would (close() is the server's shutdown: no fresh worker after it).
    const analysis = Reflect.get(app.scoring, 'analysis') as object;
    await (Reflect.get(analysis, 'worker') as { terminate(): Promise<number> }).terminate();
    for (let i = 0; i < 1000 && app.scoring.latest !== null; i++) await new Promise((r) => setTimeout(r, 10));
    expect(app.scoring.latest).toBeNull();
    const plan = await get('/api/plan');
    expect(plan.statusCode).toBe(200);
    expect(((await get('/api/score')).json() as { last: { scoreRun: string } }).last.scoreRun).not.toBe(before);
  });

  it('exports: CSV with a header row in a stable column order parses back to the JSON rows', async () => {
    for (const [name, columns] of [['plan', PLAN_COLUMNS], ['routes', ROUTE_COLUMNS], ['chokepoints', CHOKEPOINT_COLUMNS]] as const) {
      const csv = await get(`/api/exports/${name}?format=csv`);
      expect(csv.headers['content-type']).toMatch(/text\/csv/);
      expect(csv.body.split('\n')[0]).toBe(columns.join(','));
      const json = (await get(`/api/exports/${name}?format=json`)).json() as Array<Record<string, unknown>>;
      const rows = parse(csv.body, { columns: true }) as Array<Record<string, string>>;
      expect(rows.length).toBe(json.length);
      expect(rows.length).toBeGreaterThan(0);
      expect(rows).toEqual(json.map(expectedCsvRow));
    }
  });
});

describe('schemas and limits', () => {
  it('rejects bad query parameters and bodies with VALIDATION', async () => {
    for (const url of ['/api/paths?k=0', '/api/paths?k=999', '/api/nodes', '/api/nodes?q=x&limit=1000', '/api/plan?budget=-1', '/api/nodes/x/neighbourhood?depth=9']) {
      const r = await app.inject({ url, headers: bearer('viewer') });
      expect(r.statusCode, url).toBe(400);
      expect(r.json().code, url).toBe('VALIDATION');
    }
    const extra = await app.inject({ method: 'POST', url: '/api/whatif', headers: bearer('analyst'), payload: { fixes: [], drop: 'table' } });
    expect(extra.statusCode).toBe(400);
    expect((await app.inject({ url: '/api/nothing', headers: bearer('viewer') })).json()).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('passes the format options a format reads (a mapping as a file part) and refuses one it does not read', async () => {
    const upload = async (fields: Record<string, string>, files: Array<{ name: string; content: Buffer; field?: string }>) => {
      const body = multipart(fields, files);
      return app.inject({ method: 'POST', url: '/api/imports', headers: { ...bearer('analyst'), ...body.headers }, payload: body.payload });
    };
    const get = (url: string) => app.inject({ url, headers: bearer('viewer') });
    const graph = await readFile(join(FIXTURES, 'real/opengraph/githound_example_2025-08.json'));
    const mapped = await upload({ format: 'opengraph', source: 'opengraph/api' }, [{ name: 'githound.json', content: graph }, { name: 'map.yaml', field: 'mapping', content: await readFile(join(FIXTURES, 'opengraph/githound-mapping.yaml')) }]);
    expect(mapped.statusCode).toBe(201);
    // Without the mapping every GitHound node would be External; with it the org is a cloud resource.
    await app.scoring.request('test');
    const org = (await get('/api/nodes?q=O_kgDOCoV2OQ')).json() as Array<{ id: string; kind: string }>;
    expect(org.find((n) => n.id === 'og:O_kgDOCoV2OQ')?.kind).toBe('CloudResource');
    const wrong = await upload({ format: 'nmap', access: 'vendor-vpn' }, [{ name: 'os_scan5.xml', content: await readFile(join(FIXTURES, 'real/nmap/libnmap-os_scan5.xml')) }]);
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toMatchObject({ code: 'VALIDATION', message: '--access does not apply to the nmap format (it reads --from, --internet)' });
    // A bad mapping is refused naming the uploaded file, not where the server keeps it.
    const badMapping = await upload({ format: 'opengraph' }, [{ name: 'githound.json', content: graph }, { name: 'bad-mapping.yaml', field: 'mapping', content: await readFile(join(FIXTURES, 'opengraph/bad-mapping.yaml')) }]);
    expect(badMapping.statusCode).toBe(400);
    expect(badMapping.json().message).toMatch(/^bad-mapping\.yaml/);
    expect(badMapping.json().message).not.toContain('chokepoint-upload');
    // A text field named after a file option is not a path the server would read.
    const pathField = await upload({ format: 'opengraph', mapping: '/etc/passwd' }, [{ name: 'githound.json', content: graph }]);
    expect(pathField.statusCode).toBe(201);
    const kinds = (await get('/api/kinds')).json() as { formats: Array<{ id: string; options: Array<{ name: string; type: string }> }>; purdue: Array<{ level: number }> };
    expect(kinds.formats.find((f) => f.id === 'nmap')!.options.map((o) => o.name)).toEqual(['from', 'internet']);
    expect(kinds.formats.find((f) => f.id === 'opengraph')!.options).toEqual([expect.objectContaining({ name: 'mapping', type: 'file' })]);
    expect(kinds.purdue.map((p) => p.level)).toEqual([5, 4, 3.5, 3, 2, 1, 0]);
  });

  it('imports a file (201, re-score queued) and refuses a hostile one with the importer message, leaving the store unchanged', async () => {
    const good = multipart({ format: 'nmap', source: 'nmap/api' }, [{ name: 'os_scan5.xml', content: await readFile(join(FIXTURES, 'real/nmap/libnmap-os_scan5.xml')) }]);
    const ok = await app.inject({ method: 'POST', url: '/api/imports', headers: { ...bearer('analyst'), ...good.headers }, payload: good.payload });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ source: 'nmap/api', format: 'nmap', rescore: 'queued' });
    const before = await store.stats();
    for (const [file, message] of [['real/nmap/libnmap-defused_et_local_includer.xml', /defused_et_local_includer\.xml:\d+:\d+: the document declares a DOCTYPE/], ['identity/sharphound/truncated.zip', /truncated\.zip: not a readable zip/]] as const) {
      const bad = multipart({ format: file.includes('sharphound') ? 'sharphound' : 'nmap' }, [{ name: file.split('/').pop()!, content: await readFile(join(FIXTURES, file)) }]);
      const r = await app.inject({ method: 'POST', url: '/api/imports', headers: { ...bearer('analyst'), ...bad.headers }, payload: bad.payload });
      expect(r.statusCode).toBe(400);
      expect(r.json().code).toBe('BAD_INPUT');
      expect(r.json().message).toMatch(message);
    }
    expect(await store.stats()).toEqual(before);
    const noFormat = multipart({}, [{ name: 'x.xml', content: 'x' }]);
    expect((await app.inject({ method: 'POST', url: '/api/imports', headers: { ...bearer('analyst'), ...noFormat.headers }, payload: noFormat.payload })).json()).toMatchObject({ code: 'VALIDATION', message: 'the format field is required' });
    expect((await app.inject({ method: 'POST', url: '/api/imports', headers: bearer('viewer') })).statusCode).toBe(403);
    // A cut or garbled multipart body is the client's error (400), never a 500; the store is unchanged.
    const cut = good.payload.subarray(0, Math.floor(good.payload.length / 2));
    for (const [payload, type] of [[cut, good.headers['content-type']!], [Buffer.from('garbage'), good.headers['content-type']!], [Buffer.from('x'), 'multipart/form-data']] as const) {
      const r = await app.inject({ method: 'POST', url: '/api/imports', headers: { ...bearer('analyst'), 'content-type': type }, payload });
      expect(r.statusCode).toBe(400);
      expect(r.json()).toMatchObject({ code: 'BAD_MULTIPART', message: expect.stringMatching(/^the multipart body cannot be read \(/) });
    }
    expect(await store.stats()).toEqual(before);
  });

  it('enforces the upload limit (413) and the rate limit (429)', async () => {
    const small = await testApp({ demo: false, config: { uploadLimitBytes: 1024, rateLimitPerMinute: 5 } });
    try {
      const big = multipart({ format: 'batch' }, [{ name: 'big.json', content: Buffer.alloc(4096, 32) }]);
      const r = await small.app.inject({ method: 'POST', url: '/api/imports', headers: { ...bearer('analyst'), ...big.headers }, payload: big.payload });
      expect(r.statusCode).toBe(413);
      expect(r.json().code).toBe('TOO_LARGE');
      const codes = [];
      for (let i = 0; i < 8; i++) codes.push((await small.app.inject({ url: '/api/health' })).statusCode);
      expect(codes).toContain(429);
    } finally { await small.close(); }
  });

  it('a failure inside says nothing internal (500 INTERNAL)', async () => {
    const broken = await testApp({ demo: false, store: (s) => Object.assign(Object.create(Object.getPrototypeOf(s) as object) as GraphStore, s, { listRuns: async () => { throw new Error('secret path /var/lib/x'); } }) });
    try {
      const r = await broken.app.inject({ url: '/api/runs', headers: bearer('viewer') });
      expect(r.statusCode).toBe(500);
      expect(r.json()).toEqual({ code: 'INTERNAL', message: 'internal error' });
      expect(r.headers['x-content-type-options']).toBe('nosniff'); // helmet
    } finally { await broken.close(); }
  });

  it('a scoring that fails mid-stream is reported in the status; reads fail as 500 INTERNAL; the server keeps serving', async () => {
    const failing = await testApp({ store: (s) => Object.assign(Object.create(Object.getPrototypeOf(s) as object) as GraphStore, s, {
      streamEdges: async function* () { yield []; throw new Error('disk gone at /var/lib/secret'); },
    }) });
    try {
      await expect(failing.app.scoring.request('test')).rejects.toThrow(/disk gone/);
      const status = (await failing.app.inject({ url: '/api/score', headers: bearer('viewer') })).json() as { state: string; lastError: string; last: unknown };
      expect(status).toMatchObject({ state: 'idle', last: null });
      expect(status.lastError).toMatch(/disk gone/);
      const plan = await failing.app.inject({ url: '/api/plan', headers: bearer('viewer') });
      expect(plan.statusCode).toBe(500);
      expect(plan.json()).toEqual({ code: 'INTERNAL', message: 'internal error' });
      expect((await failing.app.inject({ url: '/api/health' })).statusCode).toBe(200);
    } finally { await failing.close(); }
  });

  it('serves the OpenAPI document with every route', async () => {
    const spec = (await app.inject({ url: '/docs/json' })).json() as { paths: Record<string, unknown> };
    for (const p of ['/api/health', '/api/imports', '/api/paths', '/api/plan', '/api/whatif', '/api/exports/plan', '/api/events', '/api/diff', '/api/nodes/{id}/neighbourhood', '/api/nodes/{id}', '/api/edges', '/api/overview', '/api/score-runs']) expect(Object.keys(spec.paths)).toContain(p);
  });
});
