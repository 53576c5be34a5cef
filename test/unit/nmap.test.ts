/** Nmap XML importer: real-format samples in, exact batch out; one hostile file per failure mode. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findImporter, openInput, scanTargets } from '@chokepoint/importers';
import { batchIssues, type GraphBatch } from '@chokepoint/queries';
import { countKind as count, parseFixture } from '../helpers/fixtures.js';

const parse = (file: string, options: Record<string, string | boolean> = {}): Promise<GraphBatch> => parseFixture('nmap', file.includes('/') ? file : `real/nmap/libnmap-${file}`, options);

describe('nmap importer', () => {
  it('fullscan.xml: only the 2 hosts that are up, their 9 open ports, no expanded extraports', async () => {
    const b = await parse('fullscan.xml');
    expect(batchIssues(b)).toEqual([]);
    expect([count(b, 'Host'), count(b, 'Service'), count(b, 'Runs'), count(b, 'CanReach'), count(b, 'Zone')]).toEqual([2, 9, 9, 9, 1]);
    expect(b.rejected).toEqual({ 'host not up': 254 });
    const ssh = b.nodes.find((n) => n.id === 'svc:192.168.1.4:tcp/22')!;
    expect(ssh.props).toMatchObject({ protocol: 'tcp', port: 22, service: 'ssh', product: 'OpenSSH', version: '5.9p1 Debian 5ubuntu1', scripts: ['ssh-hostkey'] });
    expect(ssh.props?.cpe).toEqual(['cpe:/a:openbsd:openssh:5.9p1', 'cpe:/o:linux:linux_kernel']);
    expect(b.nodes.flatMap((n) => (n.props?.cpe as string[] | undefined) ?? [])).toHaveLength(3);
    expect(b.edges.find((e) => e.kind === 'CanReach' && e.to === 'svc:192.168.1.1:tcp/23')).toMatchObject({ kind: 'CanReach', from: 'zone:scanner', key: 'tcp/23' });
  });

  it('os_scan5.xml: 4 hosts up (one with no open port), 11 services, MAC vendor and best OS match', async () => {
    const b = await parse('os_scan5.xml', { from: 'corp-lan' });
    expect([count(b, 'Host'), count(b, 'Service')]).toEqual([4, 11]);
    expect(b.nodes.find((n) => n.id === 'host:192.168.1.3')?.props).not.toHaveProperty('os');
    expect(b.nodes.filter((n) => n.props?.macVendor).map((n) => n.props?.macVendor)).toEqual(['Intel Corporate']);
    expect(b.nodes.find((n) => n.id === 'host:192.168.1.1')).toMatchObject({ aliases: ['ip:192.168.1.1', 'mac:6c:2e:85:19:af:00'], props: { os: 'Chumby Internet radio', osAccuracy: 100 } });
    expect(new Set(b.edges.filter((e) => e.kind === 'CanReach').map((e) => e.from))).toEqual(new Set(['zone:corp-lan']));
  });

  it('masscan -oX (written from masscan\'s out-xml.c layout): no <status>, one <host> per open port → one host per address with all its ports', async () => {
    const b = await parse('it/nmap/masscan.xml', { internet: true });
    expect(b.nodes.filter((n) => n.kind === 'Host').map((n) => n.id).sort()).toEqual(['host:192.0.2.10', 'host:192.0.2.11']);
    expect(b.edges.filter((e) => e.kind === 'CanReach').map((e) => e.to).sort()).toEqual(['svc:192.0.2.10:tcp/22', 'svc:192.0.2.10:tcp/443', 'svc:192.0.2.11:tcp/3389']);
    expect(b.warnings).toContain('RDP on 192.0.2.11 tcp/3389 is reachable from the Internet');
    expect(b.rejected ?? {}).toEqual({});
  });

  it('an attribute value longer than 64 Mi characters is refused with its line, not a crash', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'nmap-big-'));
    try {
      const file = join(dir, 'huge-attr.xml');
      await writeFile(file, `<?xml version="1.0"?>\n<nmaprun scanner="nmap">\n<host comment="${'A'.repeat(65 * 1024 * 1024)}"></host></nmaprun>\n`);
      await expect(findImporter('nmap')!.parse([await openInput(file)], {})).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(/huge-attr\.xml:3:\d+: an attribute value or text longer than 67108864 characters/) });
    } finally { await rm(dir, { recursive: true, force: true }); }
  });

  it('--internet makes the Internet the vantage point and flags telnet', async () => {
    const b = await parse('os_scan5.xml', { internet: true });
    expect(b.edges.filter((e) => e.kind === 'CanReach').every((e) => e.from === 'internet')).toBe(true);
    expect(b.nodes.find((n) => n.id === 'svc:192.168.1.1:tcp/23')).toMatchObject({ exposure: 'internet', props: { riskyInternetExposure: 'telnet' } });
    expect(b.warnings).toContain('telnet on 192.168.1.1 tcp/23 is reachable from the Internet');
  });

  it.each([
    ['1_hosts_incomplete.xml', /1_hosts_incomplete\.xml:29:0: not well-formed XML \(unclosed tag: nmaprun\); expected well-formed XML/],
    ['defused_et_local_includer.xml', /defused_et_local_includer\.xml:\d+:\d+: the document declares a DOCTYPE with an internal subset/],
    ['it/nmap/doctype-system.xml', /doctype-system\.xml:\d+:\d+: the document declares a DOCTYPE with an internal subset or an external identifier/],
    ['it/nmap/bad-portid.xml', /bad-portid\.xml:\d+:\d+: port "abc" is not a port number; expected a port number between 0 and 65535/],
    ['it/nmap/billion-laughs.xml', /billion-laughs\.xml:\d+:\d+: the document declares a DOCTYPE/],
    ['it/nmap/wrong-root.xml', /wrong-root\.xml:2:\d+: the root element is <root>; expected <nmaprun>/],
    ['it/nmap/latin1.xml', /latin1\.xml:\d+: invalid UTF-8; expected UTF-8 text/],
  ])('rejects %s naming file, line and expectation', async (file, message) => {
    await expect(parse(file)).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(message) });
  });
});

describe('nmap scan scopes', () => {
  it('reads the ranges of a command line: octet-aligned CIDRs as prefixes, others and last-octet ranges listed, -iL unknown', () => {
    expect(scanTargets('nmap -O -oX os_scan5.xml 192.168.1.0/24')).toEqual({ idPrefixes: ['192.168.1.'], aliasPrefixes: ['ip:192.168.1.'], addresses: [], unknown: false });
    expect(scanTargets('nmap -p 1-65535 -oX - 10.250.195.71 10.0.0.8/30 10.1.1.5-7').addresses).toEqual(['10.250.195.71', '10.0.0.8', '10.0.0.9', '10.0.0.10', '10.0.0.11', '10.1.1.5', '10.1.1.6', '10.1.1.7']);
    expect(scanTargets('nmap -Pn -T4 -iL targets.txt -oX out.xml').unknown).toBe(true);
    expect(scanTargets('nmap 10.0.0.0/9').unknown).toBe(true); // too wide to list, not octet-aligned
  });
});
