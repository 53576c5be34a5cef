/**
 * `mcp`: MCP client configuration files — `{"mcpServers": {…}}` (Claude Desktop, Cursor, Windsurf) or
 * `{"servers": {…}}` / `{"mcp": {"servers": {…}}}` (VS Code). Each file is one client: an AiAgent named by
 * `--agent <id>` (default: the file name). Each server becomes a Service (domain ai) with CanInvoke from
 * the agent and keeps: transport (stdio, sse, http), command, args, url, env variable *names* — never
 * their values — and the tools it exposes when the file lists them. Arguments that look like secrets
 * (`--token=…`, values after `--api-key`, …) are redacted. A server that brings outside content into the
 * agent (its name, command or arguments mention fetch, browser, puppeteer, playwright, web, search, email,
 * gmail, slack, github, jira) makes the client an entry point: ReadsUntrusted from the Internet, keyed
 * `mcp:<server>`.
 */
import { z } from 'zod';
import { BatchCollector } from '../../collector.js';
import type { InputFile } from '../../input.js';
import type { Importer } from '../../registry.js';
import { parseWith, readJsonDocument } from '../../validate.js';
import { slug } from '../vendor/vendor-access.js';
import { textOption } from '../../options.js';

const EXPECTED = 'an MCP client configuration {"mcpServers": {name: {command, args, env} | {url}}}';
const UNTRUSTED = /fetch|browser|puppeteer|playwright|web|search|e-?mail|gmail|slack|github|jira|rss/i;
const SECRET_FLAG = /^--?(api[-_]?key|token|secret|password|passwd|auth|access[-_]?key|client[-_]?secret)$/i;
const SECRET_INLINE = /^(--?[\w-]*(key|token|secret|password|passwd|auth)[\w-]*=)(.+)$/i;

const Server = z.looseObject({
  command: z.string().optional(),
  args: z.array(z.string()).default([]),
  env: z.record(z.string(), z.unknown()).default({}),
  url: z.string().optional(),
  type: z.string().optional(),
  transport: z.string().optional(),
  tools: z.array(z.union([z.string(), z.looseObject({ name: z.string() })])).optional(),
  disabled: z.boolean().optional(),
}).refine((s) => s.command || s.url, { message: 'a server needs a command or a url' });
const Config = z.looseObject({
  mcpServers: z.record(z.string(), Server).optional(),
  servers: z.record(z.string(), Server).optional(),
  mcp: z.looseObject({ servers: z.record(z.string(), Server).optional() }).optional(),
}).refine((c) => c.mcpServers || c.servers || c.mcp?.servers, { message: 'no mcpServers (or servers) object' });

export function redactArgs(args: readonly string[]): string[] {
  return args.map((a, i) => {
    if (i > 0 && SECRET_FLAG.test(args[i - 1]!)) return '[redacted]';
    const inline = SECRET_INLINE.exec(a);
    return inline ? `${inline[1]}[redacted]` : a;
  });
}

async function readConfig(file: InputFile, agentOption: string | undefined, c: BatchCollector): Promise<void> {
  const config = parseWith(Config, await readJsonDocument(file, 16 * 1024 * 1024, EXPECTED), file.name, EXPECTED);
  const servers = { ...config.mcp?.servers, ...config.servers, ...config.mcpServers };
  const base = file.name.split(/[\\/]/).pop()!.replace(/\.json$/i, '');
  const agentId = slug(agentOption ?? base);
  const agent = c.node({ id: `agent:${agentId}`, kind: 'AiAgent', name: agentOption ?? base, props: { mcpConfig: file.name } });
  for (const [name, s] of Object.entries(servers)) {
    if (s.disabled) { c.reject('disabled MCP server'); continue; }
    const args = redactArgs(s.args);
    const tools = s.tools?.map((t) => (typeof t === 'string' ? t : t.name));
    const server = c.node({
      id: `mcp:${agentId}/${slug(name)}`, kind: 'Service', domain: 'ai', name: `MCP server ${name}`,
      props: {
        transport: s.type ?? s.transport ?? (s.url ? 'http' : 'stdio'),
        ...(s.command ? { command: s.command } : {}), ...(args.length ? { args } : {}), ...(s.url ? { url: s.url } : {}),
        ...(Object.keys(s.env).length ? { envNames: Object.keys(s.env).sort() } : {}), ...(tools ? { tools } : {}),
      },
    });
    c.edge({ kind: 'CanInvoke', from: agent, to: server, evidence: [`${file.name}: server ${name}`] });
    if (UNTRUSTED.test([name, s.command ?? '', ...s.args, s.url ?? ''].join(' '))) {
      const internet = c.internet();
      c.edge({ kind: 'ReadsUntrusted', from: internet, to: agent, key: `mcp:${name}`, evidence: [`${file.name}: server ${name} brings outside content into the agent`] });
      c.node({ id: agent, kind: 'AiAgent', name: agentOption ?? base, exposure: 'untrusted-input', props: { mcpConfig: file.name } });
    }
  }
}

export const mcpImporter: Importer = {
  id: 'mcp',
  title: 'MCP client configuration (mcpServers JSON) — an agent and its tool servers',
  accepts: 'claude_desktop_config.json, .cursor/mcp.json, .vscode/mcp.json',
  options: ['agent'],
  async parse(files, context) {
    const c = new BatchCollector();
    const agent = textOption(context, 'agent', undefined);
    for (const file of files) await readConfig(file, agent, c);
    return c.batch(context.source ?? 'mcp', 'mcp', true, files.map((f) => f.name));
  },
};
