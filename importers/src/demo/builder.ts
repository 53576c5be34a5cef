/** Accumulates one GraphBatch per demo source, with helpers that keep ids and aliases consistent. */
import type { BatchEdge, BatchNode, EdgeKind, GraphBatch } from '@chokepoint/queries';

export class BatchBuilder {
  readonly nodes: BatchNode[] = [];
  readonly edges: BatchEdge[] = [];
  private readonly seen = new Set<string>();
  constructor(readonly source: string) {}

  node(node: BatchNode): string {
    if (!this.seen.has(node.id)) { this.seen.add(node.id); this.nodes.push(node); }
    return node.id;
  }
  /** A reference to a node another source describes in full. */
  ref(id: string, kind: BatchNode['kind'], name: string, aliases?: string[]): string {
    return this.node({ id, kind, name, ref: true, ...(aliases ? { aliases } : {}) });
  }
  edge(kind: EdgeKind, from: string, to: string, extra: Omit<BatchEdge, 'kind' | 'from' | 'to'> = {}): void {
    this.edges.push({ kind, from, to, ...extra });
  }
  batch(): GraphBatch {
    return { source: this.source, format: 'demo', complete: true, nodes: this.nodes, edges: this.edges };
  }
}
