/**
 * Web view figures: Debian's Chromium (playwright-core) opens the route explorer on the two-hop
 * neighbourhood of a hub of the demo estate (≈2,000 elements) and reads, per page load, the time from
 * patching the elements into Cytoscape to its first frame, and from navigation to that frame.
 *   tsx bench/ui-render.ts <demo size> <runs>   → one JSON line
 */
import { DEMO_IDS } from '@chokepoint/importers';
import { E2E_TOKEN, demoServer, launchChromium } from '../test/helpers/browser.js';

const [sizeArg = '20000', runsArg = '5'] = process.argv.slice(2);
const server = await demoServer({ size: Number(sizeArg) });
const browser = await launchChromium();
try {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  await page.goto(server.url);
  await page.evaluate(`sessionStorage.setItem('chokepoint.token', ${JSON.stringify(E2E_TOKEN)})`); // page code (this file has no DOM types)
  const url = `${server.url}/?view=routes&node=${encodeURIComponent(DEMO_IDS.helpdesk)}`;
  interface Sample { elements: number; ms: number; at: number }
  const samples: Sample[] = [];
  for (let i = 0; i < Number(runsArg) + 1; i++) {
    await page.goto(url);
    const drawn = () => { // runs in the page (a function, not a string: the page's CSP forbids eval)
      const r = (globalThis as unknown as { chokepointRender?: Sample }).chokepointRender;
      return r && r.elements > 100 ? r : null;
    };
    const sample = await (await page.waitForFunction(drawn, undefined, { timeout: 60_000 })).jsonValue() as Sample;
    if (i > 0) samples.push(sample); // the first load warms the server's view cache
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  console.log(JSON.stringify({ size: Number(sizeArg), runs: samples.length, elements: samples[0]!.elements, renderMs: median(samples.map((s) => s.ms)), navigationToFrameMs: median(samples.map((s) => s.at)), samples }));
} finally {
  await browser.close();
  await server.close();
}
