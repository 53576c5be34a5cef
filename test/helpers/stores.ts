/**
 * Store factories for the contract suite: every test gets an empty store of each kind. The Neo4j
 * store is the real server from the global setup, wiped before each test (it is a throwaway database).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, inject } from 'vitest';
import { EmbeddedStore, Neo4jStore, type GraphStore } from '@chokepoint/queries';

export interface StoreFactory {
  name: 'embedded' | 'neo4j';
  /** Why this store cannot be tested here, or '' when it can. */
  unavailable: () => string;
  open: () => Promise<{ store: GraphStore; reopen: () => Promise<GraphStore>; dispose: () => Promise<void> }>;
}

export const embedded: StoreFactory = {
  name: 'embedded',
  unavailable: () => '',
  async open() {
    const dir = await mkdtemp(join(tmpdir(), 'chokepoint-store-'));
    let store = new EmbeddedStore({ dataDir: dir });
    await store.init();
    return {
      store,
      reopen: async () => {
        await store.close();
        store = new EmbeddedStore({ dataDir: dir });
        await store.init();
        return store;
      },
      dispose: async () => { await store.close(); await rm(dir, { recursive: true, force: true }); },
    };
  },
};

export const neo4jFactory: StoreFactory = {
  name: 'neo4j',
  unavailable: () => inject('neo4jUnavailable'),
  async open() {
    const uri = inject('neo4jUri');
    let store = new Neo4jStore({ uri });
    await store.init();
    await store.wipe();
    return {
      store,
      reopen: async () => { await store.close(); store = new Neo4jStore({ uri }); await store.init(); return store; },
      dispose: async () => { await store.close(); },
    };
  },
};

export const STORE_FACTORIES: StoreFactory[] = [embedded, neo4jFactory];

/**
 * Registers a fresh store of `factory` before each test of the enclosing describe and disposes of it
 * after. `why` is non-empty when the store cannot be tested here (use it with `it.skipIf`).
 */
export function freshStorePerTest(factory: StoreFactory): { why: string; store: () => GraphStore } {
  const why = factory.unavailable();
  let opened: Awaited<ReturnType<StoreFactory['open']>> | null = null;
  beforeEach(async () => { if (!why) opened = await factory.open(); });
  afterEach(async () => { if (opened) await opened.dispose(); opened = null; });
  return {
    why,
    store: () => {
      if (!opened) throw new Error('freshStorePerTest: no store open (is this inside a test?)');
      return opened.store;
    },
  };
}
