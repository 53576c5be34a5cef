/**
 * Picks and opens a store from configuration: the embedded store by default, Neo4j when
 * `NEO4J_URI` is set or `store: 'neo4j'` is asked for. The one place environment variables
 * for the store are read.
 */
import { ChokepointError } from '../errors.js';
import { EmbeddedStore } from './embedded/store.js';
import { Neo4jStore } from './neo4j/store.js';
import type { GraphStore } from './port.js';

export interface StoreConfig {
  store: 'embedded' | 'neo4j';
  dataDir: string;
  neo4j: { uri: string; user: string; password: string; database?: string };
}

export function storeConfigFromEnv(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Pick<StoreConfig, 'store' | 'dataDir'>> = {}): StoreConfig {
  const uri = env.NEO4J_URI ?? '';
  return {
    store: overrides.store ?? (uri ? 'neo4j' : 'embedded'),
    dataDir: overrides.dataDir ?? env.CHOKEPOINT_DATA_DIR ?? './data',
    neo4j: { uri, user: env.NEO4J_USER ?? 'neo4j', password: env.NEO4J_PASSWORD ?? '', database: env.NEO4J_DATABASE || undefined },
  };
}

/** Opens (and initialises) the configured store. */
export async function openStore(config: StoreConfig): Promise<GraphStore> {
  if (config.store === 'neo4j') {
    if (!config.neo4j.uri) throw new ChokepointError('USAGE', '--store neo4j needs NEO4J_URI (e.g. bolt://localhost:7687)');
    const store = new Neo4jStore(config.neo4j);
    try {
      await store.init();
    } catch (e) {
      await store.close();
      throw e;
    }
    return store;
  }
  const store = new EmbeddedStore({ dataDir: config.dataDir });
  await store.init();
  return store;
}
