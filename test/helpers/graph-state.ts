/**
 * Reads a store's whole graph as sorted tuples, leaving out run ids and times, so tests can compare
 * graph state exactly — across two loads, or between the embedded and the Neo4j store.
 */
import type { GraphStore } from '@chokepoint/queries';

export interface GraphTuples {
  nodes: string[];
  edges: string[];
}

export async function graphTuples(store: GraphStore): Promise<GraphTuples> {
  const nodes: string[] = [];
  const edges: string[] = [];
  for await (const batch of store.streamNodes()) {
    for (const n of batch) {
      const props = Object.fromEntries(Object.entries(n.props).sort(([a], [b]) => a.localeCompare(b)));
      nodes.push(JSON.stringify([n.id, n.kind, n.name, n.domain, n.criticality, n.exposure, n.purdueLevel, [...n.aliases].sort(), n.ref, props, [...n.sources].sort()]));
    }
  }
  for await (const batch of store.streamEdges()) {
    for (const e of batch) {
      const props = Object.fromEntries(Object.entries(e.props).sort(([a], [b]) => a.localeCompare(b)));
      edges.push(JSON.stringify([e.eid, e.kind, e.from, e.to, e.key, e.p, props, e.evidence, [...e.sources].sort()]));
    }
  }
  return { nodes: nodes.sort(), edges: edges.sort() };
}
