/**
 * Builds a graphology multigraph from stored elements under a SubgraphFilter — shared by both stores
 * so "what a filter selects" means the same everywhere. Parallel edges of different kinds are kept
 * (attack graphs have them); edges are keyed by their stable `eid`.
 */
import { MultiDirectedGraph } from 'graphology';
import type { StoredEdge, StoredNode, SubgraphFilter } from './port.js';

export function nodeMatches(node: StoredNode, filter: SubgraphFilter, ids: Set<string> | null): boolean {
  if (filter.nodeKinds && !filter.nodeKinds.includes(node.kind)) return false;
  if (filter.domains && !filter.domains.includes(node.domain)) return false;
  if (ids && !ids.has(node.id)) return false;
  return true;
}

/** The analysis model: node attributes are stored nodes, edge attributes stored edges. */
export type AttackGraph = MultiDirectedGraph<StoredNode, StoredEdge>;

export function buildGraph(nodes: Iterable<StoredNode>, edges: Iterable<StoredEdge>, filter: SubgraphFilter = {}): AttackGraph {
  const graph: AttackGraph = new MultiDirectedGraph<StoredNode, StoredEdge>({ allowSelfLoops: true });
  const ids = filter.ids ? new Set(filter.ids) : null;
  for (const node of nodes) if (nodeMatches(node, filter, ids)) graph.addNode(node.id, { ...node });
  for (const edge of edges) {
    if (filter.edgeKinds && !filter.edgeKinds.includes(edge.kind)) continue;
    if (!graph.hasNode(edge.from) || !graph.hasNode(edge.to)) continue;
    graph.addDirectedEdgeWithKey(edge.eid, edge.from, edge.to, { ...edge });
  }
  return graph;
}
