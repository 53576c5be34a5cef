/**
 * Vitest global setup: provides a Neo4j Bolt URI to the tests. It uses NEO4J_TEST_URI when set (a
 * throwaway database: tests wipe it), else starts the repo's own Neo4j 5.26 (scripts/neo4j) and stops
 * it afterwards. Under CI=true a server that cannot be started fails the run; elsewhere the Neo4j
 * suites report why they did not run.
 */
import type { TestProject } from 'vitest/node';
import { startNeo4j, stopNeo4j, readState } from '../../scripts/neo4j/server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    neo4jUri: string;
    neo4jUnavailable: string;
  }
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | void> {
  const external = process.env.NEO4J_TEST_URI;
  if (external) {
    project.provide('neo4jUri', external);
    project.provide('neo4jUnavailable', '');
    return;
  }
  const wasRunning = (await readState()) !== null;
  try {
    const started = Date.now();
    const running = await startNeo4j();
    console.log(`[neo4j] Neo4j 5.26 community on ${running.uri} (ready in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
    project.provide('neo4jUri', running.uri);
    project.provide('neo4jUnavailable', '');
    if (!wasRunning) return () => stopNeo4j();
  } catch (e) {
    if (process.env.CI === 'true') throw new Error(`CI=true and Neo4j could not be started: ${(e as Error).message}`);
    project.provide('neo4jUri', '');
    project.provide('neo4jUnavailable', `Neo4j could not be started here (${(e as Error).message.split('\n')[0]}); Neo4j suites did not run`);
  }
}
