/**
 * Debian's Chromium driven by playwright-core (no browser download), and the real server on the demo
 * estate with the built web view. Under CI=true a missing Chromium fails the run; elsewhere the browser
 * suites say why they did not run.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import { generateDemoEstate, loadBatch } from '@chokepoint/importers';
import { EmbeddedStore } from '@chokepoint/queries';
import { buildApp, hashToken } from '@chokepoint/server';
import type { FastifyInstance } from 'fastify';
import { testConfig } from './api.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const chromiumMissing = existsSync(CHROMIUM) ? '' : `Chromium not found at ${CHROMIUM} (set CHROMIUM_PATH; .ci/run installs Debian's chromium)`;
if (chromiumMissing && process.env.CI === 'true') throw new Error(`CI=true and ${chromiumMissing}`);

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // The machine's network is closed: without these Chromium spends its start-up on refused connections.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

let built: Promise<unknown> | null = null;
/** Builds client/dist once per test run (Vite, ≈1 s), so the server serves the current web view. */
export function buildClient(): Promise<unknown> {
  built ??= build({ configFile: join(import.meta.dirname, '../../client/vite.config.ts'), logLevel: 'warn' });
  return built;
}

export const E2E_TOKEN = 'cp_e2e_analyst_token';
/** A viewer's token on the same server (role-aware controls). */
export const E2E_VIEWER_TOKEN = 'cp_e2e_viewer_token';

/** A listening server (auth on, one analyst token) over a fresh embedded store with the demo estate, scored. */
export async function demoServer(options: { size?: number } = {}): Promise<{ app: FastifyInstance; store: EmbeddedStore; url: string; close: () => Promise<void> }> {
  await buildClient();
  const dir = await mkdtemp(join(tmpdir(), 'chokepoint-e2e-'));
  const store = new EmbeddedStore({ dataDir: dir });
  await store.init();
  for (const b of generateDemoEstate({ size: options.size ?? 2000 }).batches) await loadBatch(store, b);
  const app = await buildApp({ store, config: testConfig({ tokens: [{ name: 'e2e', role: 'analyst', sha256: hashToken(E2E_TOKEN) }, { name: 'e2e-viewer', role: 'viewer', sha256: hashToken(E2E_VIEWER_TOKEN) }] }) });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  await app.scoring.current();
  return { app, store, url: address, close: async () => { await app.close(); await store.close(); await rm(dir, { recursive: true, force: true }); } };
}

export type DemoServer = Awaited<ReturnType<typeof demoServer>>;
/** Where browser suites keep screenshots, downloaded reports and exports. */
export const ARTIFACTS = join(import.meta.dirname, '../../test-artifacts/e2e');

/**
 * A new page signed in to the demo server with `token`, once the web view shows `ready` (default: the live
 * scoring status); page errors are collected into `errors` when given.
 */
export async function signedInPage(browser: Browser, server: DemoServer, token: string, options: { viewport?: { width: number; height: number }; ready?: (page: Page) => Promise<unknown>; errors?: string[] } = {}): Promise<Page> {
  const page = await (await browser.newContext({ viewport: options.viewport ?? { width: 1280, height: 800 } })).newPage();
  if (options.errors) page.on('pageerror', (e) => options.errors!.push(e.message));
  await page.goto(server.url);
  await page.getByLabel('API token').fill(token);
  await page.getByRole('button', { name: 'Use token' }).click();
  await (options.ready ?? ((p: Page) => p.getByTestId('score-status').filter({ hasText: 'Score run' }).waitFor({ timeout: 60_000 })))(page);
  return page;
}
