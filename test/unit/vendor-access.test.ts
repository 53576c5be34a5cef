/** Vendor remote-access grants (CSV and JSON) and OpenVPN status files (v1, v2, v3, client stats). */
import { describe, expect, it } from 'vitest';
import { parseFixture } from '../helpers/fixtures.js';

describe('vendor-access importer', () => {
  it('CSV: vendors as entry points, one RemoteAccess per access path, grants to hosts and zones; a stale grant is flagged', async () => {
    const b = await parseFixture('vendor-access', 'vendor/grants.csv', { now: '2026-11-23T00:00:00Z' });
    expect(b.nodes.filter((n) => n.kind === 'Vendor').map((n) => [n.id, n.exposure])).toEqual([['vendor:acme-controls', 'vendor'], ['vendor:cooltech', 'vendor']]);
    expect(b.nodes.filter((n) => n.kind === 'RemoteAccess').map((n) => [n.id, n.props])).toEqual([
      ['access:acme-site-to-site-vpn', { method: 'vpn', mfa: false, alwaysOn: true, account: 'SVC-ACME', lastUsed: '2026-11-20' }],
      ['access:ot-jump-host-rdp', { method: 'jump-host', mfa: true, alwaysOn: false, account: 'SVC-ACME', lastUsed: '2026-01-05' }],
      ['access:cooltech-remote-support-tool', { method: 'remote-support', mfa: true, alwaysOn: false, lastUsed: '2026-11-01' }],
    ]);
    expect(b.edges.map((e) => `${e.kind} ${e.from} → ${e.to}`)).toEqual([
      'VendorAccess vendor:acme-controls → access:acme-site-to-site-vpn',
      'ProvidesAccess access:acme-site-to-site-vpn → host:10.30.0.10',
      'ProvidesAccess access:acme-site-to-site-vpn → zone:ot-control',
      'VendorAccess vendor:acme-controls → access:ot-jump-host-rdp',
      'ProvidesAccess access:ot-jump-host-rdp → host:ot-jump01.corp.example',
      'VendorAccess vendor:cooltech → access:cooltech-remote-support-tool',
      'ProvidesAccess access:cooltech-remote-support-tool → host:10.40.0.5',
    ]);
    expect(b.nodes.find((n) => n.id === 'host:10.30.0.10')).toMatchObject({ ref: true, aliases: ['ip:10.30.0.10'] });
    expect(b.nodes.find((n) => n.id === 'host:ot-jump01.corp.example')).toMatchObject({ ref: true, aliases: ['fqdn:ot-jump01.corp.example'] });
    expect(b.warnings).toEqual([expect.stringMatching(/grants\.csv:3: Acme Controls's grant via OT jump host RDP was last used 2026-01-05 \(over 90 days\)/)]);
  });

  it('JSON holds the same grants as the CSV', async () => {
    const csv = await parseFixture('vendor-access', 'vendor/grants.csv', { now: '2026-11-23T00:00:00Z' });
    const json = await parseFixture('vendor-access', 'vendor/grants.json', { now: '2026-11-23T00:00:00Z' });
    expect(json.nodes).toEqual(csv.nodes);
    expect(json.edges.map((e) => [e.kind, e.from, e.to])).toEqual(csv.edges.map((e) => [e.kind, e.from, e.to]));
  });
});

describe('openvpn importer', () => {
  it.each([
    ['status-version 2 (CSV; redacted1 listed twice)', 'real/openvpn/kumina-server2.status'],
    ['status-version 3 (tab-separated)', 'real/openvpn/kumina-server3.status'],
  ])('%s: five distinct sessions on the named access path', async (_name, file) => {
    const b = await parseFixture('openvpn', file, { access: 'Acme site-to-site VPN' });
    expect(b.nodes).toEqual([{
      id: 'access:acme-site-to-site-vpn', kind: 'RemoteAccess', name: 'Acme site-to-site VPN',
      props: { method: 'vpn', sessions: 5, clients: ['redacted1', 'redacted2', 'redacted3', 'redacted4', 'redacted5'], connectedSince: expect.stringMatching(/^2017-03-16T/), statusTime: '2017-03-21T09:39:14.000Z' },
    }]);
    expect(b.edges).toEqual([]);
  });

  it('without client certificates (common name UNDEF) the username names each session (OpenVPN 2.6 layout)', async () => {
    const b = await parseFixture('openvpn', 'vendor/openvpn-undef-cn.status');
    expect(b.nodes[0]!.props).toMatchObject({ sessions: 2, clients: ['alice', 'bob'], connectedSince: '2024-03-23T15:00:00.000Z', statusTime: '2024-03-23T16:00:26.000Z' });
  });

  it('status-version 1 (written from the manual) reads its two sessions', async () => {
    const v1 = await parseFixture('openvpn', 'vendor/openvpn_server1.status');
    expect(v1.nodes[0]).toMatchObject({ id: 'access:openvpn', props: { sessions: 2, clients: ['acme-eng1', 'acme-eng2'], connectedSince: '2026-06-18T04:23:03.000Z', statusTime: '2026-06-18T08:12:15.000Z' } });
  });
});
