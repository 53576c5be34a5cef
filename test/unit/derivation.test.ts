/** Derivation rules, exploit probabilities and route flags, each on a hand-built graph with an exact answer. */
import { describe, expect, it } from 'vitest';
import {
  buildModel, describeRoute, exploitProbability, exploitability, isRemote, normaliseCvssVector, parseCvssVector, routeTo, scoreModel, topKPaths, type AnalysisModel, type StoredEdge, type StoredNode,
} from '@chokepoint/queries';
import { edge, node } from '../helpers/model.js';

const derived = (model: AnalysisModel, kind: string) => model.steps.filter((s) => s.kind === kind && s.derived)
  .map((s) => ({ from: model.nodes[s.from]!.id, to: model.nodes[s.to]!.id, key: s.key, p: s.p, facts: s.facts }));

/** A web host on the Internet and in a DMZ, an app server behind it, one PLC. */
function estate(extraNodes: StoredNode[] = [], extraEdges: StoredEdge[] = []) {
  const nodes = [
    node('internet', 'Internet', { exposure: 'internet' }),
    node('zone:dmz', 'Zone'), node('zone:ot', 'Zone', { domain: 'ot', purdueLevel: 1 }),
    node('web', 'Host'), node('svc:web:443', 'Service', { props: { port: 443, protocol: 'tcp' } }), node('svc:web:22', 'Service', { props: { port: 22, protocol: 'tcp' } }),
    node('cve:kev', 'Vulnerability', { props: { cvss3: 9.8, cvss3Vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', kev: true } }),
    node('cve:epss', 'Vulnerability', { props: { cvss2: 7.5, cvss2Vector: 'AV:N/AC:L/Au:N/C:P/I:P/A:P', epss: 0.42 } }),
    node('cve:local', 'Vulnerability', { props: { cvss3: 7.8, cvss3Vector: 'CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H', kev: true } }),
    node('plc', 'Controller', { criticality: 10, purdueLevel: 1 }), node('svc:plc:502', 'Service', { props: { port: 502, protocol: 'tcp' } }),
    node('hmi', 'Hmi', { purdueLevel: 2 }),
    ...extraNodes,
  ];
  const edges = [
    edge('Runs', 'web', 'svc:web:443'), edge('Runs', 'web', 'svc:web:22'), edge('InZone', 'web', 'zone:dmz'),
    edge('CanReach', 'internet', 'svc:web:443', { key: 'tcp/443' }), edge('CanReach', 'internet', 'svc:web:22', { key: 'tcp/22' }),
    edge('HasVulnerability', 'svc:web:443', 'cve:kev'), edge('HasVulnerability', 'svc:web:443', 'cve:epss'), edge('HasVulnerability', 'svc:web:443', 'cve:local'),
    edge('Runs', 'plc', 'svc:plc:502'), edge('InZone', 'plc', 'zone:ot'),
    ...extraEdges,
  ];
  return buildModel(nodes, edges);
}

describe('exploit probability', () => {
  it('reads CVSS vectors in every published prefix form; the newest version present decides remoteness', () => {
    // Nessus writes CVSS2#…, NVD v2 (…) or bare, v3 CVSS:3.0/3.1, v4 CVSS:4.0.
    for (const v2 of ['CVSS2#AV:N/AC:L/Au:N/C:P/I:P/A:P', '(AV:N/AC:L/Au:N/C:P/I:P/A:P)', 'AV:N/AC:L/Au:N/C:P/I:P/A:P']) {
      expect(parseCvssVector(v2)).toMatchObject({ version: 2, vector: 'AV:N/AC:L/Au:N/C:P/I:P/A:P' });
      expect(exploitability(v2)!.value).toBeCloseTo(1, 3);
      expect(isRemote({ cvss2Vector: v2 })).toBe(true);
    }
    expect(parseCvssVector('CVSS:3.0/AV:A/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H')).toMatchObject({ version: 3, vector: 'CVSS:3.0/AV:A/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' });
    const v4 = 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N';
    expect(parseCvssVector(v4)).toMatchObject({ version: 4 });
    expect(exploitability(v4)).toBeNull(); // v4 defines no exploitability sub-score: the base score is used
    expect(exploitProbability({ cvss4Vector: v4, cvss4: 9.3 })!.p).toBeCloseTo(0.465, 9);
    expect(isRemote({ cvss3Vector: 'CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H', cvss2Vector: 'CVSS2#AV:N/AC:L/Au:N/C:P/I:P/A:P' })).toBe(false);
    expect(parseCvssVector('not a vector')).toBeNull();
    expect(normaliseCvssVector('CVSS2#AV:N/AC:M/Au:N/C:P/I:N/A:N')).toBe('AV:N/AC:M/Au:N/C:P/I:N/A:N');
  });

  it('takes the strongest evidence: KEV over CVSS, EPSS over CVSS, public exploit', () => {
    expect(exploitability('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H')!.value).toBeCloseTo(1, 9);
    expect(exploitability('CVSS:3.1/AV:N/AC:H/PR:L/UI:R/S:U/C:H/I:H/A:H')!.value).toBeCloseTo((0.85 * 0.44 * 0.62 * 0.62) / (0.85 * 0.77 * 0.85 * 0.85), 9);
    expect(exploitability('AV:N/AC:L/Au:N/C:P/I:P/A:P')!.value).toBeCloseTo(1, 3);
    expect(exploitProbability({ cvss3Vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', kev: true })!.p).toBe(0.95);
    expect(exploitProbability({ cvss2Vector: 'AV:N/AC:L/Au:N/C:P/I:P/A:P', epss: 0.42 })!.p).toBeCloseTo(0.5, 3);
    expect(exploitProbability({ cvss2Vector: 'AV:N/AC:L/Au:N/C:P/I:P/A:P', epss: 0.97 })!.p).toBe(0.97);
    expect(exploitProbability({ cvss3: 6, remote: true })!.p).toBeCloseTo(0.3, 9);
    expect(exploitProbability({ cvss3: 6, remote: true, exploitAvailable: true })!.p).toBe(0.7);
    expect(exploitProbability({ cvss3Vector: 'CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H', kev: true })).toBeNull();
    expect(exploitProbability({ cvss3: 9.8 })).toBeNull(); // no vector, not marked remote: not a network step
    expect(exploitProbability({ remote: true })!.explain).toMatch(/remote, no score → 0.25/);
  });
});

describe('derivation rules', () => {
  it('R3/R4: Internet reach + remote flaw ⇒ CanExploit per finding, local flaws never; exposed SSH ⇒ login step', () => {
    const model = estate();
    const steps = derived(model, 'CanExploit');
    expect(steps.map((s) => [s.from, s.to, s.key, s.p])).toEqual(expect.arrayContaining([
      ['internet', 'web', 'cve:kev', 0.95],
      ['internet', 'web', 'cve:epss', 0.5],
      ['internet', 'web', 'exposed-login:ssh', 0.2],
    ]));
    expect(steps).toHaveLength(3);
    expect(steps.find((s) => s.key === 'cve:kev')!.facts).toEqual(['CanReach|internet|svc:web:443|tcp/443', 'Runs|web|svc:web:443', 'HasVulnerability|svc:web:443|cve:kev']);
    const fixes = [...model.fixes.keys()];
    expect(fixes).toEqual(expect.arrayContaining(['patch:cve:kev', 'patch:cve:epss', 'close-internet:svc:web:443', 'close-internet:svc:web:22']));
    expect(fixes).not.toContain('patch:cve:local');
  });

  it('R2: a machine marked internet-facing without a reach fact is reachable from the Internet (not an entry itself)', () => {
    const model = estate([node('kiosk', 'Host', { exposure: 'internet' }), node('svc:kiosk:3389', 'Service', { props: { port: 3389 } })], [edge('Runs', 'kiosk', 'svc:kiosk:3389')]);
    expect(derived(model, 'CanExploit').filter((s) => s.to === 'kiosk').map((s) => [s.from, s.key, s.facts])).toEqual([['internet', 'exposed-login:rdp', ['Runs|kiosk|svc:kiosk:3389', 'node:kiosk']]]);
    expect(model.entries.map((i) => model.nodes[i]!.id)).toEqual(['internet']);
  });

  it('R5: an HMI speaking Modbus to a PLC ⇒ Controls p 0.9; an IT host without observed writes ⇒ p 0.6 plus an allow-list fix', () => {
    const model = estate([node('laptop', 'Host')], [
      edge('CanReach', 'hmi', 'svc:plc:502', { key: 'tcp/502', props: { services: ['modbus'], writes: 12 } }),
      edge('CanReach', 'laptop', 'svc:plc:502', { key: 'tcp/502', props: { services: ['modbus'], writes: 0 } }),
    ]);
    expect(derived(model, 'Controls').map((s) => [s.from, s.to, s.key, s.p])).toEqual([['hmi', 'plc', 'modbus', 0.9], ['laptop', 'plc', 'modbus', 0.6]]);
    const laptopStep = model.steps.find((s) => s.kind === 'Controls' && model.nodes[s.from]!.id === 'laptop')!;
    expect(laptopStep.fixIds).toEqual(['filter:laptop|svc:plc:502', 'ot-allowlist:plc']);
  });

  it('R6 + vendor rule: a vendor grant into an OT zone is an entry whose route reaches the PLC; MFA scales the grant', () => {
    const model = estate([
      node('vendor:acme', 'Vendor', { exposure: 'vendor' }),
      node('access:acme-vpn', 'RemoteAccess', { props: { method: 'vpn', mfa: false, alwaysOn: true } }),
      node('vendor:mfa', 'Vendor', { exposure: 'vendor' }),
      node('access:portal', 'RemoteAccess', { props: { method: 'portal', mfa: true, alwaysOn: false } }),
    ], [
      edge('VendorAccess', 'vendor:acme', 'access:acme-vpn'), edge('ProvidesAccess', 'access:acme-vpn', 'zone:ot'),
      edge('VendorAccess', 'vendor:mfa', 'access:portal'),
    ]);
    const grant = (to: string) => model.steps.find((s) => s.kind === 'VendorAccess' && model.nodes[s.to]!.id === to)!;
    expect(grant('access:acme-vpn').p).toBe(0.6);
    expect(grant('access:portal').p).toBeCloseTo(0.6 * 0.3 * 0.5, 12);
    expect(grant('access:acme-vpn').fixIds).toContain('mfa-access:access:acme-vpn');
    const scoring = scoreModel(model);
    const plc = model.indexOf.get('plc')!;
    const route = describeRoute(model, routeTo(model.graph, scoring.paths, plc)!);
    expect(route.entry).toBe('vendor:acme');
    expect(route.steps.map((s) => `${s.kind}:${s.to}`)).toEqual(['VendorAccess:access:acme-vpn', 'ProvidesAccess:zone:ot', 'Controls:plc']);
    expect(route.risk).toBeCloseTo(0.6 * 0.6 * 0.9 * 0.6 * 10, 12);
    expect(route.flags).toEqual(['vendor→ot']);
    expect(route.explain).toMatch(/^risk = p₀ 0.6 .* × criticality 10 = 1.944$/);
  });

  it('top-k keeps parallel steps of different kinds as different routes', () => {
    const model = buildModel([
      node('u', 'User', { exposure: 'phishable' }), node('v', 'User'), node('t', 'User', { criticality: 9 }),
    ], [edge('GenericAll', 'u', 'v', { p: 0.9 }), edge('ForceChangePassword', 'u', 'v', { p: 0.5 }), edge('AddKeyCredentialLink', 'v', 't', { p: 0.8 })]);
    const routes = topKPaths(model, model.indexOf.get('t')!, 5).map((p) => describeRoute(model, p.positions));
    expect(routes.map((r) => r.steps.map((s) => s.kind).join('>'))).toEqual(['GenericAll>AddKeyCredentialLink', 'ForceChangePassword>AddKeyCredentialLink']);
    expect(routes.map((r) => r.risk)).toEqual([0.3 * 0.9 * 0.8 * 9, 0.3 * 0.5 * 0.8 * 9].map((x) => expect.closeTo(x, 12)));
  });

  it('flags IT→OT, cloud→on-prem and Purdue jumps on a route', () => {
    const model = buildModel([
      node('role', 'Role', { domain: 'cloud', exposure: 'vendor' }),
      node('ews', 'EngineeringWorkstation', { domain: 'it', purdueLevel: 3.5 }),
      node('plc', 'Controller', { purdueLevel: 1, criticality: 9 }),
    ], [edge('HasPermission', 'role', 'ews'), edge('Controls', 'ews', 'plc')]);
    const scoring = scoreModel(model);
    const route = describeRoute(model, routeTo(model.graph, scoring.paths, model.indexOf.get('plc')!)!);
    expect(route.flags).toEqual(['it→ot', 'cloud→on-prem']);
    expect(route.purdueJumps).toEqual([{ from: 'ews', to: 'plc', fromLevel: 3.5, toLevel: 1 }]);
  });
});
