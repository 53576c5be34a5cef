/** A two-route estate for fix-lifecycle tests: phishable alice administers the finance DB (the edge imports add and remove), a vendor account an HMI. */
import type { GraphBatch } from '@chokepoint/queries';

export const ADMIN_FIX = 'edge:AdminTo|user:alice|host:db';
export const VENDOR_FIX = 'edge:AdminTo|user:vendor|host:hmi';

/** One complete run of the `directory` source, with or without alice's AdminTo on the database server. */
export function lifecycleEstate(withAdmin: boolean): GraphBatch {
  return {
    source: 'directory', format: 'test', complete: true,
    nodes: [
      { id: 'user:alice', kind: 'User', name: 'alice', exposure: 'phishable', props: {} },
      { id: 'user:vendor', kind: 'User', name: 'vendor-support', exposure: 'vendor', props: {} },
      { id: 'host:db', kind: 'Host', name: 'finance-db', criticality: 9, props: { owner: 'dba team' } },
      { id: 'host:hmi', kind: 'Host', name: 'cooling-hmi', criticality: 8, props: { owner: 'ot team' } },
    ],
    edges: [
      ...(withAdmin ? [{ kind: 'AdminTo' as const, from: 'user:alice', to: 'host:db' }] : []),
      { kind: 'AdminTo', from: 'user:vendor', to: 'host:hmi' },
    ],
  };
}
