/** Stored-graph literals for analysis tests: nodes and edges as a store returns them, with defaults. */
import { NODE_KINDS, buildModel, edgeId, type EdgeKind, type NodeKind, type StoredEdge, type StoredNode } from '@chokepoint/queries';

const STAMPS = { sources: ['test'], sourceRuns: ['test@r1'], firstSeen: '2026-01-01T00:00:00.000Z', lastSeen: '2026-01-01T00:00:00.000Z', runId: 'r1' };

export function node(id: string, kind: NodeKind, extra: Partial<StoredNode> = {}): StoredNode {
  return { id, kind, name: id, domain: NODE_KINDS[kind].domain, criticality: null, exposure: null, purdueLevel: null, aliases: [], ref: false, props: {}, ...STAMPS, ...extra };
}

export function edge(kind: EdgeKind, from: string, to: string, extra: Partial<StoredEdge> = {}): StoredEdge {
  const key = extra.key ?? null;
  return { eid: edgeId(kind, from, to, key), kind, from, to, key, p: null, props: {}, evidence: [], ...STAMPS, ...extra };
}

/** A deterministic linear-congruential generator for random-graph tests. */
export function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32);
}

/** Internet-exposed SSH on one host per name, the hosts and services named (and hosts owned) by `names` — attacker-chosen text in every export column. */
export function hostileNamedModel(names: readonly string[]) {
  const nodes = [
    node('internet', 'Internet', { exposure: 'internet' }),
    ...names.map((name, i) => node(`h${i}`, 'Host', { name, criticality: 9, props: { owner: name } })),
    ...names.map((_, i) => node(`s${i}`, 'Service', { name: names[(i + 1) % names.length]!, props: { port: 22, protocol: 'tcp' } })),
  ];
  const edges = names.flatMap((_, i) => [edge('Runs', `h${i}`, `s${i}`), edge('CanReach', 'internet', `s${i}`, { key: 'tcp/22' })]);
  return buildModel(nodes, edges);
}
