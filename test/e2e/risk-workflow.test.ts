/**
 * The risk team's workflow in Chromium against the real server: set a fix's status from the plan view,
 * save a view and reopen it by URL, and issue the NIS2 evidence report — rendered in Chromium (screenshot
 * in test-artifacts/e2e/) with its numbers equal to the API's, and printed to PDF by the system Chromium.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ARTIFACTS, E2E_TOKEN, chromiumMissing, demoServer, launchChromium, signedInPage, type DemoServer } from '../helpers/browser.js';
import { apiClient, eventually } from '../helpers/e2e.js';


describe.skipIf(chromiumMissing !== '')(`risk workflow in Chromium${chromiumMissing ? ` (not run: ${chromiumMissing})` : ''}`, () => {
  let server: DemoServer;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  const headers = () => ({ authorization: `Bearer ${E2E_TOKEN}` });
  const { get: apiGet } = apiClient(() => server);

  beforeAll(async () => {
    await mkdir(ARTIFACTS, { recursive: true });
    server = await demoServer({ size: 400 });
    browser = await launchChromium();
    page = await signedInPage(browser, server, E2E_TOKEN, { errors: pageErrors });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('sets a fix to done from the plan view; the API records who did it', async () => {
    await page.getByRole('button', { name: 'Remediation plan' }).click();
    const first = (await apiGet<{ rows: Array<{ fixId: string; lifecycle: { status: string } | null }> }>('/plan')).rows[0]!;
    await eventually(() => page.getByLabel('status of fix 1').inputValue()).toBe('open');
    await page.getByLabel('status of fix 1').selectOption('done');
    await eventually(async () => (await apiGet<Array<{ fixId: string; status: string; history: Array<{ by: string }> }>>(`/fixes?fixId=${encodeURIComponent(first.fixId)}`))[0]?.status).toBe('done');
    const record = (await apiGet<Array<{ history: Array<{ by: string; change: string }> }>>(`/fixes?fixId=${encodeURIComponent(first.fixId)}`))[0]!;
    expect(record.history.at(-1)).toMatchObject({ by: 'e2e', change: 'status open → done' });
    await eventually(() => page.getByLabel('status of fix 1').inputValue()).toBe('done');
    await page.screenshot({ path: join(ARTIFACTS, 'risk-01-plan-status.png'), fullPage: true });
  });

  it('saves the current view under a name and reopens it from its URL', async () => {
    const target = (await apiGet<{ targets: Array<{ id: string }> }>('/overview')).targets[0]!.id;
    await page.goto(`${server.url}/?view=routes&target=${encodeURIComponent(target)}&k=3`);
    await page.getByRole('button', { name: 'Save view…' }).click();
    await page.getByLabel('Name').fill('Board: <b>top</b> route');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await eventually(() => new URL(page.url()).searchParams.get('saved')).toMatch(/^board-b-top-b-route-[0-9a-f]{6}$/);
    const id = new URL(page.url()).searchParams.get('saved')!;
    const saved = (await apiGet<Array<{ id: string; name: string; query: string }>>('/views')).find((v) => v.id === id)!;
    expect(saved.name).toBe('Board: <b>top</b> route');
    expect(Object.fromEntries(new URLSearchParams(saved.query))).toMatchObject({ view: 'routes', target, k: '3' });
    // A fresh page with only ?saved=<id> opens the saved state.
    await page.goto(`${server.url}/?saved=${id}`);
    await eventually(() => new URL(page.url()).searchParams.get('view')).toBe('routes');
    expect(new URL(page.url()).searchParams.get('target')).toBe(target);
    await eventually(() => page.getByRole('combobox', { name: 'saved views' }).textContent()).toContain('Board: <b>top</b> route');
    expect(await page.locator('b', { hasText: 'top' }).count()).toBe(0); // the name is text, not markup
  });

  it('issues the evidence report: rendered in Chromium, its numbers equal the API\'s; PDF through the system Chromium', async () => {
    const issued = await fetch(`${server.url}/api/reports/nis2`, { method: 'POST', headers: headers() });
    expect(issued.status).toBe(200);
    expect(issued.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await issued.text();
    await writeFile(join(ARTIFACTS, 'nis2-report.html'), html);
    const report = await (await browser.newContext({ viewport: { width: 900, height: 1200 } })).newPage();
    await report.setContent(html);
    await report.screenshot({ path: join(ARTIFACTS, 'risk-02-nis2-report.png'), fullPage: true });

    const score = await apiGet<{ last: { scoreRun: string; totals: { risk: number; targets: number; reachableTargets: number } } }>('/score');
    const plan = await apiGet<{ totalAfter: number; rows: Array<{ fixId: string; riskRemoved: number; nis2: string; cir2690: string; iec62443: string | null }> }>('/plan');
    const runs = await apiGet<unknown[]>('/score-runs');
    const values = (field: string) => report.locator(`[data-field="${field}"]`).evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-value'))));
    expect(await values('total-risk')).toEqual([score.last.totals.risk]);
    expect(await values('targets')).toEqual([score.last.totals.targets]);
    expect(await values('reachable-targets')).toEqual([score.last.totals.reachableTargets]);
    expect(await values('plan-total-after')).toEqual([plan.totalAfter]);
    expect(await values('plan-risk-removed')).toEqual(plan.rows.map((r) => r.riskRemoved));
    expect(await report.locator('#crown-jewels tbody tr').count()).toBe(score.last.totals.targets);
    expect(await report.locator('#trend svg circle').count()).toBe(runs.length);
    expect(await report.locator('#routes svg.route').count()).toBe(Math.min(5, score.last.totals.reachableTargets));
    // Each plan row names its Art. 21(2) measure, its 2024/2690 section and its IEC 62443 requirement, and row 1 is done.
    const firstRow = report.locator('#plan-rows tbody tr').first();
    expect(await firstRow.textContent()).toContain(plan.rows[0]!.nis2);
    expect(await firstRow.textContent()).toContain(`§${plan.rows[0]!.cir2690}`);
    expect(await firstRow.locator('td').nth(6).textContent()).toBe('done');
    expect(await report.locator('text=Generated').first().textContent()).toContain(score.last.scoreRun);

    // Issued reports are recorded: the next one compares with this one.
    const next = await (await fetch(`${server.url}/api/reports/nis2`, { headers: headers() })).text();
    expect(next).toMatch(/Previous report <code>report-\d{8}T\d{9}Z<\/code>/);
    expect(next).toContain('Draft: not recorded as issued.');

    const pdf = await fetch(`${server.url}/api/reports/nis2?format=pdf`, { headers: headers() });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const bytes = Buffer.from(await pdf.arrayBuffer());
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(bytes.length).toBeGreaterThan(20_000);
    await writeFile(join(ARTIFACTS, 'nis2-report.pdf'), bytes);
    expect(pageErrors).toEqual([]);
  });
});
