/**
 * The web view end to end: Debian's Chromium (playwright-core) against the real server on the demo
 * estate. Screenshots of each view are written to test-artifacts/e2e/.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import type { Browser, Page } from 'playwright-core';
import { DEMO_IDS } from '@chokepoint/importers';
import { PLAN_COLUMNS } from '@chokepoint/server';
import { ARTIFACTS, E2E_TOKEN, chromiumMissing, demoServer, launchChromium, type DemoServer } from '../helpers/browser.js';
import { expectedCsvRow } from '../helpers/exports.js';
import { apiClient, eventually } from '../helpers/e2e.js';

describe.skipIf(chromiumMissing !== '')(`web view in Chromium${chromiumMissing ? ` (not run: ${chromiumMissing})` : ''}`, () => {
  let server: DemoServer;
  let browser: Browser;
  let page: Page;
  const dialogs: string[] = [];
  const pageErrors: string[] = [];
  const { get: apiGet, post: apiPost } = apiClient(() => server);
  const fmt = (n: number) => (Math.abs(n) >= 100 ? n.toFixed(0) : n.toFixed(2)); // as the view prints figures
  const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });

  beforeAll(async () => {
    await mkdir(ARTIFACTS, { recursive: true });
    server = await demoServer();
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
    page = await context.newPage();
    page.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('asks for a token, then shows the overview with the live scoring status', async () => {
    await page.goto(server.url);
    await page.getByLabel('API token').fill(E2E_TOKEN);
    await page.getByRole('button', { name: 'Use token' }).click();
    const status = await apiGet<{ last: { scoreRun: string; totals: { risk: number } } }>('/score');
    await eventually(() => page.getByTestId('total-risk').textContent()).toBe(fmt(status.last.totals.risk));
    await eventually(() => page.getByTestId('score-status').textContent()).toContain(status.last.scoreRun);
    expect(await page.getByRole('heading', { name: 'Risk by domain' }).isVisible()).toBe(true);
    // The coverage panel names each source and what no source collected (the API's gaps, as text).
    const coverage = await apiGet<{ sources: Array<{ source: string }>; gaps: Array<{ message: string }> }>('/coverage');
    await eventually(() => page.getByRole('list', { name: 'unknown' }).textContent()).toContain(coverage.gaps[0]!.message);
    expect(await page.getByRole('list', { name: 'sources' }).textContent()).toContain(coverage.sources[0]!.source);
    await shot('01-overview');
  });

  it('picks the cooling-PLC target, shows the vendor route, and ticking its fix makes risk drop and the route vanish', async () => {
    const plc = (await server.store.getNode(DEMO_IDS.coolingPlc))!;
    const acme = (await server.store.getNode(DEMO_IDS.acme))!;
    await page.getByRole('button', { name: plc.name, exact: true }).click();
    const paths = await apiGet<Array<{ routes: Array<{ entry: string; nodes: Array<{ name: string }>; steps: Array<{ eid: string }> }> }>>(`/paths?target=${encodeURIComponent(DEMO_IDS.coolingPlc)}`);
    const vendorRoute = paths[0]!.routes.find((r) => r.entry === DEMO_IDS.acme)!;
    const vendorChain = vendorRoute.nodes.map((n) => n.name).join(' → ');
    expect(vendorChain.startsWith(acme.name)).toBe(true);
    const routes = page.getByTestId('route-list');
    await eventually(() => routes.textContent()).toContain(vendorChain);
    expect(page.url()).toContain(`target=${encodeURIComponent(DEMO_IDS.coolingPlc)}`);
    const legend = await page.getByRole('list', { name: 'legend: colours' }).textContent();
    for (const domain of ['IT', 'OT', 'IoT', 'Cloud', 'Identity', 'Vendor', 'AI']) expect(legend).toContain(domain);
    await shot('02-routes');

    // The view exports as SVG (labels are text nodes) and PNG.
    const [svg] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export SVG' }).click()]);
    const svgText = await readFile((await svg.path())!, 'utf8');
    expect(svgText).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svgText).toContain(`>${plc.name}</text>`);
    const [png] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export PNG' }).click()]);
    expect((await readFile((await png.path())!)).subarray(1, 4).toString()).toBe('PNG');

    // Its steps open from the list (keyboard path to the canvas's details): facts, sources, evidence, remediation.
    await routes.getByRole('button', { name: vendorChain }).click();
    await page.getByRole('list', { name: 'steps of this route' }).getByRole('button').first().click();
    const details = page.getByRole('region', { name: 'step details' });
    await eventually(() => details.textContent()).toContain('Evidence');
    expect(await details.textContent()).toMatch(/VendorAccess: Acme Controls → Acme VPN.*how to fix/s);
    expect(await details.getByRole('list').filter({ hasText: 'VendorAccess' }).first().textContent()).toMatch(/VendorAccess Acme Controls → Acme VPN/); // evidence by name, not id
    const reference = details.locator('ul.refs a').first(); // references are links that open apart from this page
    expect(await reference.getAttribute('href')).toMatch(/^https:\/\//);
    expect(await reference.getAttribute('rel')).toBe('noopener noreferrer');
    await shot('02b-step-details');

    // Which plan row cuts the vendor route, asked of the API the view uses.
    const plan = await apiGet<{ rows: Array<{ rank: number; fixId: string; action: string }> }>('/plan');
    let fix: { rank: number; fixId: string; action: string } | undefined;
    let expected: { before: number; after: number } | undefined;
    for (const row of plan.rows) {
      const w = await apiPost<{ before: number; after: number; steps: Record<string, number> }>('/whatif', { fixes: [row.fixId], steps: vendorRoute.steps.map((s) => s.eid) });
      if (Object.values(w.steps).includes(0)) { fix = row; expected = w; break; }
    }
    expect(fix, 'a plan row cuts the vendor route').toBeDefined();

    await page.getByText('Fixes (what-if)').click();
    await page.getByLabel(`apply fix ${fix!.rank}: ${fix!.action}`).check();
    await eventually(() => page.getByTestId('whatif-after').textContent()).toBe(fmt(expected!.after));
    expect(expected!.after).toBeLessThan(expected!.before);
    await eventually(() => routes.textContent()).not.toContain(vendorChain);
    expect(page.url()).toContain(`fix=${encodeURIComponent(fix!.fixId)}`);
    await shot('03-routes-whatif');


    // The deep link reopens the same picture.
    await page.goto(page.url());
    await eventually(() => page.getByTestId('whatif-status').textContent()).toMatch(/[1-9]\d* of \d+ routes shown are cut/);
    expect(await routes.textContent()).not.toContain(vendorChain);
    expect(await page.getByLabel(`apply fix ${fix!.rank}: ${fix!.action}`).isChecked()).toBe(true);
  });

  it('routes from any node: the EWS (no entry) to the PLC it commands, where it said "No route to show"', async () => {
    const ews = (await server.store.getNode(DEMO_IDS.ews))!;
    const plc = (await server.store.getNode(DEMO_IDS.coolingPlc))!;
    await page.goto(`${server.url}/?view=routes&entry=${encodeURIComponent(DEMO_IDS.ews)}&target=${encodeURIComponent(DEMO_IDS.coolingPlc)}`);
    const routes = page.getByTestId('route-list');
    await eventually(() => routes.textContent()).toContain(`${ews.name} → ${plc.name}`);
    expect(await page.getByText('No route to show').count()).toBe(0);
  });

  it('exports the plan as CSV that parses to the JSON export rows', async () => {
    await page.getByRole('button', { name: 'Remediation plan' }).click();
    await page.getByRole('heading', { name: 'Cumulative risk' }).waitFor();
    await shot('04-plan');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    const csv = await readFile((await download.path())!, 'utf8');
    expect(csv.split('\n')[0]).toBe(PLAN_COLUMNS.join(','));
    const rows = parse(csv, { columns: true }) as Array<Record<string, string>>;
    const json = await (await fetch(`${server.url}/api/exports/plan?format=json`, { headers: { authorization: `Bearer ${E2E_TOKEN}` } })).json() as Array<Record<string, unknown>>;
    expect(rows.length).toBeGreaterThan(0);
    expect(rows).toEqual(json.map(expectedCsvRow));
  });

  it('choke points highlight the routes through them; runs list imports and score runs', async () => {
    await page.getByRole('button', { name: 'Choke points' }).click();
    const first = page.getByRole('region', { name: 'Choke nodes' }).getByRole('button').first();
    await first.click();
    await eventually(() => page.getByText(/pass through the selected choke point/).textContent()).toMatch(/^[1-9]\d* of the \d+ top routes/);
    await shot('05-chokepoints');
    await page.getByRole('button', { name: 'Runs' }).click();
    await page.getByRole('heading', { name: 'Imports' }).waitFor();
    await eventually(() => page.getByRole('region', { name: 'Imports' }).locator('tbody tr').count()).toBeGreaterThan(0);
    await shot('06-runs');
  });

  it('import: a hostile file shows the importer message; a node named like markup renders as text', async () => {
    await page.getByRole('button', { name: 'Import' }).click();
    await page.getByLabel('Format').selectOption('nmap');
    await page.locator('input[type=file]').setInputFiles({ name: 'scan.xml', mimeType: 'text/xml', buffer: Buffer.from('<?xml version="1.0"?><nmaprun><host><address addr="10.0.0.1" addrtype="ipv4"/>') });
    await page.getByRole('button', { name: 'Import' }).last().click();
    await eventually(() => page.getByTestId('import-error').textContent()).toMatch(/scan\.xml/);
    await shot('07-import-error');

    const hostile = '<img src=x onerror=alert(1)>';
    const batch = { source: 'e2e/xss', format: 'batch', complete: false, nodes: [{ id: 'host:xss', kind: 'Host', name: hostile }], edges: [] };
    await page.getByLabel('Format').selectOption('batch');
    await page.locator('input[type=file]').setInputFiles({ name: 'xss.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(batch)) });
    await page.getByRole('button', { name: 'Import' }).last().click();
    await eventually(() => page.getByTestId('import-result').textContent()).toContain('1 nodes');
    await server.app.scoring.request('e2e: after the import'); // the import queued one; wait for a published scoring with the node

    await page.getByRole('button', { name: 'Routes' }).click();
    await page.getByLabel('Search').fill('onerror');
    await page.getByRole('button', { name: 'Find' }).click();
    const result = page.getByRole('region', { name: 'search results' });
    await eventually(() => result.textContent()).toContain(hostile);
    await result.getByRole('button', { name: hostile }).click();
    await eventually(() => page.getByRole('region', { name: 'node details' }).textContent()).toContain(hostile);
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(dialogs).toEqual([]);
    await shot('08-hostile-name-as-text');
  });

  it('runs: the diff from the first scoring to the latest names the import run between them', async () => {
    const runs = await apiGet<Array<{ id: string }>>('/score-runs');
    expect(runs.length).toBeGreaterThanOrEqual(2);
    await page.goto(`${server.url}/?view=runs`);
    await page.getByLabel(`diff from ${runs[0]!.id}`).check();
    await page.getByLabel(`diff to ${runs.at(-1)!.id}`).check();
    const diff = page.getByRole('region', { name: 'diff' });
    await eventually(() => diff.textContent()).toContain('e2e/xss'); // the import run between the two scorings
    expect(page.url()).toContain(`from=${encodeURIComponent(runs[0]!.id)}`);
    await shot('09-runs-diff');
  });

  it('is keyboard reachable and raised no page errors', async () => {
    await page.goto(`${server.url}/?view=overview`);
    await page.getByTestId('total-risk').waitFor();
    let reached = false;
    for (let i = 0; i < 12 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = (await page.evaluate('document.activeElement && document.activeElement.textContent')) === 'Remediation plan';
    }
    expect(reached).toBe(true);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Cumulative risk' }).waitFor();
    expect(pageErrors).toEqual([]);
  });
});
