/** Zeek / ICSNPP importer: real ICSNPP baselines in, flows with OT write operations and device identity out. */
import { describe, expect, it } from 'vitest';
import { batchIssues, type GraphBatch } from '@chokepoint/queries';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { findImporter, openInput } from '@chokepoint/importers';
import { FIXTURES, parseFixture } from '../helpers/fixtures.js';

const parse = (...files: string[]): Promise<GraphBatch> => parseFixture('zeek', files.map((f) => (f.includes('/') ? `real/zeek/${f}` : `ot/zeek/${f}`)));
const reach = (b: GraphBatch) => b.edges.filter((e) => e.kind === 'CanReach');

describe('zeek importer', () => {
  it('Modbus: the public Modbus server is reached; loopback traffic makes no asset', async () => {
    const b = await parse('modbus-basic/conn.log', 'modbus-basic/modbus.log');
    expect(batchIssues(b)).toEqual([]);
    expect(b.nodes.filter((n) => n.kind === 'Host').map((n) => n.id).sort()).toEqual(['host:192.168.1.6', 'host:3.15.227.20']);
    expect(reach(b)).toEqual([expect.objectContaining({ from: 'host:192.168.1.6', to: 'svc:3.15.227.20:tcp/502', key: 'tcp/502', props: { services: ['modbus'], connections: 1, writes: 0 } })]);
    expect(b.warnings).toEqual(['24 records between loopback, multicast, broadcast or unspecified addresses were not turned into assets']);
    expect(b.rejected).toEqual({ 'loopback/multicast/broadcast address': 24 });
  });

  it('S7: the client’s write, control and stop requests are counted on its flow; the known device carries its identity', async () => {
    const b = await parse('s7comm-snap7/conn.log', 's7comm-snap7/s7comm.log', 's7comm-s7ident/s7comm_known_devices.log');
    const [flow] = reach(b);
    expect(flow).toMatchObject({ from: 'host:134.217.61.131', to: 'svc:134.217.61.211:tcp/102' });
    expect(flow!.props).toMatchObject({ services: ['cotp', 's7comm'], connections: 1, writes: 6, operations: ['PLC Control', 'PLC Stop', 'Write Variable'] });
    const plc = b.nodes.find((n) => n.id === 'host:172.17.0.2')!;
    expect(plc.props).toEqual({ industrialDevice: true, vendor: 'Siemens', model: 'CPU 315-2 PN/DP', automationSystem: 'SNAP7-SERVER', serial: 'S C-C2UR28922012' });
    expect(plc.aliases).toContain('serial:S C-C2UR28922012');
  });

  it('EtherNet/IP: header-less CIP identity enriches the adapter; the Set Attribute List request counts as a write', async () => {
    const b = await parse('enip-basic/conn.log', 'enip-basic/cip.log', 'enip-basic/cip_identity.log');
    expect(batchIssues(b)).toEqual([]);
    const adapter = b.nodes.find((n) => n.props?.model === '1756-ENBT/A')!;
    expect(adapter.props).toMatchObject({ vendor: 'Rockwell Automation/Allen-Bradley', deviceType: 'Communications Adapter', firmware: '4.3' });
    expect(reach(b).reduce((sum, e) => sum + Number(e.props?.writes ?? 0), 0)).toBe(1);
  });

  it('JSON lines: counts connections, drops unanswered flows and broadcast addresses', async () => {
    const b = await parse('conn.jsonl');
    expect(reach(b)).toEqual([expect.objectContaining({ from: 'host:10.32.0.20', to: 'svc:10.31.0.11:tcp/502', props: { services: ['modbus'], connections: 2, writes: 0 } })]);
    expect(b.nodes.map((n) => n.id)).not.toContain('host:10.32.0.255');
  });

  it('an address ending in .255 that serves TCP is a host (networks wider than /24); one that only receives UDP from several hosts is a broadcast address', async () => {
    const b = await parse('wide-subnet-conn.jsonl');
    const ids = b.nodes.map((n) => n.id);
    expect(ids).toContain('host:10.40.1.255');
    expect(ids).not.toContain('host:10.40.0.255');
    expect(reach(b).map((e) => `${e.from} ${e.to}`).sort()).toEqual([
      'host:10.40.0.20 svc:10.40.1.255:tcp/502', 'host:10.40.0.21 svc:10.40.1.255:udp/137', 'host:10.40.0.22 svc:10.40.1.255:udp/137',
    ]);
    expect(b.rejected).toMatchObject({ 'loopback/multicast/broadcast address': 2 });
  });

  it('JSON lines from a shipper that nests id: {orig_h, …} read like Zeek\'s own id.orig_h', async () => {
    const b = await parse('conn-nested-id.jsonl');
    expect(reach(b).map((e) => `${e.from} ${e.to}`)).toEqual(['host:10.32.0.20 svc:10.31.0.11:tcp/502']);
  });

  it('rotated .log.gz archives read like the plain logs; a gzip bomb and a cut gzip stream are refused', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'zeek-gz-'));
    try {
      const plain = ['conn', 'dnp3', 'dnp3_control'].map((l) => `dnp3-basic/${l}.log`);
      const zipped: string[] = [];
      for (const f of plain) {
        const out = join(dir, f.replace('/', '-') + '.gz');
        await writeFile(out, gzipSync(await readFile(join(FIXTURES, 'real/zeek', f))));
        zipped.push(out);
      }
      const parseFiles = async (paths: string[]) => findImporter('zeek')!.parse(await Promise.all(paths.map(openInput)), {});
      const a = await parse(...plain), b = await parseFiles(zipped);
      expect(b.nodes).toEqual(a.nodes);
      expect(b.edges).toEqual(a.edges);
      const bomb = join(dir, 'conn.log.gz');
      await writeFile(bomb, gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x20)));
      await expect(parseFiles([bomb])).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(/conn\.log\.gz: the gzip stream inflates beyond 200× its \d+ compressed bytes/) });
      const cut = join(dir, 'cut-conn.log.gz');
      await writeFile(cut, (await readFile(zipped[0]!)).subarray(0, 300));
      await expect(parseFiles([cut])).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(/cut-conn\.log\.gz: not a readable gzip stream/) });
    } finally { await rm(dir, { recursive: true, force: true }); }
  });

  it('a pure-ASCII line longer than 64 Mi characters is refused as too long at its line (not as invalid UTF-8)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'zeek-long-'));
    try {
      const file = join(dir, 'conn.log');
      const header = (await readFile(join(FIXTURES, 'real/zeek/dnp3-basic/conn.log'), 'utf8')).split('\n').slice(0, 9).join('\n');
      await writeFile(file, `${header}\n${'x'.repeat(65 * 1024 * 1024)}\n`);
      await expect(findImporter('zeek')!.parse([await openInput(file)], {})).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(/conn\.log:10: a line longer than 67108864 characters/) });
    } finally { await rm(dir, { recursive: true, force: true }); }
  });

  it('Modbus read device identification (JSON lines, written from the ICSNPP record): the answering device becomes a Controller', async () => {
    const b = await parse('modbus_read_device_identification.jsonl');
    expect(b.nodes.find((n) => n.id === 'host:10.50.0.9')).toMatchObject({
      kind: 'Controller', props: { industrialDevice: true, protocol: 'modbus', vendor: 'Schneider Electric', productCode: 'BMX P34 2020', firmware: 'v3.20' },
    });
    expect(b.nodes.find((n) => n.id === 'host:10.50.0.5')).toMatchObject({ kind: 'Host' });
  });

  it('logs it does not read are counted under rejected and named in a warning (real ICSNPP files.log)', async () => {
    const b = await parse('bacnet-services/conn.log', 'bacnet-services/files.log');
    expect(b.rejected).toMatchObject({ 'unread log type files': 3 });
    expect(b.warnings).toEqual(expect.arrayContaining([expect.stringMatching(/^3 records of log type "files" were not read \(this importer reads conn, modbus/)]));
  });

  it('a complete header with no record is an empty capture that removes nothing; a header cut short is refused', async () => {
    const empty = await parse('header-only-conn.log');
    expect(empty.complete).toBe(false);
    expect(empty.nodes).toEqual([]);
    expect(empty.warnings).toContain('no records in these logs (an empty capture): nothing is added, and nothing imported earlier is removed');
    await expect(parse('header-cut.log')).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(/header-cut\.log:5: the header ends before #fields and no record follows \(cut short\?\)/) });
  });

  it.each([
    ['ragged.log', /ragged\.log:4: 2 fields where the header names 3/],
    ['bad-port.jsonl', /bad-port\.jsonl:2: id\.resp_p "abc" is not a port number; expected ports between 0 and 65535/],
    ['mystery.log', /mystery\.log:1: a data line before any #fields header, in a log whose type is unknown/],
  ])('rejects %s naming file and line', async (file, message) => {
    await expect(parse(file)).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(message) });
  });
});
