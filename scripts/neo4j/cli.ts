/** `npm run neo4j:fetch|start|stop`: manage the repo's own Neo4j test server (see server.ts). */
import { fetchClasspath, readState, startNeo4j, stopNeo4j, NEO4J_VERSION } from './server.js';

const command = process.argv[2];
switch (command) {
  case 'fetch':
    await fetchClasspath();
    console.log(`Neo4j ${NEO4J_VERSION} artifacts resolved from Maven Central`);
    break;
  case 'start': {
    const running = await startNeo4j();
    console.log(`Neo4j ${NEO4J_VERSION} listening on ${running.uri} (pid ${running.pid}, log ${running.log})`);
    console.log(`use it with: NEO4J_URI=${running.uri} npm test`);
    break;
  }
  case 'stop':
    await stopNeo4j();
    console.log('Neo4j stopped');
    break;
  case 'status': {
    const state = await readState();
    console.log(state ? JSON.stringify(state) : 'not running');
    break;
  }
  default:
    console.error('usage: tsx scripts/neo4j/cli.ts fetch|start|stop|status');
    process.exit(1);
}
