/**
 * The CLI as scripts use it: JSON on stdout, exit codes 0 ok · 1 usage · 2 bad input · 3 store
 * unavailable, and bad input that names file and location and leaves the store unchanged.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { EDGE_KIND_IDS, NODE_KIND_IDS, DOMAIN_IDS, Neo4jStore } from '@chokepoint/queries';
import { runCli } from '../helpers/cli.js';

const fixtures = join(import.meta.dirname, '../fixtures/batch');
let dir: string;
beforeAll(async () => { dir = await mkdtemp(join(tmpdir(), 'chokepoint-cli-')); });
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

describe('chokepoint CLI on the embedded store', () => {
  it('demo --no-serve --json prints node and edge counts by kind and domain', async () => {
    const r = await runCli(['--data-dir', join(dir, 'demo'), 'demo', '--no-serve', '--json', '--size', '1000']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { nodes: Record<string, number>; edges: Record<string, number>; domains: Record<string, number>; planted: string[] };
    for (const k of Object.keys(out.nodes)) expect(NODE_KIND_IDS).toContain(k);
    for (const k of Object.keys(out.edges)) expect(EDGE_KIND_IDS).toContain(k);
    for (const k of Object.keys(out.domains)) expect(DOMAIN_IDS).toContain(k);
    expect(out.nodes.Controller).toBeGreaterThan(0);
    expect(out.domains.ot).toBeGreaterThan(0);
    expect(out.planted).toContain('vendor-vpn-to-cooling-plc');
    const stats = await runCli(['--data-dir', join(dir, 'demo'), 'stats', '--json']);
    expect(stats.code).toBe(0);
    expect(JSON.parse(stats.stdout)).toMatchObject({ nodes: out.nodes, edges: out.edges });
  });

  it('formats lists the importers', async () => {
    const r = await runCli(['formats', '--json']);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as Array<{ id: string }>).map((f) => f.id)).toContain('batch');
  });

  it('imports a GraphBatch file and reports counts', async () => {
    const r = await runCli(['--data-dir', join(dir, 'imp'), 'import', 'batch', join(fixtures, 'good.json'), '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { nodes: { written: number }; edges: { written: number }; read: { nodes: Record<string, number> } };
    expect(out.nodes.written).toBe(2);
    expect(out.edges.written).toBe(1);
    expect(out.read.nodes).toEqual({ Host: 1, Controller: 1 });
    expect((out as unknown as { writtenByKind: unknown }).writtenByKind).toEqual({ nodes: { Host: 1, Controller: 1 }, edges: { Controls: 1 } });
  });

  it('lists each format\'s options and refuses an option the format does not read (exit 1, nothing imported)', async () => {
    const formats = JSON.parse((await runCli(['formats', '--json'])).stdout) as Array<{ id: string; options: string[] }>;
    expect(formats.find((f) => f.id === 'nmap')!.options).toEqual(['--from <zone>', '--internet']);
    const dataDir = join(dir, 'wrong-option');
    const r = await runCli(['--data-dir', dataDir, 'import', 'batch', join(fixtures, 'good.json'), '--internet']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('--internet does not apply to the batch format (it takes no options)');
    expect(JSON.parse((await runCli(['--data-dir', dataDir, 'stats', '--json'])).stdout)).toMatchObject({ nodes: {}, edges: {} });
  });

  const hostile: Array<[string, string | (() => Promise<string>), RegExp]> = [
    ['a 0-byte file', 'empty.json', /empty\.json:1: the file is empty \(0 bytes\); expected a GraphBatch JSON/],
    ['broken JSON', 'trailing-comma.json', /trailing-comma\.json:4:3: not valid JSON/],
    ['invalid UTF-8', 'latin1.json', /latin1\.json:1: invalid UTF-8 at byte \d+; expected UTF-8 text/],
    ['an unknown node kind', 'wrong-kind.json', /wrong-kind\.json \(\$\.nodes\[1\]\.kind\): "PLC" is not a node kind/],
    ['a missing file', 'does-not-exist.json', /does-not-exist\.json: file not found/],
  ];
  it.each(hostile)('rejects %s with exit 2, file and location, and changes nothing', async (_name, file, message) => {
    const dataDir = join(dir, 'hostile');
    const seed = await runCli(['--data-dir', dataDir, 'import', 'batch', join(fixtures, 'good.json')]);
    expect(seed.code).toBe(0);
    const before = (await runCli(['--data-dir', dataDir, 'stats', '--json'])).stdout;
    const r = await runCli(['--data-dir', dataDir, 'import', 'batch', join(fixtures, typeof file === 'string' ? file : await file())]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect((await runCli(['--data-dir', dataDir, 'stats', '--json'])).stdout).toBe(before);
  });

  const otherFormats: Array<[string, string, RegExp]> = [
    ['nmap', 'real/nmap/libnmap-1_hosts_incomplete.xml', /1_hosts_incomplete\.xml:29:0: not well-formed XML/],
    ['nmap', 'real/nmap/libnmap-defused_et_local_includer.xml', /defused_et_local_includer\.xml:\d+:\d+: the document declares a DOCTYPE/],
    ['nmap', 'it/nmap/billion-laughs.xml', /billion-laughs\.xml:\d+:\d+: the document declares a DOCTYPE/],
    ['nmap', 'it/nmap/wrong-root.xml', /wrong-root\.xml:2:\d+: the root element is <root>; expected <nmaprun>/],
    ['nmap', 'it/nmap/latin1.xml', /latin1\.xml:\d+: invalid UTF-8/],
    ['nmap', 'batch/empty.json', /empty\.json:1: the file is empty \(0 bytes\)/],
    ['nessus', 'it/nessus/truncated.nessus', /truncated\.nessus:\d+:\d+: not well-formed XML/],
    ['inventory', 'inventory/bad-kind.csv', /bad-kind\.csv:3:2 \(kind\): "plcc" is not valid/],
    ['inventory', 'inventory/wrong-header.csv', /wrong-header\.csv:1: the header has no name column/],
    ['zeek', 'ot/zeek/ragged.log', /ragged\.log:4: 2 fields where the header names 3/],
    ['kev', 'intel/kev-bad-enum.json', /kev-bad-enum\.json \(\$\.vulnerabilities\[0\]\.knownRansomwareCampaignUse\)/],
    ['epss', 'intel/epss-bad-value.csv', /epss-bad-value\.csv:2:2 \(epss\)/],
    ['sharphound', 'identity/sharphound/truncated.json', /truncated\.json:735:25: not valid JSON/],
    ['sharphound', 'identity/sharphound/wrong-shape.json', /wrong-shape\.json \(\$\.data\): Invalid input: expected array, received object/],
    ['sharphound', 'identity/sharphound/unknown-type.json', /unknown-type\.json \(\$\.meta\.type\): Invalid option: expected one of "users"/],
    ['sharphound', 'identity/sharphound/version4.json', /version4\.json \(\$\.meta\.version\)/],
    ['sharphound', 'identity/sharphound/bad-ace.json', /bad-ace\.json \(\$\.data\[0\]\.Aces\[0\]\.RightName\): Invalid input: expected string, received number/],
    ['sharphound', 'identity/sharphound/truncated.zip', /truncated\.zip: not a readable zip/],
    ['vendor-access', 'vendor/bad-method.csv', /bad-method\.csv:2:2 \(method\): "teamviewer" is not valid; expected vpn, rdp-gateway/],
    ['vendor-access', 'vendor/bad-mfa.csv', /bad-mfa\.csv:2:4 \(mfa\): "sometimes" is not valid/],
    ['vendor-access', 'vendor/no-targets.json', /no-targets\.json \(\$\.grants\[0\]\.targets\): Too small/],
    ['openvpn', 'vendor/openvpn-no-header.status', /openvpn-no-header\.status:2: a CLIENT_LIST row before its HEADER row/],
    ['openvpn', 'real/openvpn/kumina-client.status', /kumina-client\.status:1: an OpenVPN client statistics file \(it lists no connected clients\); expected an OpenVPN server status file/],
    ['agents', 'ai/billion-laughs.yaml', /billion-laughs\.yaml: not valid YAML \(Excessive alias count/],
    ['agents', 'ai/broken.yaml', /broken\.yaml:4:1: not valid YAML \(BAD_INDENT/],
    ['agents', 'ai/bad-kind.yaml', /bad-kind\.yaml \(\$\.agents\[0\]\.runsAs\.kind\): Invalid option: expected one of "User"\|"ServiceAccount"\|"Role"/],
    ['agents', 'ai/duplicate.yaml', /duplicate\.yaml \(\$\.agents\[1\]\.id\): "a" is listed twice/],
    ['mcp', 'ai/mcp-no-command.json', /mcp-no-command\.json \(\$\.mcpServers\.x\): a server needs a command or a url/],
    ['opengraph', 'opengraph/kinds-not-list.json', /kinds-not-list\.json \(\$\.graph\.nodes\[0\]\.kinds\): Invalid input: expected array, received string/],
    ['opengraph', 'opengraph/empty-graph.json', /empty-graph\.json \(\$\.graph\): no nodes and no edges/],
    ['aws', 'cloud/aws/bad-shape.json', /bad-shape\.json \(\$\.RoleDetailList\[0\]\.RoleName\): Invalid input: expected string, received number/],
    ['aws', 'cloud/aws/unknown-shape.json', /unknown-shape\.json \(\$\): none of UserDetailList/],
    ['aws', 'cloud/aws/bad-policy.json', /bad-policy\.json \(\$\.RoleDetailList\[0\]\.AssumeRolePolicyDocument\): a string that is not a URL-encoded JSON policy document/],
  ];
  it.each(otherFormats)('%s: a hostile or broken %s exits 2 with its location and changes nothing', async (format, file, message) => {
    const dataDir = join(dir, `hostile-${format}`);
    const seed = await runCli(['--data-dir', dataDir, 'import', 'nmap', join(fixtures, '../real/nmap/libnmap-os_scan5.xml')]);
    expect(seed.code).toBe(0);
    const before = (await runCli(['--data-dir', dataDir, 'stats', '--json'])).stdout;
    const r = await runCli(['--data-dir', dataDir, 'import', format, join(fixtures, '..', file)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect((await runCli(['--data-dir', dataDir, 'stats', '--json'])).stdout).toBe(before);
  });

  it('exits 1 on usage errors', async () => {
    expect((await runCli(['import', 'no-such-format', 'x.json'])).code).toBe(1);
    expect((await runCli(['demo', '--size', 'lots'])).code).toBe(1);
    expect((await runCli(['frobnicate'])).code).toBe(1);
    const neo = await runCli(['--store', 'neo4j', 'stats']);
    expect(neo.code).toBe(1);
    expect(neo.stderr).toMatch(/needs NEO4J_URI/);
  });

  it('demo --port is honoured; on a busy port the demo ends with a clear message and exit 1, not a stack trace', async () => {
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    try {
      const port = (busy.address() as AddressInfo).port;
      const r = await runCli(['--data-dir', join(dir, 'busy-port'), 'demo', '--size', '200', '--port', String(port)]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(new RegExp(`chokepoint: cannot listen on 127\\.0\\.0\\.1:${port} \\(the port is in use\\); choose another with --port or CHOKEPOINT_PORT`));
      expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    } finally { await new Promise((resolve) => busy.close(resolve)); }
  });

  it('exits 3 when the store is unavailable or busy', async () => {
    const down = await runCli(['--store', 'neo4j', 'stats'], { NEO4J_URI: 'bolt://127.0.0.1:1' });
    expect(down.code).toBe(3);
    expect(down.stderr).toMatch(/cannot reach Neo4j at bolt:\/\/127\.0\.0\.1:1/);
    const busyDir = join(dir, 'busy');
    await runCli(['--data-dir', busyDir, 'stats']);
    await writeFile(join(busyDir, 'LOCK'), String(process.pid));
    const busy = await runCli(['--data-dir', busyDir, 'stats']);
    expect(busy.code).toBe(3);
    expect(busy.stderr).toMatch(/in use by process/);
  });
});

describe('chokepoint CLI on Neo4j', () => {
  const why = inject('neo4jUnavailable');
  it.skipIf(why)('demo --store neo4j loads the same counts as the embedded store', async () => {
    const uri = inject('neo4jUri');
    // The shared test server may hold another suite's graph: start from an empty database.
    const wipe = new Neo4jStore({ uri });
    await wipe.init();
    await wipe.wipe();
    await wipe.close();
    const neo = await runCli(['--store', 'neo4j', 'demo', '--no-serve', '--json', '--size', '500', '--seed', '9'], { NEO4J_URI: uri });
    expect(neo.stderr).toBe('');
    expect(neo.code).toBe(0);
    const emb = await runCli(['--data-dir', join(dir, 'cmp'), 'demo', '--no-serve', '--json', '--size', '500', '--seed', '9']);
    const a = JSON.parse(neo.stdout) as Record<string, unknown>;
    const b = JSON.parse(emb.stdout) as Record<string, unknown>;
    expect(a.store).toBe('neo4j');
    expect(a.nodes).toEqual(b.nodes);
    expect(a.edges).toEqual(b.edges);
  });
});
