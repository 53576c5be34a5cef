/**
 * The scoring model on hand-built estates with exact answers, one test per rule of the issue "scoring a
 * real estate": entries from the directory and the policy file, disabled accounts, Tier Zero by
 * identity (no fix inside it, fixes outside it whatever the criticality), target groups counting one
 * chain once, shared storage, the agent-input fix, costs and constraints, and owned/high-value markers.
 */
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_POLICY, buildModel, describeRoute, findRoutes, fixCandidates, parsePolicy, remediationPlan, routeTo, scoreModel, topKPaths, whatIf,
  type AnalysisModel, type NodeMarker,
} from '@chokepoint/queries';
import { edge, node } from '../helpers/model.js';

const entry = (model: AnalysisModel, id: string) => model.steps.find((s) => s.eid === `entry|${id}`);
const SID = 'S-1-5-21-10-20-30';

describe('entries from the directory and the policy', () => {
  const nodes = [
    node('ad:mail', 'User', { props: { email: 'ann@corp.example', enabled: true } }),
    node('ad:logon', 'User', { props: { lastlogontimestamp: 1_700_000_000, enabled: true } }),
    node('ad:never', 'User', { props: { lastlogon: 0, enabled: true } }),
    node('ad:gone', 'User', { props: { email: 'old@corp.example', enabled: false } }),
    node('ad:adm', 'User', { props: { email: 'adm@corp.example', objectId: `${SID}-1500` } }),
    node('ad:da', 'Group', { name: 'DOMAIN ADMINS@CORP', props: { objectId: `${SID}-512` } }),
    node('ad:it', 'Group', { name: 'IT@CORP' }),
    node('ad:dom', 'Domain', { name: 'CORP', props: { objectId: SID } }),
  ];
  const edges = [
    edge('MemberOf', 'ad:adm', 'ad:it', { p: 1 }), edge('MemberOf', 'ad:it', 'ad:da', { p: 1 }),
    edge('GenericAll', 'ad:da', 'ad:dom', { p: 1 }), edge('ForceChangePassword', 'ad:gone', 'ad:dom', { p: 1 }), edge('GenericAll', 'ad:mail', 'ad:gone', { p: 1 }),
  ];

  it('enabled users with a mailbox or an interactive logon are phishable at the default p₀; disabled accounts are not traversable', () => {
    const model = buildModel(nodes, edges);
    expect(entry(model, 'ad:mail')).toMatchObject({ p: 0.3, key: 'phishable' });
    expect(entry(model, 'ad:mail')!.explain).toMatch(/enabled user with a mailbox\): policy default p₀ 0\.3/);
    expect(entry(model, 'ad:logon')!.explain).toMatch(/interactive logons/);
    expect(entry(model, 'ad:never')).toBeUndefined();
    expect(entry(model, 'ad:gone')).toBeUndefined();
    // Nothing leads into or out of the disabled account.
    expect(model.steps.filter((s) => model.nodes[s.from]!.id === 'ad:gone' || model.nodes[s.to]!.id === 'ad:gone')).toEqual([]);
    const traversing = buildModel(nodes, edges, { policy: parsePolicy({ traverseDisabled: true }) });
    expect(traversing.steps.some((s) => s.eid === 'ForceChangePassword|ad:gone|ad:dom')).toBe(true);
  });

  it('a policy file sets p₀ by (transitive) group with its reason, and its errors name the path', () => {
    const policy = parsePolicy({ entries: { phishable: { p0: 0.25, groups: [{ group: 'rid:512', p0: 0.05, reason: 'admins use FIDO2 keys' }] }, internet: { p0: 0.8 } } });
    const model = buildModel(nodes, edges, { policy });
    expect(entry(model, 'ad:adm')).toMatchObject({ p: 0.05 });
    expect(entry(model, 'ad:adm')!.explain).toMatch(/member of DOMAIN ADMINS@CORP: p₀ 0\.05 \(admins use FIDO2 keys\)/);
    expect(entry(model, 'ad:mail')).toMatchObject({ p: 0.25 });
    expect(entry(model, 'internet')).toMatchObject({ p: 0.8 });
    expect(() => parsePolicy({ entries: { phishable: { p0: 1.5 } } }, 'policy.json')).toThrow(/policy\.json \(entries\.phishable\.p0\): entries\.phishable\.p0: .*expected a scoring policy/);
    expect(() => parsePolicy({ entires: {} }, 'policy.json')).toThrow(/policy\.json.*entires/);
    expect(DEFAULT_POLICY.entries.phishable.p0).toBe(0.3);
  });
});

describe('Tier Zero by identity and target groups', () => {
  const nodes = [
    node('ad:dom', 'Domain', { name: 'CORP', props: { objectId: SID } }),
    node('ad:da', 'Group', { name: 'DOMAIN ADMINS', props: { objectId: `${SID}-512` } }),
    node('ad:dcs', 'Group', { name: 'DOMAIN CONTROLLERS', props: { objectId: `${SID}-516` } }),
    node('ad:dc1', 'Host', { name: 'DC1', props: { objectId: `${SID}-1000` } }),
    node('ad:admin', 'User', { name: 'ADMIN', props: { objectId: `${SID}-1105` } }),
    node('ad:phished', 'User', { name: 'PHISHED', exposure: 'phishable', props: { p0: 0.5 } }),
    node('ews', 'EngineeringWorkstation', { criticality: 9 }), node('plc', 'Controller', { criticality: 10 }),
    node('plc2', 'Controller'), node('zone:cell', 'Zone'),
  ];
  const edges = [
    edge('MemberOf', 'ad:dc1', 'ad:dcs', { p: 1 }), edge('MemberOf', 'ad:admin', 'ad:da', { p: 1 }), edge('GenericAll', 'ad:da', 'ad:dom', { p: 1 }),
    edge('HasSession', 'ad:dc1', 'ad:admin', { p: 0.9 }), edge('AdminTo', 'ad:phished', 'ad:dc1', { p: 0.5 }),
    edge('Controls', 'ews', 'plc', { key: 's7', p: 0.9 }), edge('Controls', 'ews', 'plc2', { key: 's7', p: 0.9 }), edge('AdminTo', 'ad:phished', 'ews', { p: 0.5 }),
    edge('InZone', 'plc', 'zone:cell'), edge('InZone', 'plc2', 'zone:cell'),
  ];
  const model = buildModel(nodes, edges);
  const scoring = scoreModel(model);
  const at = (id: string) => model.indexOf.get(id)!;

  it('DCs, privileged groups and their members are Tier Zero targets at criticality 10; OT controllers of one zone are one group', () => {
    for (const id of ['ad:dom', 'ad:da', 'ad:dcs', 'ad:dc1', 'ad:admin']) {
      expect(model.nodes[at(id)]!.tierZero, id).toBeTruthy();
      expect(model.impact[at(id)], id).toBe(10);
    }
    expect(model.nodes[at('ad:dc1')]!.tierZero).toBe('member of DOMAIN CONTROLLERS (Tier Zero)');
    expect(model.nodes[at('ad:phished')]!.tierZero).toBeFalsy();
    const groupOf = (id: string) => model.groups[model.groupOf[at(id)]!]!;
    expect(groupOf('ad:dc1').id).toBe(`tier0:${SID}`);
    expect(groupOf('ad:dc1').name).toBe('Tier Zero of CORP');
    expect(groupOf('ad:dom')).toBe(groupOf('ad:admin'));
    expect(groupOf('plc').id).toBe('controllers:zone:cell');
    expect(groupOf('plc2')).toBe(groupOf('plc'));
  });

  it('total risk sums groups: one chain through the DC, its admin and the domain counts once', () => {
    // Tier Zero: 0.5 · 0.5 (DC1) · criticality 10 is the group's best; the OT group's best is the PLC at 0.5·0.5·0.9·10.
    expect(scoring.risk[at('ad:dc1')]).toBeCloseTo(2.5, 12);
    expect(scoring.risk[at('ad:dom')]).toBeCloseTo(0.5 * 0.5 * 0.9 * 10, 12);
    const groupTotal = 2.5 + 0.5 * 0.5 * 0.9 * 10 + 0.5 * 0.5 * 9; // Tier Zero, the cell's controllers, the EWS
    expect(scoring.total).toBeCloseTo(groupTotal, 12);
    const perTarget = model.targets.reduce((s, t) => s + scoring.risk[t]!, 0);
    expect(perTarget).toBeGreaterThan(scoring.total + 5);
  });

  it('no fix inside Tier Zero; an EWS rated 9 controlling a PLC rated 10 gets one', () => {
    const fixes = fixCandidates(model);
    expect(fixes.has('edge:MemberOf|ad:admin|ad:da')).toBe(false);
    expect(fixes.has('edge:HasSession|ad:dc1|ad:admin')).toBe(false);
    expect(fixes.get('edge:Controls|ews|plc|s7')?.action).toBe('Restrict ews from commanding plc');
    expect(fixes.has('edge:AdminTo|ad:phished|ad:dc1')).toBe(true);
  });
});

describe('shared storage, the agent-input fix, zone vantage', () => {
  it('write access to a share a host executes from is code execution on the host; mounting read-only cuts it', () => {
    const model = buildModel([
      node('u', 'User', { exposure: 'phishable', props: { p0: 0.5 } }), node('share', 'DataStore', { criticality: 3 }),
      node('app', 'Host', { criticality: 9 }), node('web', 'Host', { criticality: 9 }),
    ], [
      edge('GenericWrite', 'u', 'share', { p: 0.8 }),
      edge('Mounts', 'app', 'share', { props: { executes: true } }), edge('Mounts', 'web', 'share'),
    ]);
    const scoring = scoreModel(model);
    expect(scoring.risk[model.indexOf.get('app')!]).toBeCloseTo(0.5 * 0.8 * 0.9 * 9, 12);
    expect(scoring.risk[model.indexOf.get('web')!]).toBeCloseTo(0.5 * 0.8 * 0.6 * 9, 12);
    const route = describeRoute(model, routeTo(model.graph, scoring.paths, model.indexOf.get('app')!)!);
    expect(route.steps.map((s) => s.kind)).toEqual(['GenericWrite', 'TaintSharedContent']);
    expect(route.steps[1]!.explain).toMatch(/app mounts share and runs code from it/);
    expect(whatIf(model, { fixes: ['mount-readonly:Mounts|app|share'] }).targets.map((t) => [t.id, t.after])).toEqual([['app', 0]]);
  });

  it('an injected agent is one route (through its untrusted input), and human approval cuts it', () => {
    const model = buildModel([
      node('internet', 'Internet'), node('agent', 'AiAgent', { exposure: 'untrusted-input' }), node('db', 'DataStore', { criticality: 9 }),
    ], [
      edge('ReadsUntrusted', 'internet', 'agent', { key: 'inbound-email', p: 0.5 }), edge('CanInvoke', 'agent', 'db', { p: 0.8 }),
    ]);
    expect(entry(model, 'agent')).toBeUndefined(); // entered through ReadsUntrusted, not twice
    const routes = topKPaths(model, model.indexOf.get('db')!, 5);
    expect(routes).toHaveLength(1);
    const r = whatIf(model, { fixes: ['agent-input:agent'] });
    expect(r.before).toBeCloseTo(0.9 * 0.5 * 0.8 * 9, 12);
    expect(r.after).toBe(0);
  });

  it('a host in a zone that a scan --from saw reaching a KEV service chains two KEV exploits', () => {
    const kev = { kev: true, cvss3Vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' };
    const model = buildModel([
      node('internet', 'Internet'), node('zone:dmz', 'Zone'), node('web', 'Host'), node('db', 'Host', { criticality: 9 }),
      node('svc:web', 'Service', { props: { port: 443 } }), node('svc:db', 'Service', { props: { port: 1433 } }),
      node('cve:1', 'Vulnerability', { props: kev }), node('cve:2', 'Vulnerability', { props: kev }),
    ], [
      edge('Runs', 'web', 'svc:web'), edge('Runs', 'db', 'svc:db'), edge('HasVulnerability', 'svc:web', 'cve:1'), edge('HasVulnerability', 'svc:db', 'cve:2'),
      edge('CanReach', 'internet', 'svc:web'), edge('CanReach', 'zone:dmz', 'svc:db'), edge('InZone', 'web', 'zone:dmz'),
    ]);
    const scoring = scoreModel(model);
    expect(scoring.total).toBeCloseTo(0.9 * 0.95 * 1 * 0.95 * 9, 12);
    const route = describeRoute(model, routeTo(model.graph, scoring.paths, model.indexOf.get('db')!)!);
    expect(route.steps.map((s) => `${s.kind} ${s.to}`)).toEqual(['CanExploit web', 'OnSegment zone:dmz', 'CanExploit db']);
  });
});

describe('costs, constraints and plans', () => {
  const kevWeb = () => [
    [node('internet', 'Internet'), node('web', 'Host', { criticality: 9 }), node('svc', 'Service', { props: { port: 443 } }),
      node('cve:x', 'Vulnerability', { props: { kev: true, cvss3Vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' } })],
    [edge('Runs', 'web', 'svc'), edge('HasVulnerability', 'svc', 'cve:x'), edge('CanReach', 'internet', 'svc')],
  ] as const;

  it('patching a KEV flaw beats taking the service off the Internet by default; constraints and overrides change that', () => {
    const [nodes, edges] = kevWeb();
    expect(remediationPlan(buildModel([...nodes], [...edges])).rows[0]!.fixId).toBe('patch:cve:x');
    const cannotPatch = buildModel([...nodes], [...edges], { policy: parsePolicy({ constraints: { cannotPatch: ['web'] } }) });
    expect(fixCandidates(cannotPatch).has('patch:cve:x')).toBe(false);
    expect(remediationPlan(cannotPatch).rows[0]!.fixId).toBe('close-internet:svc');
    const exposed = buildModel([...nodes.map((n) => (n.id === 'web' ? { ...n, props: { must_stay_exposed: 'yes' } } : n))], [...edges]);
    expect(fixCandidates(exposed).has('close-internet:svc')).toBe(false);
    const cheapClose = buildModel([...nodes], [...edges], { policy: parsePolicy({ costs: { closeInternet: 0.5 } }) });
    expect(remediationPlan(cheapClose).rows[0]!.fixId).toBe('close-internet:svc');
    const dearPatch = buildModel([...nodes], [...edges], { policy: parsePolicy({ costs: { families: { patch: 8 }, nodes: { web: 2 } } }) });
    expect(fixCandidates(dearPatch).get('patch:cve:x')!.cost).toBe(16);
  });

  it('the plan orders by risk removed per person-day, not by risk removed', () => {
    // Two separate chains: a cheap membership (cost 1) removes 0.5·0.8·9 = 3.6; a segmentation-priced zone
    // step removes more (0.9·0.95·9 ≈ 7.7) but costs far more per unit of risk.
    const model = buildModel([
      node('u', 'User', { exposure: 'phishable', props: { p0: 0.5 } }), node('g', 'Group'), node('a', 'Host', { criticality: 9 }),
      node('internet', 'Internet'), node('b', 'Host', { criticality: 9 }),
    ], [
      edge('MemberOf', 'u', 'g', { p: 0.8 }), edge('AdminTo', 'g', 'a', { p: 1 }), edge('Controls', 'internet', 'b', { key: 'modbus', p: 0.95 }),
    ], { policy: parsePolicy({ costs: { families: { 'ot-command-control': 40 } } }) });
    const plan = remediationPlan(model);
    const first = plan.rows[0]!;
    expect(first.riskRemoved / first.cost).toBeGreaterThan(plan.rows[1]!.riskRemoved / plan.rows[1]!.cost);
    expect(first.riskRemoved).toBeLessThan(plan.rows[1]!.riskRemoved);
  });

  it('two equally likely vendor grants into one workstation: no single fix helps, the plan takes both', () => {
    const model = buildModel([
      node('v1', 'Vendor'), node('v2', 'Vendor'), node('ra1', 'RemoteAccess'), node('ra2', 'RemoteAccess'), node('ws', 'Host', { criticality: 9 }),
    ], [
      edge('VendorAccess', 'v1', 'ra1', { p: 0.5 }), edge('VendorAccess', 'v2', 'ra2', { p: 0.5 }),
      edge('ProvidesAccess', 'ra1', 'ws', { p: 1 }), edge('ProvidesAccess', 'ra2', 'ws', { p: 1 }),
    ]);
    expect(whatIf(model, { fixes: ['edge:VendorAccess|v1|ra1'] }).removed).toBe(0);
    const plan = remediationPlan(model);
    expect(plan.totalBefore).toBeCloseTo(0.6 * 0.5 * 9, 12);
    expect(plan.totalAfter).toBe(0);
    expect(plan.rows).toHaveLength(2);
    expect(plan.rows[0]!.together).toEqual([plan.rows[1]!.fixId]);
    expect(plan.rows[0]!.explain).toMatch(/part of a cut set of 2 fixes/);
  });
});

describe('routes from anywhere, interchangeable entries, markers', () => {
  const members = ['a', 'b', 'c'].map((x) => node(`u:${x}`, 'User', { name: `user-${x}`, exposure: 'phishable', props: { p0: 0.3 } }));
  const model = (markers: NodeMarker[] = []) => buildModel([
    ...members, node('help', 'Group', { name: 'HELPDESK' }), node('srv', 'Host', { name: 'srv01', aliases: ['ip:10.0.0.5'] }),
    node('dom', 'Domain', { name: 'CORP' }), node('vpn', 'Vendor'),
  ], [
    ...members.map((m) => edge('MemberOf', m.id, 'help', { p: 1 })), edge('AdminTo', 'help', 'srv', { p: 0.5 }), edge('GenericAll', 'srv', 'dom', { p: 0.2 }),
    edge('GenericAll', 'vpn', 'srv', { p: 0.1 }),
  ], { markers });

  it('k routes are k different ways in: HELPDESK members count once with the others named', () => {
    const m = model();
    const grouped = topKPaths(m, m.indexOf.get('dom')!, 3, { groupEntries: true });
    expect(grouped).toHaveLength(2); // the helpdesk way and the vendor way
    expect(grouped[0]!.alike.map((i) => m.nodes[i]!.id).sort()).toEqual(['u:b', 'u:c']);
    const route = describeRoute(m, grouped[0]!.positions, m.graph.weights, grouped[0]!.alike);
    expect(route.explain).toMatch(/^3 entries like this \(user-a, user-b, user-c\)/);
    expect(topKPaths(m, m.indexOf.get('dom')!, 3)).toHaveLength(3); // ungrouped: three members
  });

  it('from any node to any node by name or alias; owned nodes are entries at p₀ 1; high-value nodes are targets', () => {
    const m = model();
    const [r] = findRoutes(m, scoreModel(m), { from: ['10.0.0.5'], to: ['CORP'], k: 2, maxSteps: 5, targets: 5 });
    expect(r!.routes.map((x) => [x.entry, x.p0, x.risk])).toEqual([['srv', 1, expect.closeTo(0.2 * 10, 12)]]);
    expect(() => findRoutes(m, scoreModel(m), { from: ['USER'], k: 1, maxSteps: 5, targets: 5 })).toThrow(/names 3 nodes — use an id/);
    const owned = model([{ nodeId: 'srv', marker: 'owned', by: 'alice', at: '2026-12-01T00:00:00Z' }, { nodeId: 'help', marker: 'high-value', by: 'alice', at: '2026-12-01T00:00:00Z' }]);
    expect(entry(owned, 'srv')).toMatchObject({ p: 1, key: 'owned' });
    expect(entry(owned, 'srv')!.explain).toMatch(/assumed breach: marked owned by alice/);
    expect(owned.targets.map((t) => owned.nodes[t]!.id)).toContain('help');
    expect(scoreModel(owned).risk[owned.indexOf.get('dom')!]).toBeCloseTo(0.2 * 10, 12);
  });
});

describe('assumptions for what was not collected (off by default)', () => {
  const nodes = [
    node('u', 'User', { exposure: 'phishable', props: { p0: 0.5 } }), node('zone:unsurveyed', 'Zone'), node('zone:scanned', 'Zone'),
    node('a', 'Host'), node('b', 'Host', { criticality: 9 }), node('c', 'Host'), node('d', 'Host', { criticality: 9 }), node('svc:d', 'Service', { props: { port: 8443 } }),
  ];
  const edges = [
    edge('AdminTo', 'u', 'a', { p: 0.5 }), edge('InZone', 'a', 'zone:unsurveyed'), edge('InZone', 'b', 'zone:unsurveyed'),
    edge('AdminTo', 'u', 'c', { p: 0.5 }), edge('InZone', 'c', 'zone:scanned'), edge('InZone', 'd', 'zone:scanned'),
    edge('Runs', 'd', 'svc:d'), edge('CanReach', 'zone:scanned', 'svc:d', { key: 'tcp/8443' }),
  ];

  it('zone-lateral: machines of a zone no scan or flow covers reach each other, marked as assumed; a surveyed zone gets none', () => {
    const observed = buildModel(nodes, edges);
    expect(scoreModel(observed).risk[observed.indexOf.get('b')!]).toBe(0);
    const assumed = buildModel(nodes, edges, { assume: ['zone-lateral'] });
    const scoring = scoreModel(assumed);
    expect(scoring.risk[assumed.indexOf.get('b')!]).toBeCloseTo(0.5 * 0.5 * 0.2 * 9, 12);
    const route = describeRoute(assumed, routeTo(assumed.graph, scoring.paths, assumed.indexOf.get('b')!)!);
    expect(route.steps.map((x) => [x.kind, x.key, x.assumed])).toEqual([['AdminTo', null, false], ['CanExploit', 'assumed:zone-lateral', true]]);
    expect(route.steps[1]!.explain).toMatch(/^ASSUMPTION \(no scan or flow covers zone:unsurveyed\)/);
    expect(assumed.steps.filter((x) => x.assumed).map((x) => x.eid).sort()).toEqual(['CanExploit|a|b|assumed:zone-lateral', 'CanExploit|b|a|assumed:zone-lateral']);
    expect(scoreModel(assumed).risk[assumed.indexOf.get('d')!]).toBe(scoreModel(observed).risk[observed.indexOf.get('d')!]);
  });
});

describe('the group-sessions assumption', () => {
  it('on a computer with no observed session, the members of its admin group may have sessions there; observed computers get none', () => {
    const nodes = [
      node('u', 'User', { exposure: 'phishable', props: { p0: 0.5 } }), node('admin', 'User', { criticality: 9 }), node('admins', 'Group'),
      node('pc1', 'Host'), node('pc2', 'Host'), node('other', 'User'),
    ];
    const edges = [
      edge('AdminTo', 'u', 'pc1', { p: 0.5 }), edge('MemberOf', 'admin', 'admins', { p: 1 }), edge('AdminTo', 'admins', 'pc1', { p: 1 }),
      edge('AdminTo', 'admins', 'pc2', { p: 1 }), edge('HasSession', 'pc2', 'other', { p: 0.8 }),
    ];
    expect(scoreModel(buildModel(nodes, edges)).risk[buildModel(nodes, edges).indexOf.get('admin')!]).toBe(0);
    const assumed = buildModel(nodes, edges, { assume: ['group-sessions'] });
    // pc1: its direct admin u and the admins group's user; pc2 had a session observed, so nothing is assumed there.
    expect(assumed.steps.filter((x) => x.assumed).map((x) => x.eid).sort()).toEqual(['HasSession|pc1|admin|assumed:group-sessions', 'HasSession|pc1|u|assumed:group-sessions']);
    const scoring = scoreModel(assumed);
    expect(scoring.risk[assumed.indexOf.get('admin')!]).toBeCloseTo(0.5 * 0.5 * 0.3 * 9, 12);
  });
});
