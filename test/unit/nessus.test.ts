/** Nessus v2 importer: real-format samples in, exact counts and properties out; broken files refused. */
import { describe, expect, it } from 'vitest';
import { batchIssues, type GraphBatch } from '@chokepoint/queries';
import { countKind as count, parseFixture } from '../helpers/fixtures.js';

const parse = (file: string): Promise<GraphBatch> => parseFixture('nessus', file.includes('/') ? file : `real/nessus/${file}`);

describe('nessus importer', () => {
  // Expected figures: computed independently from the XML (ElementTree), see test/fixtures/it/nessus/README.md.
  it('nessus_report_localpci.nessus: 1 host, 19 services, 155 CVEs + 7 CVE-less findings of severity ≥ 1', async () => {
    const b = await parse('libnessus-nessus_report_localpci.nessus');
    expect(batchIssues(b)).toEqual([]);
    expect([count(b, 'Host'), count(b, 'Service'), count(b, 'Runs'), count(b, 'Vulnerability'), count(b, 'HasVulnerability')]).toEqual([1, 19, 19, 162, 162]);
    expect(b.nodes.filter((n) => n.id.startsWith('cve:'))).toHaveLength(155);
    const host = b.nodes.find((n) => n.kind === 'Host')!;
    expect(host).toMatchObject({ id: 'host:127.0.0.1', name: 'python-dev' });
    expect(host.aliases).toContain('mac:08:00:27:41:f0:43'); // the file's value ends in a newline
    expect(host.aliases).toContain('fqdn:python-dev');
  });

  it('example_v3.nessus: 36 services, vsftpd backdoor with CVSS 10 and Metasploit, findings without CVE keep the plugin id', async () => {
    const b = await parse('ruby-nessus-example_v3.nessus');
    expect([count(b, 'Host'), count(b, 'Service'), count(b, 'Vulnerability'), count(b, 'HasVulnerability')]).toEqual([1, 36, 50, 51]);
    const vsftpd = b.edges.find((e) => e.kind === 'HasVulnerability' && e.props?.pluginId === '55523')!;
    expect(vsftpd.from).toBe('svc:10.0.0.1:tcp/21');
    const vuln = b.nodes.find((n) => n.id === vsftpd.to)!;
    expect(vuln.props).toMatchObject({ cvss2: 10, cvss2Vector: 'AV:N/AC:L/Au:N/C:C/I:C/A:C', exploitAvailable: true, metasploit: true, severity: 4 });
    const noCve = b.nodes.filter((n) => n.id.startsWith('nessus:'));
    expect(noCve.length).toBe(50 - 32);
    expect(noCve.every((n) => typeof n.props?.pluginName === 'string')).toBe(true);
    expect(b.nodes.find((n) => n.kind === 'Host')?.aliases).toContain('hostname:metasploitable');
  });

  it('a ReportHost named by DNS name without a host-ip tag gets an fqdn alias, never an ip alias', async () => {
    const b = await parse('it/nessus/name-only.nessus');
    expect(batchIssues(b)).toEqual([]);
    expect(b.nodes.find((n) => n.kind === 'Host')).toMatchObject({ id: 'host:web01.example.org', aliases: ['fqdn:web01.example.org'] });
  });

  it.each([
    ['it/nessus/negative-cvss.nessus', /negative-cvss\.nessus:4:\d+: <cvss_base_score> is "-4"; expected a CVSS base score between 0 and 10/],
    ['it/nessus/bad-severity.nessus', /bad-severity\.nessus:3:\d+: severity "high" is not a Nessus severity; expected severity 0, 1, 2, 3 or 4/],
    ['it/nessus/negative-port.nessus', /negative-port\.nessus:3:\d+: port "-1" is not a port number/],
    ['it/nessus/truncated.nessus', /truncated\.nessus:\d+:\d+: not well-formed XML \(unclosed tag/],
    ['it/nessus/v1-root.nessus', /v1-root\.nessus:2:\d+: the root element is <NessusClientData>; expected <NessusClientData_v2>/],
  ])('rejects %s with file, line and expectation', async (file, message) => {
    await expect(parse(file)).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(message) });
  });
});
