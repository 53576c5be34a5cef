/**
 * `opengraph`: BloodHound OpenGraph JSON (`{graph: {nodes, edges}, metadata?: {source_kind}}`), so any
 * community collector's output imports (GitHound, …). Unknown top-level keys are ignored.
 *  - Node ids become `og:<id>`; nodes keep their kinds (`ogKinds`) and scalar properties. A node kind is
 *    mapped by the mapping file (`--mapping FILE`), else it is an `External` node.
 *  - Edges keep their kind (`ogKind`) and traversable flag. Traversable (the flag, true when absent,
 *    or the mapping's `traversable`) → the mapped Chokepoint edge kind, else `Traverses` with the
 *    mapping's p or `defaultP` (0.5); not traversable → `RelatesTo` (context, never a step). A mapped
 *    kind the schema forbids between the two mapped nodes falls back to `Traverses` (warned).
 *  - Endpoints match by id, or `match_by: "name"` (optionally with `kind`) against this file's nodes.
 *    Dangling endpoints are reported and their edges left out; an id that two records share is
 *    reported (the later record wins); repeated edges count once.
 * Mapping file (JSON or YAML):
 *   nodes: {GHUser: User, GHOrganization: {kind: CloudResource, domain: cloud, criticality: 8}}
 *   edges: {GHMemberOf: MemberOf, GHAdminTo: {kind: Traverses, p: 0.9}, GHHasBranch: {traversable: false}}
 *   defaultP: 0.5
 */
import { BadInputError, DOMAIN_IDS, EDGE_KIND_IDS, NODE_KIND_IDS, RESERVED_KEYS, edgeAllowed, type Domain, type EdgeKind, type NodeKind, type Props } from '@chokepoint/queries';
import { z } from 'zod';
import { BatchCollector } from '../../collector.js';
import { assertSize, decodeUtf8, openInput, type InputFile } from '../../input.js';
import type { Importer } from '../../registry.js';
import { parseWith, readJsonDocument } from '../../validate.js';
import { readYaml } from '../ai/agents.js';

const EXPECTED = 'BloodHound OpenGraph JSON {graph: {nodes: [{id, kinds, properties}], edges: [{kind, start, end, properties}]}}';
const MAPPING_EXPECTED = 'an OpenGraph mapping {nodes: {Kind: ChokepointKind | {kind, domain?, criticality?}}, edges: {Kind: ChokepointKind | {kind?, p?, traversable?}}, defaultP?}';

const Endpoint = z.object({ value: z.string().min(1), match_by: z.enum(['id', 'name']).default('id'), kind: z.string().optional() });
const Document = z.looseObject({
  metadata: z.looseObject({ source_kind: z.string().optional() }).optional(),
  graph: z.looseObject({
    nodes: z.array(z.looseObject({ id: z.string().min(1), kinds: z.array(z.string().min(1)).min(1), properties: z.record(z.string(), z.unknown()).default({}) })).default([]),
    edges: z.array(z.looseObject({ kind: z.string().min(1), start: Endpoint, end: Endpoint, properties: z.record(z.string(), z.unknown()).nullish() })).default([]),
  }),
});
const NodeMap = z.union([z.enum(NODE_KIND_IDS as [NodeKind, ...NodeKind[]]), z.object({ kind: z.enum(NODE_KIND_IDS as [NodeKind, ...NodeKind[]]), domain: z.enum(DOMAIN_IDS as [Domain, ...Domain[]]).optional(), criticality: z.number().min(0).max(10).optional() })])
  .transform((v) => (typeof v === 'string' ? { kind: v } : v));
const EdgeMap = z.union([z.enum(EDGE_KIND_IDS as [EdgeKind, ...EdgeKind[]]), z.object({ kind: z.enum(EDGE_KIND_IDS as [EdgeKind, ...EdgeKind[]]).optional(), p: z.number().gt(0).max(1).optional(), traversable: z.boolean().optional() })])
  .transform((v) => (typeof v === 'string' ? { kind: v } : v) as { kind?: EdgeKind; p?: number; traversable?: boolean });
export const Mapping = z.object({ nodes: z.record(z.string(), NodeMap).default({}), edges: z.record(z.string(), EdgeMap).default({}), defaultP: z.number().gt(0).max(1).default(0.5) });
export type OpenGraphMapping = z.infer<typeof Mapping>;

const PROP_KEY = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
function props(raw: Record<string, unknown> | null | undefined): Props {
  const out: Props = {};
  for (const [k, v] of Object.entries(raw ?? {})) {
    const key = RESERVED_KEYS.has(k) ? `og_${k}` : k;
    if (!PROP_KEY.test(key)) continue;
    if (typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))) out[key] = v;
    else if (Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string')) out[key] = v as string[];
  }
  return out;
}

export async function readMapping(file: InputFile): Promise<OpenGraphMapping> {
  assertSize(file, 4 * 1024 * 1024, MAPPING_EXPECTED);
  return parseWith(Mapping, readYaml(decodeUtf8(await file.read(), file.name), file.name, MAPPING_EXPECTED), file.name, MAPPING_EXPECTED);
}

export function openGraphBatch(docs: Array<{ file: string; doc: z.infer<typeof Document> }>, mapping: OpenGraphMapping): BatchCollector {
  const c = new BatchCollector();
  const byName = new Map<string, Array<{ id: string; kinds: string[] }>>();
  const seen = new Map<string, { file: string; kinds: string[] }>();
  for (const { file, doc } of docs) {
    for (const n of doc.graph.nodes) {
      const before = seen.get(n.id);
      if (before) c.warnings.push(`${file}: node id ${n.id} appears more than once (${before.kinds.join('/')} and ${n.kinds.join('/')}): the later record wins`);
      seen.set(n.id, { file, kinds: n.kinds });
      const mapped = n.kinds.map((k) => mapping.nodes[k]).find((m) => m !== undefined);
      const p = props(n.properties);
      const name = typeof n.properties.name === 'string' && n.properties.name ? n.properties.name : typeof n.properties.login === 'string' && n.properties.login ? n.properties.login : n.id;
      c.node({
        id: `og:${n.id}`, kind: mapped?.kind ?? 'External', name,
        ...(mapped && 'domain' in mapped && mapped.domain ? { domain: mapped.domain } : {}),
        ...(mapped && 'criticality' in mapped && mapped.criticality !== undefined ? { criticality: mapped.criticality } : {}),
        props: { ...p, ogKinds: n.kinds, ...(doc.metadata?.source_kind ? { ogSourceKind: doc.metadata.source_kind } : {}) },
      });
      const list = byName.get(name) ?? [];
      list.push({ id: `og:${n.id}`, kinds: n.kinds });
      byName.set(name, list);
    }
  }
  const dangling: string[] = [];
  for (const { file, doc } of docs) {
    doc.graph.edges.forEach((e, i) => {
      const resolve = (end: z.infer<typeof Endpoint>): string | null => {
        if (end.match_by === 'name') {
          const hits = (byName.get(end.value) ?? []).filter((h) => !end.kind || h.kinds.includes(end.kind));
          return hits.length === 1 ? hits[0]!.id : null;
        }
        return c.has(`og:${end.value}`) ? `og:${end.value}` : null;
      };
      const from = resolve(e.start), to = resolve(e.end);
      if (!from || !to) {
        dangling.push(`${file} $.graph.edges[${i}] ${e.kind} (${!from ? `start ${e.start.match_by} ${e.start.value}` : `end ${e.end.match_by} ${e.end.value}`})`);
        c.reject('edge with an endpoint not in the file(s)');
        return;
      }
      const m = mapping.edges[e.kind] ?? {};
      const flag = e.properties?.traversable;
      const traversable = m.traversable ?? (typeof flag === 'boolean' ? flag : true);
      const fromKind = c.get(from)!.kind, toKind = c.get(to)!.kind;
      let kind: EdgeKind = traversable ? m.kind ?? 'Traverses' : 'RelatesTo';
      if (traversable && kind !== 'Traverses' && !edgeAllowed(kind, fromKind, toKind)) {
        c.warnings.push(`${file} $.graph.edges[${i}]: ${e.kind} mapped to ${kind}, which cannot go from ${fromKind} to ${toKind}: kept as Traverses`);
        kind = 'Traverses';
      }
      const edgeProps = { ...props(e.properties), ogKind: e.kind, traversable };
      const key = kind === 'Traverses' || kind === 'RelatesTo' ? e.kind : undefined;
      if (c.edgeOf(kind, from, to, key)) { c.reject('repeated edge'); return; }
      c.edge({ kind, from, to, ...(key ? { key } : {}), ...(kind === 'Traverses' ? { p: m.p ?? mapping.defaultP } : m.p !== undefined ? { p: m.p } : {}), props: edgeProps });
    });
  }
  if (dangling.length) c.warnings.push(`${dangling.length} edge(s) left out: an endpoint is not in the imported file(s): ${dangling.slice(0, 5).join('; ')}${dangling.length > 5 ? '; …' : ''}`);
  return c;
}

export const openGraphImporter: Importer = {
  id: 'opengraph',
  title: 'BloodHound OpenGraph JSON (any collector; --mapping maps its kinds onto Chokepoint kinds)',
  accepts: '{graph: {nodes, edges}, metadata: {source_kind}} JSON',
  options: ['mapping'],
  async parse(files, context) {
    const mappingPath = context.options?.mapping;
    const mappingFile = context.optionFiles?.mapping ?? (typeof mappingPath === 'string' && mappingPath ? await openInput(mappingPath) : undefined);
    const mapping = mappingFile ? await readMapping(mappingFile) : Mapping.parse({});
    const docs = [];
    for (const file of files) docs.push({ file: file.name, doc: parseWith(Document, await readJsonDocument(file, 1024 * 1024 * 1024, EXPECTED), file.name, EXPECTED) });
    if (docs.every((d) => d.doc.graph.nodes.length === 0 && d.doc.graph.edges.length === 0)) throw new BadInputError({ file: files[0]?.name ?? '(none)', path: '$.graph' }, 'no nodes and no edges', EXPECTED);
    const sourceKind = docs.find((d) => d.doc.metadata?.source_kind)?.doc.metadata?.source_kind;
    return openGraphBatch(docs, mapping).batch(context.source ?? (sourceKind ? `opengraph/${sourceKind.toLowerCase().replace(/[^a-z0-9._-]+/g, '-')}` : 'opengraph'), 'opengraph', true, files.map((f) => f.name));
  },
};
