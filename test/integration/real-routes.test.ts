/**
 * Real files to routes: each format's real output, loaded into the embedded store through the real
 * loader, scored, and the route (or derived step) it should produce asserted. Each of these failed
 * before the issue-12 fixes: the CVSS2# vectors made no exploit step, the partner /32 made no entry,
 * BACnet/DNP3 writes were never read, the AWS-managed admin policy had no edge, the client statistics
 * file overwrote the sessions.
 */
import { describe, expect, it } from 'vitest';
import { describeRoute, loadModel, routeTo, scoreModel, type AnalysisModel, type GraphBatch } from '@chokepoint/queries';
import { loadBatch } from '@chokepoint/importers';
import { embedded, freshStorePerTest } from '../helpers/stores.js';
import { importFixture, parseFixture } from '../helpers/fixtures.js';

const derived = (model: AnalysisModel, kind: string) => model.steps.filter((s) => s.kind === kind && s.derived)
  .map((s) => ({ from: model.nodes[s.from]!.id, to: model.nodes[s.to]!.id, key: s.key, p: s.p, explain: s.explain }));

describe('real files to routes (embedded store)', () => {
  const { store } = freshStorePerTest(embedded);

  it('Nessus (CVSS2# vectors) + reachability → a CanExploit step citing the CVE', async () => {
    await importFixture(store(), 'nessus', 'real/nessus/ruby-nessus-example_v3.nessus');
    // Reachability from another source: the Internet reaches the FTP service Nessus found vsftpd on.
    const reach: GraphBatch = {
      source: 'firewall-review', format: 'batch', complete: false, files: [],
      nodes: [{ id: 'internet', kind: 'Internet', name: 'Internet', exposure: 'internet', ref: true }, { id: 'svc:10.0.0.1:tcp/21', kind: 'Service', name: 'ftp', ref: true }],
      edges: [{ kind: 'CanReach', from: 'internet', to: 'svc:10.0.0.1:tcp/21', key: 'tcp/21' }],
    };
    await loadBatch(store(), reach);
    const model = await loadModel(store());
    const exploits = derived(model, 'CanExploit').filter((s) => s.to === 'host:10.0.0.1');
    expect(exploits.length).toBeGreaterThan(0);
    expect(exploits.every((s) => s.from === 'internet')).toBe(true);
    // Anonymous FTP (CVE-1999-0497, CVSS2#AV:N/AC:L/Au:N) and the vsftpd backdoor (plugin 55523, no CVE, Metasploit).
    expect(exploits.map((s) => s.key).sort()).toEqual(['cve:CVE-1999-0497', 'nessus:34324', 'nessus:55523']);
    expect(exploits.find((s) => s.key === 'cve:CVE-1999-0497')!.explain).toMatch(/CVSS v2 exploitability 1 × 0\.5 → 0\.5/);
    expect(exploits.find((s) => s.key === 'nessus:55523')!.explain).toMatch(/public exploit → 0\.7/);
    const scoring = scoreModel(model);
    const route = describeRoute(model, routeTo(model.graph, scoring.paths, model.indexOf.get('host:10.0.0.1')!)!);
    expect(route.entry).toBe('internet');
    expect(route.steps[0]).toMatchObject({ kind: 'CanExploit', key: 'nessus:55523' }); // the backdoor (p 0.7) beats anonymous FTP (0.5)
  });

  it('Nessus (CVSS:3.0 vectors) + the full CISA KEV catalogue + reachability → the KEV-listed flaw is exploited at p 0.95', async () => {
    await importFixture(store(), 'nessus', 'real/nessus/defectdojo-nessus_with_cvssv3.nessus');
    const kev = await importFixture(store(), 'kev', 'real/kev/known_exploited_vulnerabilities-2025.08.25.json');
    expect(kev.warnings).toEqual(expect.arrayContaining([expect.stringMatching(/^1403 /)])); // 1,404 KEV CVEs, one of them seen by the scan
    await loadBatch(store(), {
      source: 'firewall-review', format: 'batch', complete: false, files: [],
      nodes: [{ id: 'internet', kind: 'Internet', name: 'Internet', exposure: 'internet', ref: true }, { id: 'svc:44.228.249.3:tcp/80', kind: 'Service', name: 'www', ref: true }],
      edges: [{ kind: 'CanReach', from: 'internet', to: 'svc:44.228.249.3:tcp/80', key: 'tcp/80' }],
    });
    const model = await loadModel(store());
    const phpCgi = derived(model, 'CanExploit').find((s) => s.key === 'cve:CVE-2012-1823');
    expect(phpCgi).toMatchObject({ from: 'internet', to: 'host:44.228.249.3', p: 0.95 });
    expect(phpCgi!.explain).toMatch(/CISA KEV → 0\.95/);
    const scoring = scoreModel(model);
    const route = describeRoute(model, routeTo(model.graph, scoring.paths, model.indexOf.get('host:44.228.249.3')!)!);
    expect(route.steps[0]).toMatchObject({ kind: 'CanExploit', key: 'cve:CVE-2012-1823' });
  });

  it('AWS: a Bastion open to a partner /32 only is reached from that restricted Internet entry', async () => {
    const report = await importFixture(store(), 'aws', ['real/aws/custodian-sg-filter/ec2.DescribeInstances_1.json', 'real/aws/custodian-sg-filter/ec2.DescribeSecurityGroups_1.json']);
    expect(report.runId).toBeTruthy();
    const model = await loadModel(store());
    const entry = model.steps.find((s) => s.kind === 'Entry' && model.nodes[s.to]!.id === 'internet:204.63.44.148/32')!;
    expect(entry.p).toBe(0.3); // a restricted public range: p₀ 0.3 against 0.9 for 0.0.0.0/0
    const scoring = scoreModel(model);
    for (const instance of ['i-054efc881391b09be', 'i-0dd3919bc5bac1ea8']) {
      const route = describeRoute(model, routeTo(model.graph, scoring.paths, model.indexOf.get(`aws:instance/${instance}`)!)!);
      expect(route.entry).toBe('internet:204.63.44.148/32');
      expect(route.steps.map((s) => `${s.kind} ${s.key}`)).toEqual(['CanExploit exposed-login:ssh']);
    }
    // The instance open to anyone is reached from the unrestricted Internet.
    const open = describeRoute(model, routeTo(model.graph, scoring.paths, model.indexOf.get('aws:instance/i-0d6fc89a578546fec')!)!);
    expect(open.entry).toBe('internet');
  });

  it('AWS: AdministratorAccess attached to a group without its document in the file still hands over the account', async () => {
    const b = await parseFixture('aws', 'real/aws/cloudsplaining-example_authz_v2.json');
    const keyOf = (e: { kind: string; from: string; to: string; key?: string | null }) => `${e.kind} ${e.from} -> ${e.to} ${e.key ?? ''}`.trim();
    expect(b.edges.map(keyOf)).toEqual(expect.arrayContaining([
      'MemberOf aws:arn:aws:iam::012345678901:user/BlakeBortles -> aws:arn:aws:iam::012345678901:group/GOAT',
      'HasPermission aws:arn:aws:iam::012345678901:group/GOAT -> aws:account/012345678901 *',
    ]));
    // s3:GetObject on "*" reaches the account's buckets, never the account itself.
    expect(b.edges.filter((e) => e.key === 's3:GetObject').map((e) => e.to)).toEqual(expect.arrayContaining(['aws:account/012345678901/s3']));
    expect(b.edges.filter((e) => e.key === 's3:GetObject' && e.to === 'aws:account/012345678901')).toEqual([]);
    const missing = await parseFixture('aws', 'real/aws/cloudsplaining-managed_policy_mismatch.json');
    expect(missing.warnings).toEqual(expect.arrayContaining([expect.stringMatching(/anton-test has managed policy arn:aws:iam::aws:policy\/AWSLambdaReadOnlyAccess whose document is neither in the file nor in the built-in table/)]));
  });

  it('BACnet: the workstation that writes properties and reinitialises the device Controls it (p 0.9)', async () => {
    await importFixture(store(), 'zeek', ['conn', 'bacnet', 'bacnet_discovery', 'bacnet_property', 'bacnet_device_control', 'files'].map((l) => `real/zeek/bacnet-services/${l}.log`));
    const device = await store().getNode('host:192.168.0.24');
    expect(device).toMatchObject({ kind: 'Controller', props: expect.objectContaining({ vendor: 'Acuity Brands Lighting Inc.', bacnetInstance: 108, protocol: 'bacnet' }) });
    const model = await loadModel(store());
    const controls = derived(model, 'Controls').filter((s) => s.to === 'host:192.168.0.24');
    expect(controls).toEqual([expect.objectContaining({ from: 'host:192.168.0.50', key: 'bacnet', p: 0.9 })]);
    expect(controls[0]!.explain).toMatch(/write\/command operations observed/);
    expect(await store().getNode('host:192.168.0.255')).toBeNull();
  });

  it('DNP3: the master that operates the outstation Controls it; the outstation is a Controller', async () => {
    await importFixture(store(), 'zeek', ['conn', 'dnp3', 'dnp3_control', 'dnp3_objects'].map((l) => `real/zeek/dnp3-basic/${l}.log`));
    expect(await store().getNode('host:10.10.20.8')).toMatchObject({ kind: 'Controller', props: expect.objectContaining({ protocol: 'dnp3', role: 'DNP3 outstation' }) });
    const model = await loadModel(store());
    expect(derived(model, 'Controls')).toEqual([expect.objectContaining({ from: 'host:10.10.20.5', to: 'host:10.10.20.8', key: 'dnp3', p: 0.9 })]);
  });

  it('Nmap 7.91 (<!DOCTYPE nmaprun>) from the Internet: exposed logins become exploit steps', async () => {
    await importFixture(store(), 'nmap', 'real/nmap/libnmap-dionaea_scan.xml', { internet: true });
    const model = await loadModel(store());
    const logins = derived(model, 'CanExploit').filter((s) => s.key?.startsWith('exposed-login:'));
    // Open login ports in the file: 23 (telnet) and 445 (SMB); no 22, 3389, 5900 or 5985.
    expect(logins.map((s) => s.key).sort()).toEqual(['exposed-login:smb', 'exposed-login:telnet']);
  });

  it('OpenVPN: a client statistics file is refused and the access path keeps its sessions', async () => {
    await importFixture(store(), 'openvpn', 'real/openvpn/kumina-server2.status', { access: 'vendor-vpn' });
    await expect(importFixture(store(), 'openvpn', 'real/openvpn/kumina-client.status', { access: 'vendor-vpn' })).rejects.toMatchObject({ code: 'BAD_INPUT' });
    expect((await store().getNode('access:vendor-vpn'))?.props).toMatchObject({ sessions: 5 });
  });

  it('SharpHound v6: the session file puts a user on a computer its collection already holds', async () => {
    await importFixture(store(), 'sharphound', ['computers', 'users', 'groups', 'domains', 'sessions'].map((t) => `real/sharphound/v6-ingest/${t}.json`));
    const graph = await store().readSubgraph({ edgeKinds: ['HasSession'] });
    const computer = 'ad:S-1-5-21-3130019616-2776909439-2417379446-1104';
    expect(graph.outEdges(computer).map((e) => graph.target(e))).toContain('ad:S-1-5-21-3130019616-2776909439-2417379446-2117');
  });
});
