/** `chokepoint mark`: owned / high-value markers on nodes (kept per store; the next scoring uses them). */
import { ChokepointError, NODE_MARKERS, buildModel, resolveNode, type NodeMarkerKind, type StoredNode } from '@chokepoint/queries';
import { output, storeFrom, type GlobalOptions } from '../context.js';

export interface MarkOptions extends GlobalOptions { clear?: boolean }

export async function markCommand(marker: string, refs: string[], options: MarkOptions): Promise<void> {
  if (!(NODE_MARKERS as readonly string[]).includes(marker)) throw new ChokepointError('USAGE', `marker must be one of ${NODE_MARKERS.join(', ')}, got ${JSON.stringify(marker)}`);
  const store = await storeFrom(options);
  try {
    // Names resolve against the stored nodes (the same lookup as `paths --from`).
    const nodes: StoredNode[] = [];
    for await (const page of store.streamNodes()) nodes.push(...page);
    const model = buildModel(nodes, []);
    const ids = refs.map((ref) => model.nodes[resolveNode(model, ref)]!.id);
    const at = new Date().toISOString();
    for (const nodeId of ids) await store.setMarker({ nodeId, marker: marker as NodeMarkerKind, by: 'cli', at }, !options.clear);
    const result = { marker, cleared: options.clear === true, nodes: ids };
    output(options, result, () => `${options.clear ? 'cleared' : 'marked'} ${marker}: ${ids.join(', ')} (re-score to use it: chokepoint score)`);
  } finally {
    await store.close();
  }
}

export async function marksCommand(options: GlobalOptions): Promise<void> {
  const store = await storeFrom(options);
  try {
    const markers = await store.listMarkers();
    output(options, markers, () => markers.map((m) => `${m.marker}\t${m.nodeId}\t(by ${m.by} at ${m.at})`).join('\n') || 'no markers');
  } finally {
    await store.close();
  }
}
