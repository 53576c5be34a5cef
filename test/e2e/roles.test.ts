/**
 * Role-aware controls and the SVG export. The web view shows a viewer only what a viewer may do: no Import view, plan statuses as text, no risk
 * acceptance, no "Save view…", no marking; an analyst sees the status pickers and marking but not the
 * acceptance form (admins only). The server enforces the same roles (API tests).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { E2E_TOKEN, E2E_VIEWER_TOKEN, chromiumMissing, demoServer, launchChromium, signedInPage, type DemoServer } from '../helpers/browser.js';
import { eventually } from '../helpers/e2e.js';


describe.skipIf(chromiumMissing !== '')(`role-aware controls in Chromium${chromiumMissing ? ` (not run: ${chromiumMissing})` : ''}`, () => {
  let server: DemoServer, browser: Browser;
  const signIn = (token: string): Promise<Page> => signedInPage(browser, server, token, { ready: (p) => p.getByTestId('whoami').waitFor({ timeout: 60_000 }) });
  beforeAll(async () => { server = await demoServer({ size: 400 }); browser = await launchChromium(); });
  afterAll(async () => { await browser?.close(); await server?.close(); });

  it('a viewer sees no controls it cannot use; an analyst sees its own', async () => {
    const viewer = await signIn(E2E_VIEWER_TOKEN);
    expect(await viewer.getByTestId('whoami').textContent()).toBe('e2e-viewer (viewer)');
    expect(await viewer.getByRole('button', { name: 'Import' }).count()).toBe(0);
    expect(await viewer.getByRole('button', { name: 'Save view…' }).count()).toBe(0);
    await viewer.getByRole('button', { name: 'Remediation plan' }).click();
    await viewer.locator('table.fixes tbody tr').first().waitFor({ timeout: 30_000 });
    expect(await viewer.getByLabel('status of fix 1').count()).toBe(0);
    expect(await viewer.getByRole('form', { name: 'accept a risk' }).count()).toBe(0);

    const analyst = await signIn(E2E_TOKEN);
    expect(await analyst.getByRole('button', { name: 'Import' }).count()).toBe(1);
    expect(await analyst.getByRole('button', { name: 'Save view…' }).count()).toBe(1);
    await analyst.getByRole('button', { name: 'Remediation plan' }).click();
    await analyst.getByLabel('status of fix 1').waitFor({ timeout: 30_000 });
    expect(await analyst.getByRole('form', { name: 'accept a risk' }).count()).toBe(0);
  });

  it('the SVG export keeps arrowheads, dashed cross-domain hops, node shapes and names as text', async () => {
    const page = await signIn(E2E_TOKEN);
    await page.goto(`${server.url}/?view=routes&target=${encodeURIComponent('host:10.31.0.11')}`);
    await page.getByTestId('graph').waitFor({ timeout: 30_000 });
    await eventually(async () => page.getByRole('button', { name: 'Export SVG' }).isEnabled()).toBe(true);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export SVG' }).click()]);
    const svg = readFileSync(await download.path(), 'utf8');
    expect(svg).toMatch(/<marker id="arrow-0"/);
    expect(svg).toMatch(/marker-end="url\(#arrow-\d+\)"/);
    expect(svg).toContain('stroke-dasharray="6 4"'); // the vendor → OT hop on the cooling-PLC route
    expect(svg).toMatch(/<polygon |<rect /); // kinds keep their shapes, not only circles
    expect(svg).toContain('PLC cooling loop A');
  });

  it('picks From and To by typing (type-ahead over names and ids): routes from the EWS to the PLC it commands', async () => {
    const page = await signIn(E2E_TOKEN);
    await page.getByRole('button', { name: 'Routes' }).click();
    const from = page.getByLabel('From', { exact: true });
    await from.fill('host:10.32.0.20');
    await page.locator('datalist option[value="host:10.32.0.20"]').waitFor({ state: 'attached', timeout: 30_000 });
    await from.press('Enter');
    await eventually(() => new URL(page.url()).searchParams.get('entry')).toBe('host:10.32.0.20');
    const to = page.getByLabel('To', { exact: true });
    await to.fill('PLC cooling loop A');
    await page.locator('datalist option[value="host:10.31.0.11"]').waitFor({ state: 'attached', timeout: 30_000 });
    await to.press('Enter');
    await eventually(() => new URL(page.url()).searchParams.get('target')).toBe('host:10.31.0.11');
    await eventually(() => page.getByTestId('route-list').textContent()).toContain('ews-cooling → PLC cooling loop A');
  });
});
