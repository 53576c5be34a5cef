/**
 * What the browser suites share besides the browser (helpers/browser.ts, which the bench also loads and so
 * stays free of vitest): polling the page with a generous deadline, and the demo server's API with a token.
 */
import { expect } from 'vitest';
import { E2E_TOKEN, type DemoServer } from './browser.js';

/** Polls until the page shows what is expected (the view updates asynchronously: API calls, the worker). */
export const eventually = <T,>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 30_000, interval: 100 });

/** GET and POST against the demo server's API as the e2e analyst (or another token), over HTTP. */
export function apiClient(server: () => DemoServer, token = E2E_TOKEN) {
  const call = async <T,>(path: string, init: RequestInit = {}): Promise<T> =>
    (await fetch(`${server().url}/api${path}`, { ...init, headers: { authorization: `Bearer ${token}`, ...(init.body ? { 'content-type': 'application/json' } : {}) } })).json() as Promise<T>;
  return {
    get: <T,>(path: string) => call<T>(path),
    post: <T,>(path: string, body: unknown) => call<T>(path, { method: 'POST', body: JSON.stringify(body) }),
  };
}
