/**
 * Accumulates one importer's batch: nodes merged by id (later facts win, aliases united; a full record
 * replaces a placeholder), edges de-duplicated by kind + endpoints + key and checked against the
 * schema's endpoint kinds (what the schema cannot hold is counted under `rejected`, not emitted).
 */
import { edgeAllowed, edgeId, type BatchEdge, type BatchNode, type EdgeKind, type GraphBatch } from '@chokepoint/queries';

/** The one Internet node every importer refers to (a reference: it never overwrites). */
export const INTERNET_REF: BatchNode = { id: 'internet', kind: 'Internet', name: 'Internet', exposure: 'internet', ref: true };

export class BatchCollector {
  private readonly nodes = new Map<string, BatchNode>();
  private readonly edges = new Map<string, BatchEdge>();
  readonly warnings: string[] = [];
  readonly rejected: Record<string, number> = {};

  node(node: BatchNode): string {
    const old = this.nodes.get(node.id);
    if (!old) { this.nodes.set(node.id, node); return node.id; }
    if (node.ref && !old.ref) return node.id; // a reference never overwrites a full record
    const aliases = [...new Set([...(old.aliases ?? []), ...(node.aliases ?? [])])];
    const merged: BatchNode = { ...(old.ref && !node.ref ? {} : old), ...node, props: { ...(old.ref && !node.ref ? {} : old.props), ...node.props } };
    if (aliases.length) merged.aliases = aliases;
    if (!node.ref) delete merged.ref;
    this.nodes.set(node.id, merged);
    return node.id;
  }

  /** The Internet node's id, adding the reference on first use. */
  internet(): string { return this.node({ ...INTERNET_REF }); }

  has(id: string): boolean { return this.nodes.has(id); }
  get(id: string): BatchNode | undefined { return this.nodes.get(id); }

  reject(reason: string, count = 1): void { this.rejected[reason] = (this.rejected[reason] ?? 0) + count; }

  /** Adds an edge between nodes already collected; returns false (and counts why) when the schema forbids it. */
  edge(edge: BatchEdge): boolean {
    const from = this.nodes.get(edge.from), to = this.nodes.get(edge.to);
    if (!from || !to) { this.reject(`${edge.kind} to or from an unknown node`); return false; }
    if (!edgeAllowed(edge.kind, from.kind, to.kind)) { this.reject(`${edge.kind} from ${from.kind} to ${to.kind} (not in the schema)`); return false; }
    const id = edgeId(edge.kind, edge.from, edge.to, edge.key ?? null);
    const old = this.edges.get(id);
    this.edges.set(id, old ? { ...old, ...edge, props: { ...old.props, ...edge.props }, evidence: [...new Set([...(old.evidence ?? []), ...(edge.evidence ?? [])])] } : edge);
    return true;
  }

  edgeOf(kind: EdgeKind, from: string, to: string, key?: string): BatchEdge | undefined {
    return this.edges.get(edgeId(kind, from, to, key ?? null));
  }

  batch(source: string, format: string, complete: boolean, files: string[]): GraphBatch {
    return {
      source, format, complete, nodes: [...this.nodes.values()], edges: [...this.edges.values()], files,
      ...(this.warnings.length ? { warnings: this.warnings } : {}),
      ...(Object.keys(this.rejected).length ? { rejected: this.rejected } : {}),
    };
  }
}
