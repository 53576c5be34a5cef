/**
 * The analysis commands as an operator or a risk team runs them: demo (imports and scores), score,
 * paths, fixes as CSV, whatif (store untouched) and diff — through the real CLI on the embedded store.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { DEMO_IDS } from '@chokepoint/importers';
import { EmbeddedStore } from '@chokepoint/queries';
import { CHOKEPOINT_COLUMNS, PLAN_COLUMNS, buildApp } from '@chokepoint/server';
import { bearer, testConfig } from '../helpers/api.js';
import { runCli } from '../helpers/cli.js';

let dir: string;
let data: string[];
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chokepoint-cli-analysis-'));
  data = ['--data-dir', join(dir, 'store')];
});
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

describe('analysis commands', () => {
  it('demo imports, scores and prints the top routes and first fixes; diff needs two score runs', async () => {
    const demo = await runCli([...data, 'demo', '--no-serve', '--size', '400']);
    expect(demo.code).toBe(0);
    expect(demo.stdout).toMatch(/score run score-\S+: total risk [\d.]+/);
    expect(demo.stdout).toMatch(/top routes:\n#1 /);
    expect(demo.stdout).toMatch(/first fixes \(risk [\d.]+ → [\d.]+\):\n {2,} 1\. /);
    const diff = await runCli([...data, 'diff']);
    expect(diff.code).toBe(1);
    expect(diff.stderr).toMatch(/diff needs two score runs; the store has 1/);
  });

  it('score stores a second run and diffs it with the first (nothing changed)', async () => {
    const r = await runCli([...data, '--json', 'score']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { totals: { risk: number; reachableTargets: number }; diff: { delta: number; newRoutes: unknown[]; closedRoutes: unknown[] }; topRoutes: Array<{ target: string; explain: string }> };
    expect(out.totals.risk).toBeGreaterThan(0);
    expect(out.diff).toMatchObject({ delta: 0, newRoutes: [], closedRoutes: [] });
    expect(out.topRoutes[0]!.explain).toMatch(/^risk = p₀/);
    const diff = await runCli([...data, 'diff', '--json']);
    expect(diff.code).toBe(0);
    expect(JSON.parse(diff.stdout)).toMatchObject({ delta: 0, riskChanges: [] });
  });

  it('paths --target lists k routes, most likely first, from the chosen entry', async () => {
    const r = await runCli([...data, '--json', 'paths', '--target', DEMO_IDS.coolingPlc, '--entry', DEMO_IDS.acme, '--k', '3']);
    expect(r.code).toBe(0);
    const [out] = JSON.parse(r.stdout) as Array<{ target: string; routes: Array<{ entry: string; risk: number; steps: Array<{ kind: string }> }> }>;
    expect(out!.target).toBe(DEMO_IDS.coolingPlc);
    expect(out!.routes[0]!.steps.map((s) => s.kind)).toEqual(['VendorAccess', 'ProvidesAccess', 'CredentialOn', 'AdminTo', 'Controls']);
    for (const route of out!.routes) expect(route.entry).toBe(DEMO_IDS.acme);
    const risks = out!.routes.map((x) => x.risk);
    expect([...risks].sort((a, b) => b - a)).toEqual(risks);
    const unknown = await runCli([...data, 'paths', '--target', 'nope']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/to: no node has the id, alias or name "nope"/);
  });

  it('mark owned by name: marks persist, paths --from any node, and the next score starts routes there (p₀ 1)', async () => {
    const mark = await runCli([...data, 'mark', 'owned', 'ot-jump01']);
    expect(mark.code).toBe(0);
    expect(mark.stdout).toMatch(new RegExp(`marked owned: ${DEMO_IDS.otJump.replace(/\./g, '\\.')}`));
    const marks = JSON.parse((await runCli([...data, '--json', 'marks'])).stdout) as Array<{ nodeId: string; marker: string; by: string }>;
    expect(marks).toEqual([expect.objectContaining({ nodeId: DEMO_IDS.otJump, marker: 'owned', by: 'cli' })]);
    // Owned: the jump host is an entry of the scoring now.
    const paths = await runCli([...data, '--json', 'paths', '--entry', DEMO_IDS.otJump, '--to', '10.31.0.11', '--k', '1']);
    const [owned] = JSON.parse(paths.stdout) as Array<{ routes: Array<{ entry: string; p0: number; explain: string }> }>;
    expect(owned!.routes[0]).toMatchObject({ entry: DEMO_IDS.otJump, p0: 1 });
    expect(owned!.routes[0]!.explain).toMatch(/assumed breach: marked owned by cli/);
    // Any node as a start without marking it: the EWS by name, to the PLC by IP.
    const from = await runCli([...data, '--json', 'paths', '--from', 'ews-cooling', '--to', '10.31.0.11', '--k', '1']);
    expect(from.code).toBe(0);
    expect((JSON.parse(from.stdout) as Array<{ routes: Array<{ entry: string; steps: Array<{ kind: string }> }> }>)[0]!.routes[0]).toMatchObject({ entry: DEMO_IDS.ews, steps: [{ kind: 'Controls' }] });
    expect((await runCli([...data, 'mark', 'owned', 'ot-jump01', '--clear'])).code).toBe(0);
    expect(JSON.parse((await runCli([...data, '--json', 'marks'])).stdout)).toEqual([]);
    expect((await runCli([...data, 'mark', 'pwned', 'x'])).stderr).toMatch(/marker must be one of owned, high-value/);
  });

  it('coverage names each source and what is unknown; expire removes nothing fresh and is recorded as a run', async () => {
    const coverage = await runCli([...data, 'coverage']);
    expect(coverage.code).toBe(0);
    expect(coverage.stdout).toMatch(/^sources:\n {2}demo\/ad \(/);
    expect(coverage.stdout).toMatch(/unknown:\n {2}no vulnerability scan \(Nessus\) of \d+ of \d+ machines/);
    const expire = JSON.parse((await runCli([...data, '--json', 'expire'])).stdout) as { runId: string; expiredRuns: unknown[]; result: { edgesDeleted: number } };
    expect(expire).toMatchObject({ expiredRuns: [], result: { edgesDeleted: 0 } });
    const runs = JSON.parse((await runCli([...data, '--json', 'coverage'])).stdout) as { sources: Array<{ source: string }> };
    expect(runs.sources.map((s) => s.source)).not.toContain('expire');
    expect((await runCli([...data, 'expire', '--now', 'yesterday'])).stderr).toMatch(/--now must be an ISO time/);
    const assume = await runCli([...data, 'assume', 'zone-lateral']);
    expect(assume.code).toBe(0);
    expect(assume.stdout).toMatch(/^observed total risk [\d.]+; with zone-lateral \(\d+ assumed step\(s\)\): [\d.]+ — nothing stored/);
    expect((await runCli([...data, 'assume', 'everything'])).stderr).toMatch(/unknown assumption everything; known: zone-lateral, group-sessions/);
  });

  it('fixes --format csv is a parseable plan within the budget; whatif on its first row removes exactly that risk and changes nothing stored', async () => {
    const r = await runCli([...data, 'fixes', '--format', 'csv', '--budget', '4']);
    expect(r.code).toBe(0);
    const rows = parse(r.stdout, { columns: true }) as Array<Record<string, string>>;
    expect(rows.length).toBeGreaterThan(0);
    expect(Object.keys(rows[0]!)).toEqual([...PLAN_COLUMNS]);
    expect(Number(rows[rows.length - 1]!.cumulative_cost)).toBeLessThanOrEqual(4);
    for (const row of rows) {
      expect(row.nis2_measure).toMatch(/^21\(2\)\([a-j]\)/);
      expect(row.cir_2024_2690).toMatch(/^\d+\.\d+/);
    }
    // The CLI's CSV is the API's CSV: same rows, same columns, byte for byte, on the same store.
    const chokeCsv = await runCli([...data, 'chokepoints', '--format', 'csv', '--limit', '8']);
    expect(chokeCsv.code).toBe(0);
    expect(chokeCsv.stdout.split('\n')[0]).toBe(CHOKEPOINT_COLUMNS.join(','));
    const store = new EmbeddedStore({ dataDir: data[1]! });
    await store.init();
    const app = await buildApp({ store, config: testConfig() });
    try {
      await app.ready();
      const api = await app.inject({ url: '/api/exports/plan?format=csv&budget=4', headers: bearer('viewer') });
      expect(api.statusCode).toBe(200);
      expect(api.body).toBe(r.stdout);
      // Choke points too: `chokepoints --format csv` is the API's export.
      expect((await app.inject({ url: '/api/exports/chokepoints?format=csv&limit=8', headers: bearer('viewer') })).body).toBe(chokeCsv.stdout);
    } finally { await app.close(); await store.close(); }
    const stats = (await runCli([...data, 'stats', '--json'])).stdout;
    const what = await runCli([...data, '--json', 'whatif', '--fix', rows[0]!.fix_id!]);
    expect(what.code).toBe(0);
    // The CSV rounds to four significant digits for people.
    const removed = (JSON.parse(what.stdout) as { removed: number }).removed;
    expect(Number(rows[0]!.risk_removed)).toBe(Number(removed.toPrecision(4)));
    expect((await runCli([...data, 'stats', '--json'])).stdout).toBe(stats);
    const bad = await runCli([...data, 'whatif', '--fix', 'patch:nothing', '--fix', 'edge:nope']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/unknown fix ids: patch:nothing, edge:nope/);
    const badFormat = await runCli([...data, 'fixes', '--format', 'xml']);
    expect(badFormat.code).toBe(1);
  });

  it('fix set / accept / list: the lifecycle from the CLI; its CSV is the API\'s, formula-like owners neutralised', async () => {
    const plan = JSON.parse((await runCli([...data, 'fixes', '--format', 'json', '--steps', '3'])).stdout) as { rows: Array<{ fixId: string }> };
    const [first, second] = plan.rows.map((r) => r.fixId);
    const set = await runCli([...data, '--json', 'fix', 'set', first!, '--status', 'done', '--owner', '=1+1', '--note', 'CHG-42']);
    expect(set.code).toBe(0);
    expect(JSON.parse(set.stdout)).toMatchObject({ fixId: first, status: 'done', owner: '=1+1', ownerFrom: 'assigned' });
    expect((await runCli([...data, 'fix', 'set', first!, '--status', 'verified'])).stderr).toMatch(/--status must be one of open, in-progress, done \(verified and resurfaced are set by scorings\)/);
    const expires = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
    const accept = await runCli([...data, 'fix', 'accept', second!, '--reason', 'compensating control', '--expires', expires]);
    expect(accept.code).toBe(0);
    expect(accept.stdout).toMatch(/risk accepted until \d{4}-\d\d-\d\dT00:00:00.000Z \(leaves the plan at the next scoring/);
    expect((await runCli([...data, 'fix', 'accept', second!, '--reason', 'x'])).stderr).toMatch(/needs --reason and --expires/);
    // The acceptance takes effect at the next scoring: the plan leaves the fix out.
    const after = JSON.parse((await runCli([...data, 'fixes', '--format', 'json'])).stdout) as { rows: Array<{ fixId: string }> };
    expect(after.rows.map((r) => r.fixId)).not.toContain(second);
    const csv = await runCli([...data, 'fix', 'list', '--format', 'csv']);
    expect(csv.code).toBe(0);
    const rows = parse(csv.stdout, { columns: true }) as Array<Record<string, string>>;
    expect(rows.find((r) => r.fix_id === first)).toMatchObject({ status: 'done', owner: "'=1+1", last_change: expect.stringMatching(/cli:\S+: status open → done; owner none → =1\+1; note: CHG-42$/) });
    expect(rows.find((r) => r.fix_id === second)).toMatchObject({ acceptance_reason: 'compensating control', accepted_until: `${expires}T00:00:00.000Z` });
    const store = new EmbeddedStore({ dataDir: data[1]! });
    await store.init();
    const app = await buildApp({ store, config: testConfig() });
    try {
      await app.ready();
      expect((await app.inject({ url: '/api/exports/fixes?format=csv', headers: bearer('viewer') })).body).toBe(csv.stdout);
    } finally { await app.close(); await store.close(); }
  });
});
