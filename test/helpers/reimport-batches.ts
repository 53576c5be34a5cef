/**
 * Two complete runs of one source for the crash campaign: `before` and a re-import `after` that drops a
 * tenth of the hosts, adds as many, renames every user and rewires every edge — so a state holding facts
 * of both (a write without its cleanup, or half a write) differs from each.
 */
import type { BatchEdge, BatchNode, GraphBatch } from '@chokepoint/queries';

export const REIMPORT_SOURCE = 'estate';

export function reimportBatch(which: 'before' | 'after', size = 5000): GraphBatch {
  const shift = which === 'before' ? 0 : size / 10;
  const nodes: BatchNode[] = [];
  const edges: BatchEdge[] = [];
  for (let i = 0; i < size; i++) nodes.push({ id: `host:h${shift + i}`, kind: 'Host', name: `h${shift + i}`, props: { rack: `r${i % 40}` } });
  for (let i = 0; i < size; i++) nodes.push({ id: `user:u${i}`, kind: 'User', name: `${which}-u${i}` });
  const step = which === 'before' ? 7 : 11;
  for (let i = 0; i < size; i++) {
    for (let j = 0; j < 4; j++) edges.push({ kind: 'AdminTo', from: `user:u${i}`, to: `host:h${shift + ((i * step + j) % size)}` });
  }
  return { source: REIMPORT_SOURCE, format: 'batch', complete: true, nodes, edges };
}
