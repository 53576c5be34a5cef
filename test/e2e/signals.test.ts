/**
 * The Signals view in Chromium: the demo's planted chain is the first chain shown, in attack order, with
 * the fix that cuts it; a rule written like markup renders as text; a new chain raises the banner.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEMO_CHAIN, demoSignals, generateDemoEstate, loadBatch } from '@chokepoint/importers';
import { ARTIFACTS, E2E_TOKEN, chromiumMissing, demoServer, launchChromium, signedInPage, type DemoServer } from '../helpers/browser.js';


describe.skipIf(chromiumMissing !== '')(`signals view in Chromium${chromiumMissing ? ` (not run: ${chromiumMissing})` : ''}`, () => {
  let server: DemoServer, browser: Browser, page: Page;
  const pageErrors: string[] = [];
  beforeAll(async () => {
    await mkdir(ARTIFACTS, { recursive: true });
    server = await demoServer({ size: 400 });
    browser = await launchChromium();
    page = await signedInPage(browser, server, E2E_TOKEN, { viewport: { width: 1280, height: 900 }, errors: pageErrors });
  });
  afterAll(async () => { await browser?.close(); await server?.close(); });

  it('a new chain raises the banner; the view lists the planted chain first with its next step and fix; markup in a rule is text', async () => {
    const batch = demoSignals(generateDemoEstate({ size: 400 }));
    batch.signals!.push({ id: 'markup', time: new Date().toISOString(), product: 'test', rule: '<img src=x onerror=alert(1)>', severity: 'high', confidence: 0.9, techniques: [], subjects: [{ key: 'ip:10.30.0.10', role: 'host' }], evidence: 'test' });
    await loadBatch(server.store, batch);
    void server.app.scoring.request('signals imported');
    await page.getByTestId('chain-banner').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('chain-banner').textContent()).toContain('PLC cooling loop A');
    await page.getByRole('button', { name: 'Show signals' }).click();
    const first = page.getByTestId('chain').first();
    await first.waitFor({ timeout: 30_000 });
    const text = await first.textContent();
    const at = (id: string) => text!.indexOf(batch.signals!.find((s) => s.id === id)!.rule);
    expect(DEMO_CHAIN.map(at).every((i, k, all) => i >= 0 && (k === 0 || i > all[k - 1]!))).toBe(true);
    expect(text).toContain('Cut it: Restrict ews-cooling from commanding PLC cooling loop A');
    expect(await page.getByText('<img src=x onerror=alert(1)>').count()).toBeGreaterThan(0);
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, 'signals-01-view.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  });
});
