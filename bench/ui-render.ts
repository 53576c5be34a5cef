/**
 * Web view figures: Debian's Chromium (playwright-core) opens the route explorer on the two-hop
 * neighbourhood of the demo estate's largest hub (DOMAIN USERS: ≈6,000 direct neighbours at size
 * 20,000) and reads, per page load, the elements drawn, the time from patching them into Cytoscape to
 * its first frame, and from navigation to that frame — grouped (the default: large first-ring groups
 * counted, ≤ 500 nodes) and, as the baseline in the same run, drawn without grouping (`whole=1`).
 *   tsx bench/ui-render.ts <demo size> <runs>   → one JSON line
 */
import { DEMO_IDS } from '@chokepoint/importers';
import { E2E_TOKEN, demoServer, launchChromium } from '../test/helpers/browser.js';

const [sizeArg = '20000', runsArg = '5'] = process.argv.slice(2);
const server = await demoServer({ size: Number(sizeArg) });
const browser = await launchChromium();
interface Sample { elements: number; ms: number; at: number }
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
try {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  await page.goto(server.url);
  await page.evaluate(`sessionStorage.setItem('chokepoint.token', ${JSON.stringify(E2E_TOKEN)})`); // page code (this file has no DOM types)
  const hub = DEMO_IDS.domainUsers;
  const degree = (await server.app.inject({ url: `/api/nodes/${encodeURIComponent(hub)}`, headers: { authorization: `Bearer ${E2E_TOKEN}` } })).json() as { steps: { in: Record<string, number>; out: Record<string, number> } };
  const neighbours = [...Object.values(degree.steps.in), ...Object.values(degree.steps.out)].reduce((a, b) => a + b, 0);
  const measure = async (query: string) => {
    const samples: Sample[] = [];
    for (let i = 0; i < Number(runsArg) + 1; i++) {
      await page.goto(`${server.url}/?view=routes&node=${encodeURIComponent(hub)}${query}`);
      const drawn = () => { // runs in the page (a function, not a string: the page's CSP forbids eval)
        const r = (globalThis as unknown as { chokepointRender?: Sample }).chokepointRender;
        return r && r.elements > 100 ? r : null;
      };
      const sample = await (await page.waitForFunction(drawn, undefined, { timeout: 120_000 })).jsonValue() as Sample;
      if (i > 0) samples.push(sample); // the first load warms the server's view cache
    }
    return { elements: samples[0]!.elements, renderMs: median(samples.map((s) => s.ms)), navigationToFrameMs: median(samples.map((s) => s.at)), samples };
  };
  const grouped = await measure('');
  const whole = await measure('&whole=1');
  console.log(JSON.stringify({ size: Number(sizeArg), runs: Number(runsArg), hub, neighbours, grouped, whole }));
} finally {
  await browser.close();
  await server.close();
}
