/** Deterministic batches for the crash test: one small, then large ones big enough to kill mid-write. */
import type { BatchEdge, BatchNode, GraphBatch } from '@chokepoint/queries';

export function* crashBatches(count = 12): Generator<GraphBatch> {
  yield {
    source: 'first', format: 'test', complete: true,
    nodes: [{ id: 'host:a', kind: 'Host', name: 'a' }, { id: 'user:u', kind: 'User', name: 'u' }],
    edges: [{ kind: 'AdminTo', from: 'user:u', to: 'host:a' }],
  };
  for (let b = 1; b < count; b++) {
    const nodes: BatchNode[] = [];
    const edges: BatchEdge[] = [];
    for (let i = 0; i < 20_000; i++) nodes.push({ id: `host:${b}-${i}`, kind: 'Host', name: `h${i}`, props: { rack: `r${i % 40}` } });
    for (let i = 0; i < 20_000; i++) nodes.push({ id: `user:${b}-${i}`, kind: 'User', name: `u${i}` });
    for (let i = 0; i < 80_000; i++) edges.push({ kind: 'HasSession', from: `host:${b}-${i % 20_000}`, to: `user:${b}-${(i * 7) % 20_000}` });
    yield { source: `big-${b}`, format: 'test', complete: true, nodes, edges };
  }
}
