/**
 * Starts and stops the repo's own Neo4j 5.26 Community server (no Docker needed): Maven resolves the
 * artifacts from Maven Central, Java 17 runs Neo4jServer.java with Bolt on 127.0.0.1, a free port and
 * a throwaway data directory under .neo4j/. Used by `npm run neo4j:*`, the vitest global setup and the bench.
 */
import { spawn, execFile } from 'node:child_process';
import { existsSync, openSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import neo4j from 'neo4j-driver';

const here = dirname(fileURLToPath(import.meta.url));
export const ROOT = join(here, '..', '..');
const WORK = join(ROOT, '.neo4j');
const STATE = join(WORK, 'state.json');
export const NEO4J_VERSION = process.env.NEO4J_VERSION ?? '5.26.0';

export interface RunningNeo4j {
  pid: number;
  uri: string;
  dataDir: string;
  log: string;
}

/** Resolves the Neo4j artifacts (downloads them on first use) and returns the Java classpath. */
export async function fetchClasspath(): Promise<string> {
  await mkdir(WORK, { recursive: true });
  const out = join(WORK, `classpath-${NEO4J_VERSION}.txt`);
  if (!existsSync(out)) {
    await promisify(execFile)('mvn', [
      '-q', '-B', '-f', join(here, 'pom.xml'), `-Dneo4j.version=${NEO4J_VERSION}`,
      'dependency:build-classpath', `-Dmdep.outputFile=${out}`,
    ], { maxBuffer: 16 << 20 });
  }
  return (await readFile(out, 'utf8')).trim();
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

async function answers(uri: string): Promise<boolean> {
  const driver = neo4j.driver(uri, neo4j.auth.basic('neo4j', 'unused'), { connectionTimeout: 2000 });
  try {
    await driver.verifyConnectivity();
    return true;
  } catch {
    return false;
  } finally {
    await driver.close();
  }
}

export async function readState(): Promise<RunningNeo4j | null> {
  try {
    return JSON.parse(await readFile(STATE, 'utf8')) as RunningNeo4j;
  } catch {
    return null;
  }
}

function alive(pid: number): boolean {
  try { process.kill(pid, 0); return true; } catch { return false; }
}

export interface LaunchOptions {
  /** The server's data directory (kept: a restart on it recovers the database). */
  dataDir: string;
  port?: number;
  heap?: string;
  pageCacheMb?: number;
  timeoutMs?: number;
}

/**
 * Starts a server on `dataDir` and waits until Bolt answers; throws with the server log's tail (and kills
 * the server) when it does not. The crash test uses it directly for a server it kills and restarts.
 */
export async function launchNeo4j(options: LaunchOptions): Promise<RunningNeo4j> {
  const classpath = await fetchClasspath();
  const port = options.port ?? await freePort();
  await mkdir(options.dataDir, { recursive: true });
  const log = join(options.dataDir, `server-${Date.now()}.log`);
  const fd = openSync(log, 'w');
  const heap = options.heap ?? process.env.NEO4J_HEAP ?? '3g';
  const child = spawn('java', [
    `-Xmx${heap}`, '-XX:+UseG1GC', '-cp', classpath, join(here, 'Neo4jServer.java'), join(options.dataDir, 'db'), String(port),
    String(options.pageCacheMb ?? process.env.NEO4J_PAGECACHE_MB ?? 512),
  ], { detached: true, stdio: ['ignore', fd, fd] });
  child.unref();
  const running: RunningNeo4j = { pid: child.pid!, uri: `bolt://127.0.0.1:${port}`, dataDir: options.dataDir, log };
  const deadline = Date.now() + (options.timeoutMs ?? 180_000);
  while (Date.now() < deadline) {
    if (!alive(running.pid)) break;
    if (await answers(running.uri)) return running;
    await new Promise((r) => setTimeout(r, 500));
  }
  const tail = (await readFile(log, 'utf8').catch(() => '')).split('\n').slice(-30).join('\n');
  await killNeo4j(running, 'SIGKILL');
  throw new Error(`Neo4j did not answer on ${running.uri}; server log tail:\n${tail}`);
}

/** Stops a launched server: SIGTERM shuts it down cleanly (SIGKILL after 30 s); SIGKILL is a crash. */
export async function killNeo4j(server: RunningNeo4j, signal: 'SIGTERM' | 'SIGKILL'): Promise<void> {
  if (!alive(server.pid)) return;
  try { process.kill(-server.pid, signal); } catch { process.kill(server.pid, signal); }
  const deadline = Date.now() + 30_000;
  while (alive(server.pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (alive(server.pid)) process.kill(server.pid, 'SIGKILL');
  while (alive(server.pid)) await new Promise((r) => setTimeout(r, 50));
}

/** Starts the shared test server (or returns the one already running) on a throwaway data directory. */
export async function startNeo4j(options: { timeoutMs?: number; heap?: string } = {}): Promise<RunningNeo4j> {
  const existing = await readState();
  if (existing && alive(existing.pid) && (await answers(existing.uri))) return existing;
  const port = await freePort();
  const dataDir = join(WORK, `data-${port}`);
  await rm(dataDir, { recursive: true, force: true });
  const running = await launchNeo4j({ dataDir, port, ...options });
  await writeFile(STATE, JSON.stringify(running, null, 2));
  return running;
}

export async function stopNeo4j(): Promise<void> {
  const state = await readState();
  if (!state) return;
  await killNeo4j(state, 'SIGTERM');
  await rm(state.dataDir, { recursive: true, force: true });
  await rm(STATE, { force: true });
}
