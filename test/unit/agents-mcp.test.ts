/** AI agent inventory (YAML / JSON) and MCP client configurations. */
import { describe, expect, it } from 'vitest';
import { redactArgs } from '@chokepoint/importers';
import { parseFixture } from '../helpers/fixtures.js';

describe('agents importer', () => {
  it('an agent fed untrusted input is an entry point; tools, identities and permissions become steps', async () => {
    const b = await parseFixture('agents', 'ai/agents.yaml');
    expect(b.nodes.find((n) => n.id === 'agent:mail-assistant')).toMatchObject({ kind: 'AiAgent', exposure: 'untrusted-input', props: { model: 'demo-llm', inputs: ['inbound-email'], tools: ['sql-query'] } });
    expect(b.nodes.find((n) => n.id === 'agent:report-bot')!.exposure).toBeUndefined();
    expect(b.edges.map((e) => `${e.kind} ${e.from} → ${e.to}${e.key ? ` [${e.key}]` : ''}`)).toEqual([
      'ReadsUntrusted internet → agent:mail-assistant [inbound-email]',
      'CanInvoke agent:mail-assistant → mcp:mail-assistant/sql-query',
      'RunsAs mcp:mail-assistant/sql-query → ad:S-1-5-21-1004336348-1177238915-682003330-1401',
      'HasPermission ad:S-1-5-21-1004336348-1177238915-682003330-1401 → data:finance-db [read-write]',
      'RunsAs agent:report-bot → aws:arn:aws:iam::123456789012:role/report-bot',
      'HasPermission aws:arn:aws:iam::123456789012:role/report-bot → aws:arn:aws:s3:::customer-data [read]',
    ]);
    expect(b.nodes.find((n) => n.id === 'ad:S-1-5-21-1004336348-1177238915-682003330-1401')).toMatchObject({ kind: 'ServiceAccount', ref: true, aliases: ['sid:S-1-5-21-1004336348-1177238915-682003330-1401'] });
    expect(b.nodes.find((n) => n.id === 'data:finance-db')).toMatchObject({ kind: 'DataStore', criticality: 9 });
  });

  it('JSON and YAML inventories are the same graph', async () => {
    const yaml = await parseFixture('agents', 'ai/agents.yaml');
    const json = await parseFixture('agents', 'ai/agents.json');
    expect(json.nodes).toEqual(yaml.nodes);
    expect(JSON.stringify(json.edges)).toBe(JSON.stringify(yaml.edges).replaceAll('agents.yaml', 'agents.json'));
  });
});

describe('mcp importer', () => {
  it('servers become invocable tools; env values and secret arguments are never kept; outside-content servers make an entry point', async () => {
    const b = await parseFixture('mcp', 'ai/claude_desktop_config.json', { agent: 'analyst-desktop' });
    const text = JSON.stringify(b);
    for (const secret of ['s3cr3t-value-never-stored', 'ghp_never_stored', 'hunter2', 'ghp_example']) expect(text).not.toContain(secret);
    expect(b.nodes.find((n) => n.id === 'agent:analyst-desktop')).toMatchObject({ kind: 'AiAgent', exposure: 'untrusted-input' });
    const servers = b.nodes.filter((n) => n.kind === 'Service').map((n) => [n.id, n.props]);
    expect(servers).toEqual([
      ['mcp:analyst-desktop/filesystem', { transport: 'stdio', command: 'npx', args: ['-y', '@modelcontextprotocol/server-filesystem', '/Users/analyst/Documents'] }],
      ['mcp:analyst-desktop/fetch', { transport: 'stdio', command: 'uvx', args: ['mcp-server-fetch'] }],
      ['mcp:analyst-desktop/postgres', { transport: 'stdio', command: 'npx', args: ['-y', '@modelcontextprotocol/server-postgres', '--password', '[redacted]', 'postgresql://db.corp.example/finance'], envNames: ['PGPASSWORD'], tools: ['query'] }],
      ['mcp:analyst-desktop/github', { transport: 'stdio', command: 'docker', args: ['run', '-i', '--rm', '-e', 'GITHUB_PERSONAL_ACCESS_TOKEN', 'ghcr.io/github/github-mcp-server', '--token=[redacted]'], envNames: ['GITHUB_PERSONAL_ACCESS_TOKEN'] }],
    ]);
    expect(b.edges.filter((e) => e.kind === 'CanInvoke')).toHaveLength(4);
    expect(b.edges.filter((e) => e.kind === 'ReadsUntrusted').map((e) => e.key)).toEqual(['mcp:fetch', 'mcp:github']);
    expect(b.rejected).toEqual({ 'disabled MCP server': 1 });
  });

  it("reads VS Code's servers layout; the agent defaults to the file name", async () => {
    const b = await parseFixture('mcp', 'ai/vscode-mcp.json');
    expect(b.nodes.map((n) => n.id)).toEqual(['agent:vscode-mcp', 'mcp:vscode-mcp/jira', 'internet']);
    expect(b.nodes[1]!.props).toEqual({ transport: 'http', url: 'https://mcp.atlassian.example/v1/sse' });
  });

  it('redacts secret-looking arguments', () => {
    expect(redactArgs(['--api-key', 'k', '--token=t', '--port', '8080', '-p', 'x'])).toEqual(['--api-key', '[redacted]', '--token=[redacted]', '--port', '8080', '-p', 'x']);
  });
});
