/**
 * `agents`: Chokepoint's AI-agent inventory, YAML or JSON (docs in the README):
 *   agents:
 *     - id: mail-assistant                     # required, unique
 *       name: Mail assistant
 *       model: …                               # kept as a property
 *       runsAs: {kind: ServiceAccount, sid: S-1-5-…}        # the identity the agent acts as
 *       untrustedInputs: [inbound-email, web-pages, tickets] # content anyone outside can shape
 *       data: [{target: {kind: DataStore, name: finance-db}, access: read-write}]
 *       tools:
 *         - name: sql-query
 *           runsAs: {kind: ServiceAccount, sid: S-1-5-…}    # the tool's own identity, if it has one
 *           permissions: [{target: {kind: DataStore, id: data:finance-db}, access: read-write}]
 * References (`runsAs`, `target`) name a kind and an id or aliases (sid, arn, fqdn, ip) so they merge
 * with what AD, AWS or the inventory describe. An agent with untrusted inputs is an entry point
 * (exposure `untrusted-input`: prompt injection, MITRE ATLAS AML.T0051) and gets ReadsUntrusted from
 * the Internet per input; each tool is a Service with CanInvoke; identities get RunsAs; permissions
 * become HasPermission from the tool's identity, else the agent's identity, else the agent.
 */
import { BadInputError } from '@chokepoint/queries';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { BatchCollector } from '../../collector.js';
import { assertSize, decodeUtf8, type InputFile } from '../../input.js';
import type { Importer } from '../../registry.js';
import { parseWith } from '../../validate.js';
import { IdentityRef, ResourceRef, refNode } from './refs.js';
import { slug } from '../vendor/vendor-access.js';

const EXPECTED = 'an agent inventory {agents: [{id, name?, model?, runsAs?, untrustedInputs?, data?, tools?}]} in YAML or JSON';
const ACCESS = ['read', 'write', 'read-write', 'execute', 'admin'] as const;
const Grant = z.object({ target: ResourceRef, access: z.enum(ACCESS).default('read') });
const Agent = z.object({
  id: z.string().trim().min(1),
  name: z.string().optional(),
  model: z.string().optional(),
  runsAs: IdentityRef.optional(),
  untrustedInputs: z.array(z.string().trim().min(1)).default([]),
  data: z.array(Grant).default([]),
  tools: z.array(z.object({ name: z.string().trim().min(1), description: z.string().optional(), runsAs: IdentityRef.optional(), permissions: z.array(Grant).default([]) })).default([]),
});
const Inventory = z.object({ agents: z.array(Agent) });
export type AgentInventory = z.infer<typeof Inventory>;

/** Parses YAML (JSON is YAML) with located syntax errors, no custom tags and few aliases (no billion laughs). */
export function readYaml(text: string, file: string, expected: string): unknown {
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: true, customTags: [], maxAliasCount: 50 } as Parameters<typeof parseDocument>[1]);
  const error = doc.errors[0];
  if (error) {
    const at = error.linePos?.[0];
    throw new BadInputError({ file, line: at?.line, column: at?.col }, `not valid YAML (${error.code}: ${error.message.split('\n')[0]})`, expected);
  }
  try {
    return doc.toJS({ maxAliasCount: 50 });
  } catch (e) {
    throw new BadInputError({ file }, `not valid YAML (${(e as Error).message})`, expected);
  }
}

export function agentsBatch(inventory: AgentInventory, where: string): BatchCollector {
  const c = new BatchCollector();
  const seen = new Set<string>();
  inventory.agents.forEach((a, i) => {
    if (seen.has(a.id)) throw new BadInputError({ file: where, path: `$.agents[${i}].id` }, `${JSON.stringify(a.id)} is listed twice`, 'unique agent ids');
    seen.add(a.id);
    const agent = c.node({
      id: `agent:${slug(a.id)}`, kind: 'AiAgent', name: a.name ?? a.id, ...(a.untrustedInputs.length ? { exposure: 'untrusted-input' as const } : {}),
      props: { ...(a.model ? { model: a.model } : {}), ...(a.untrustedInputs.length ? { inputs: a.untrustedInputs } : {}), tools: a.tools.map((t) => t.name) },
    });
    if (a.untrustedInputs.length) {
      const internet = c.internet();
      for (const input of a.untrustedInputs) c.edge({ kind: 'ReadsUntrusted', from: internet, to: agent, key: input, evidence: [`${where}: ${a.id} consumes ${input}`] });
    }
    const identity = a.runsAs ? c.node(refNode(a.runsAs, 'identity')) : null;
    if (identity) c.edge({ kind: 'RunsAs', from: agent, to: identity });
    for (const d of a.data) c.edge({ kind: 'HasPermission', from: identity ?? agent, to: c.node(refNode(d.target, 'data')), key: d.access, evidence: [`${where}: ${a.id} ${d.access}`] });
    for (const t of a.tools) {
      const tool = c.node({ id: `mcp:${slug(a.id)}/${slug(t.name)}`, kind: 'Service', domain: 'ai', name: `tool ${t.name} of ${a.name ?? a.id}`, props: { tool: t.name, ...(t.description ? { description: t.description } : {}) } });
      c.edge({ kind: 'CanInvoke', from: agent, to: tool });
      const toolIdentity = t.runsAs ? c.node(refNode(t.runsAs, 'identity')) : null;
      if (toolIdentity) c.edge({ kind: 'RunsAs', from: tool, to: toolIdentity });
      for (const p of t.permissions) {
        const holder = toolIdentity ?? identity ?? agent;
        c.edge({ kind: 'HasPermission', from: holder, to: c.node(refNode(p.target, 'data')), key: p.access, evidence: [`${where}: tool ${t.name} of ${a.id} ${p.access}`] });
      }
    }
  });
  return c;
}

async function readInventory(file: InputFile): Promise<AgentInventory> {
  assertSize(file, 16 * 1024 * 1024, EXPECTED);
  return parseWith(Inventory, readYaml(decodeUtf8(await file.read(), file.name), file.name, EXPECTED), file.name, EXPECTED);
}

export const agentsImporter: Importer = {
  id: 'agents',
  title: 'AI agent inventory (Chokepoint YAML or JSON)',
  accepts: 'agents.yaml / agents.json: {agents: [{id, runsAs, untrustedInputs, data, tools}]}',
  async parse(files, context) {
    const inventories = await Promise.all(files.map(async (f) => ({ f, inv: await readInventory(f) })));
    const merged: AgentInventory = { agents: inventories.flatMap((x) => x.inv.agents) };
    return agentsBatch(merged, files.map((f) => f.name).join(', ')).batch(context.source ?? 'agents', 'agents', true, files.map((f) => f.name));
  },
};
