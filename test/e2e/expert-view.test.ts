/**
 * The web view for experts, end to end in Debian's Chromium: mark a node owned and get its route to a PLC
 * in one action; the entity panel's counts equal the API's; the Purdue layout puts every controller in its
 * band; labels read at fit; details sit beside the canvas; dark mode; every control is reached by Tab;
 * markup in names is text. Screenshots go to test-artifacts/e2e/expert-*.png.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEMO_IDS, loadBatch } from '@chokepoint/importers';
import type { GraphBatch } from '@chokepoint/queries';
import type { CanvasSnapshot } from '../../client/src/graph/canvas-snapshot.js';
import { MAX_LABELLED_EDGES } from '../../client/src/graph/style.js';
import { ARTIFACTS, E2E_TOKEN, chromiumMissing, demoServer, launchChromium, signedInPage, type DemoServer } from '../helpers/browser.js';
import { apiClient, eventually } from '../helpers/e2e.js';

const HOSTILE = '<img src=x onerror=alert(1)>';
const HOSTILE_PLC = 'host:10.31.0.99';

describe.skipIf(chromiumMissing !== '')(`web view for experts in Chromium${chromiumMissing ? ` (not run: ${chromiumMissing})` : ''}`, () => {
  let server: DemoServer, browser: Browser;
  const errors: string[] = [];
  const dialogs: string[] = [];
  const signIn = async (): Promise<Page> => {
    const page = await signedInPage(browser, server, E2E_TOKEN, { viewport: { width: 1400, height: 900 }, errors });
    page.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
    return page;
  };
  const { get: apiGet } = apiClient(() => server);
  const canvas = (page: Page) => page.evaluate('window.chokepointCanvas()') as Promise<CanvasSnapshot>;
  /** Waits for the canvas to show `wanted` (routes arrive after the page). */
  const drawn = async (page: Page, wanted: (s: CanvasSnapshot) => boolean) => {
    await eventually(async () => wanted(await canvas(page).catch(() => ({ nodes: [], bands: [], zoom: 1, edgeLabelPx: 0, nodeLabelPx: 0 })))).toBe(true);
    await page.waitForTimeout(200); // the label sizes settle after the zoom (80 ms debounce)
    return canvas(page);
  };
  const shot = (page: Page, name: string) => page.screenshot({ path: join(ARTIFACTS, `expert-${name}.png`), fullPage: true });

  beforeAll(async () => {
    await mkdir(ARTIFACTS, { recursive: true });
    server = await demoServer({ size: 400 });
    // A second PLC whose name is markup, commanded from the EWS: it must be drawn in its band and shown as text.
    const batch: GraphBatch = {
      source: 'e2e/hostile', format: 'batch', complete: false,
      nodes: [{ id: HOSTILE_PLC, kind: 'Controller', name: HOSTILE, domain: 'ot', purdueLevel: 1, criticality: 9 }, { id: DEMO_IDS.ews, kind: 'EngineeringWorkstation', name: 'ews-cooling', ref: true }],
      edges: [{ kind: 'Controls', from: DEMO_IDS.ews, to: HOSTILE_PLC }],
    };
    await loadBatch(server.store, batch);
    await server.app.scoring.request('e2e: hostile PLC');
    browser = await launchChromium();
  });
  afterAll(async () => { await browser?.close(); await server?.close(); });

  it('the Purdue layout draws horizontal bands, non-OT on top, and puts every controller inside its level\'s band', async () => {
    const page = await signIn();
    await page.goto(`${server.url}/?view=routes&k=10&layout=purdue&target=${encodeURIComponent(HOSTILE_PLC)}`);
    const s = await drawn(page, (x) => x.nodes.some((n) => n.id === HOSTILE_PLC) && x.bands.length > 1);
    const controllers = s.nodes.filter((n) => n.kind === 'Controller');
    expect(controllers.length).toBeGreaterThan(0);
    for (const c of controllers) {
      const node = (await apiGet<{ purdueLevel: number | null }>(`/nodes/${encodeURIComponent(c.id)}`));
      expect(c.band, c.id).toBe(node.purdueLevel === null ? 'ot' : `L${node.purdueLevel}`);
      const band = s.bands.find((b) => b.id === `band:${c.band}`)!;
      const mid = (c.box.y1 + c.box.y2) / 2;
      expect(mid, c.id).toBeGreaterThan(band.box.y1);
      expect(mid, c.id).toBeLessThan(band.box.y2);
    }
    // Bands top to bottom in the schema's order: no Purdue level first, then level 5 down to level 0.
    const kinds = await apiGet<{ purdue: Array<{ level: number }> }>('/kinds');
    const order = ['band:above', 'band:ot', ...kinds.purdue.map((p) => `band:L${p.level}`)];
    const drawnOrder = [...s.bands].sort((a, b) => a.box.y1 - b.box.y1).map((b) => b.id);
    expect(drawnOrder).toEqual(order.filter((id) => drawnOrder.includes(id)));
    expect(drawnOrder[0]).toBe('band:above');
    // The markup name is canvas text and list text, never an element.
    await eventually(() => page.getByTestId('route-list').textContent()).toContain(HOSTILE);
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    await shot(page, '01-purdue-bands');
  });

  it('marks a node owned and, in one action, shows its route to a PLC; the canvas and the legend show the mark', async () => {
    const page = await signIn();
    await page.getByRole('button', { name: 'Routes' }).click();
    await page.getByLabel('Search').fill('ot-jump01');
    await page.getByRole('button', { name: 'Find' }).click();
    await page.getByRole('region', { name: 'search results' }).getByRole('button', { name: 'ot-jump01' }).click();
    const details = page.getByRole('region', { name: 'node details' });
    await details.getByRole('button', { name: 'Mark owned' }).click();
    await eventually(() => details.getByRole('status').textContent()).toMatch(/Marked owned/);
    await eventually(() => details.getByRole('button', { name: 'Clear owned' }).count()).toBe(1); // the mark can be taken back
    await eventually(async () => (await apiGet<Array<{ nodeId: string; marker: string }>>('/markers')).some((m) => m.nodeId === DEMO_IDS.otJump && m.marker === 'owned')).toBe(true);

    await page.getByRole('button', { name: 'From owned' }).click();
    const to = page.getByLabel('To', { exact: true });
    await to.fill('PLC cooling loop A');
    await page.locator(`datalist option[value="${DEMO_IDS.coolingPlc}"]`).waitFor({ state: 'attached', timeout: 30_000 });
    await to.press('Enter');
    await eventually(() => new URL(page.url()).searchParams.get('owned')).toBe('1');
    await eventually(() => page.getByTestId('owned-status').textContent()).toMatch(/Routes from 1 owned node/);
    await eventually(() => page.getByTestId('route-list').locator('li').first().textContent()).toMatch(/^ot-jump01 → .*PLC cooling loop A/);
    const s = await drawn(page, (x) => x.nodes.some((n) => n.id === DEMO_IDS.otJump && n.classes.includes('owned')));
    expect(s.nodes.find((n) => n.id === DEMO_IDS.coolingPlc)?.classes).toContain('target');
    expect(await page.getByRole('list', { name: 'legend: colours' }).textContent()).toContain('owned (routes start here)');
    expect(await page.getByRole('list', { name: 'legend: shapes' }).textContent()).toContain('Controller');
    await shot(page, '02-owned-route-to-plc');
  });

  it('the entity panel counts attack steps by kind exactly as the API does, and draws one kind on demand', async () => {
    const page = await signIn();
    await page.goto(`${server.url}/?view=routes&k=20`);
    await page.getByLabel('Search').fill('HELPDESK');
    await page.getByRole('button', { name: 'Find' }).click();
    const results = page.getByRole('region', { name: 'search results' });
    await results.getByRole('button', { name: /^HELPDESK@/ }).first().click();
    const details = page.getByRole('region', { name: 'node details' });
    const table = details.getByRole('table', { name: 'attack steps by kind' });
    await table.locator('tbody tr').first().waitFor({ timeout: 30_000 });
    const api = await apiGet<{ steps: { in: Record<string, number>; out: Record<string, number> } }>(`/nodes/${encodeURIComponent(DEMO_IDS.helpdesk)}`);
    const rows = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].slice(0, 3).map((td) => td.textContent ?? '')));
    const shown = { in: {} as Record<string, number>, out: {} as Record<string, number> };
    for (const [direction, kind, count] of rows) shown[direction === 'inbound' ? 'in' : 'out'][kind!] = Number(count!.replace(/,/g, ''));
    expect(shown).toEqual(api.steps);
    // The details sit beside the canvas, above the route list, even with 20 routes listed.
    const graph = (await page.getByTestId('graph').boundingBox())!;
    const box = (await details.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(graph.x + graph.width - 1);
    expect(box.y).toBeLessThan(graph.y + graph.height);
    const [kind, count] = Object.entries(api.steps.in).sort((a, b) => b[1] - a[1])[0]!;
    await details.getByRole('button', { name: `draw inbound ${kind}` }).click();
    // Every neighbour of that kind is drawn (the draw asks for at most 200), with the node itself.
    await eventually(async () => (await canvas(page)).nodes.length).toBeGreaterThanOrEqual(Math.min(count, 200) + 1);
    await shot(page, '03-entity-panel');

    // Explore around it with the direction and step-kind filters: one kind of inbound step only, its large
    // set of members counted as the API counts them.
    await page.goto(`${server.url}/?view=routes&node=${encodeURIComponent(DEMO_IDS.helpdesk)}`);
    await page.getByLabel('Direction').selectOption('in');
    await page.getByLabel('Step kind').selectOption(kind);
    await eventually(() => new URL(page.url()).searchParams.get('edgeKind')).toBe(kind);
    const hood = await apiGet<{ nodes: unknown[]; groups: Array<{ count: number }> }>(`/nodes/${encodeURIComponent(DEMO_IDS.helpdesk)}/neighbourhood?depth=2&limit=500&group=25&maxElements=500&direction=in&edgeKind=${kind}`);
    const grouped = hood.groups.reduce((a, g) => a + g.count, 0);
    expect(grouped + hood.nodes.length - 1).toBeGreaterThanOrEqual(count); // nothing of that kind is lost: drawn or counted
    if (hood.groups.length) await eventually(() => page.getByRole('list', { name: 'grouped neighbours' }).textContent()).toContain(`${hood.groups[0]!.count.toLocaleString('en')} `);
    await eventually(async () => (await canvas(page)).nodes.length).toBe(hood.nodes.length);
    await shot(page, '03b-neighbourhood-filtered');
  });

  it('labels read at fit; dark mode repaints the page and the canvas', async () => {
    const page = await signIn();
    await page.goto(`${server.url}/?view=routes&k=5`);
    const s = await drawn(page, (x) => x.nodes.length > 3);
    const edges = (await page.evaluate('window.chokepointRender.elements') as number) - s.nodes.length;
    if (edges <= MAX_LABELLED_EDGES) expect(s.edgeLabelPx).toBeGreaterThanOrEqual(10); // on screen, whatever the fit zoom
    expect(s.nodeLabelPx).toBeGreaterThanOrEqual(10);
    await page.getByTestId('theme').selectOption('dark');
    await eventually(() => page.evaluate('document.documentElement.dataset.theme')).toBe('dark');
    const background = await page.evaluate('getComputedStyle(document.body).backgroundColor') as string;
    const [r, g, b] = background.match(/\d+/g)!.map(Number);
    expect(0.2126 * r! + 0.7152 * g! + 0.0722 * b!).toBeLessThan(60);
    await shot(page, '04-dark');
    await page.reload();
    await eventually(() => page.evaluate('document.documentElement.dataset.theme')).toBe('dark'); // kept
    await page.getByTestId('theme').selectOption('auto');
  });

  it('Tab reaches every control of every view', async () => {
    const page = await signIn();
    const views: Array<[string, (p: Page) => Promise<unknown>]> = [
      ['overview', (p) => p.getByTestId('trend-chart').waitFor()],
      ['routes&k=3', async (p) => {
        await p.getByTestId('route-list').locator('li').first().waitFor();
        await p.getByTestId('route-list').locator('li button').first().click(); // a focused route lists its steps
        await p.getByLabel('steps of this route').locator('button').first().click(); // and a step's details
        await p.getByRole('region', { name: 'step details' }).waitFor();
      }],
      [`routes&node=${encodeURIComponent(DEMO_IDS.helpdesk)}`, (p) => p.getByLabel('Step kind').waitFor()],
      ['chokepoints', (p) => p.getByRole('region', { name: 'Choke nodes' }).locator('li').first().waitFor()],
      ['plan', (p) => p.locator('table.fixes tbody tr').first().waitFor()],
      ['signals', (p) => p.getByRole('heading', { level: 2 }).first().waitFor()],
      ['analyses', (p) => p.getByRole('heading', { level: 2 }).first().waitFor()],
      ['runs', (p) => p.getByRole('region', { name: 'Imports' }).locator('tbody tr').first().waitFor()],
      ['import', async (p) => { await p.getByLabel('Format').selectOption('nmap'); await p.getByRole('group', { name: 'nmap options' }).waitFor(); }],
    ];
    for (const [view, ready] of views) {
      await page.goto(`${server.url}/?view=${view}`);
      await ready(page);
      await page.waitForTimeout(300);
      // Number every visible, enabled control (checkVisibility: not inside a closed <details> either); then
      // Tab through the page and note which ones take the focus.
      const count = await page.evaluate(`(() => {
        const all = [...document.querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex]')]
          .filter((el) => el.checkVisibility() && !el.disabled && el.getAttribute('tabindex') !== '-1' && !el.closest('[inert]'));
        all.forEach((el, i) => el.setAttribute('data-kb', String(i)));
        return all.length;
      })()`) as number;
      expect(count, view).toBeGreaterThan(3);
      await page.evaluate('document.activeElement && document.activeElement.blur()');
      const reached = new Set<string>();
      for (let i = 0; i < count + 20 && reached.size < count; i++) {
        await page.keyboard.press('Tab');
        const at = await page.evaluate('document.activeElement && document.activeElement.getAttribute("data-kb")') as string | null;
        if (at !== null) reached.add(at);
      }
      // A radio group is one Tab stop (arrow keys move within it): reaching one of its radios reaches the group.
      const missed = await page.evaluate(`(() => {
        const reached = ${JSON.stringify([...reached])};
        const hit = (el) => reached.includes(el.getAttribute('data-kb'));
        const all = [...document.querySelectorAll('[data-kb]')];
        return all.filter((el) => !hit(el) && !(el.type === 'radio' && all.some((o) => o.type === 'radio' && o.name === el.name && hit(o))))
          .map((el) => el.outerHTML.slice(0, 120));
      })()`) as string[];
      expect(missed, view).toEqual([]);
    }
    expect(errors).toEqual([]);
    expect(dialogs).toEqual([]);
  });
});
