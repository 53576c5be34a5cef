/**
 * Exports the demo estate as the real formats its sources stand for, so the importers can be checked
 * against ground truth: SharpHound v6 JSON (AD), AWS CLI JSON (IAM + EC2 + security groups), the
 * vendor-access CSV and the agent inventory (YAML). The other sources (network scan, OT and IoT
 * inventories) stay GraphBatch JSON, and so do the facts the real formats cannot carry (which users are
 * phishable, criticality, the CVE a scanner found on the web server, buckets no policy names): `extras.json`.
 */
import { stringify as toYaml } from 'yaml';
import { stringify as toCsv } from 'csv-stringify/sync';
import type { BatchEdge, BatchNode, GraphBatch } from '@chokepoint/queries';
import type { DemoEstate } from './estate.js';

export interface ExportedFile {
  /** Relative path, e.g. `sharphound/users.json`. */
  path: string;
  /** The importer format that reads it. */
  format: string;
  content: string;
}

const byId = (b: GraphBatch) => new Map(b.nodes.map((n) => [n.id, n]));
const json = (v: unknown) => `${JSON.stringify(v, null, 1)}\n`;
const ACL_RIGHTS = new Set(['GenericAll', 'GenericWrite', 'WriteDacl', 'WriteOwner', 'Owns', 'ForceChangePassword', 'AddMember', 'AddKeyCredentialLink', 'AllExtendedRights']);

function sharpHound(ad: GraphBatch): ExportedFile[] {
  const nodes = byId(ad);
  const sidOf = (id: string) => id.replace(/^ad:/, '');
  const typeOf = (id: string) => ({ User: 'User', ServiceAccount: 'User', Group: 'Group', Host: 'Computer', Domain: 'Domain' } as Record<string, string>)[nodes.get(id)!.kind]!;
  const domain = ad.nodes.find((n) => n.kind === 'Domain')!;
  const domainSid = sidOf(domain.id);
  const base = (n: BatchNode) => ({ ObjectIdentifier: sidOf(n.id), IsDeleted: false, IsACLProtected: false, Properties: { name: n.name, domain: domain.name, domainsid: domainSid, ...(n.props?.gmsa ? { gmsa: true } : {}) } });
  const aces = (id: string) => ad.edges.filter((e) => e.to === id && ACL_RIGHTS.has(e.kind))
    .map((e) => ({ PrincipalSID: sidOf(e.from), PrincipalType: typeOf(e.from), RightName: e.kind, IsInherited: false }));
  const of = (kinds: string[]) => ad.nodes.filter((n) => kinds.includes(n.kind));
  const file = (type: string, data: unknown[]) => ({ path: `sharphound/${type}.json`, format: 'sharphound', content: json({ data, meta: { methods: 0, type, count: data.length, version: 6 } }) });
  const members = (group: string) => ad.edges.filter((e) => e.kind === 'MemberOf' && e.to === group).map((e) => ({ ObjectIdentifier: sidOf(e.from), ObjectType: typeOf(e.from) }));
  const local = (host: string, kind: string, rid: number, name: string) => ({
    Collected: true, FailureReason: null, Name: `${name}@${nodes.get(host)!.name.split('.')[0]}`, ObjectIdentifier: `${sidOf(host)}-${rid}`,
    Results: ad.edges.filter((e) => e.kind === kind && e.to === host).map((e) => ({ ObjectIdentifier: sidOf(e.from), ObjectType: typeOf(e.from) })),
  });
  return [
    file('domains', [{ ...base(domain), Aces: aces(domain.id), Trusts: [], Links: [], ChildObjects: [] }]),
    file('groups', of(['Group']).map((g) => ({ ...base(g), Members: members(g.id), Aces: aces(g.id) }))),
    file('users', of(['User', 'ServiceAccount']).map((u) => ({ ...base(u), Aces: aces(u.id), AllowedToDelegate: [], HasSIDHistory: [], SpnTargets: [] }))),
    file('computers', of(['Host']).map((h) => ({
      ...base(h), Aces: aces(h.id),
      Sessions: { Collected: true, FailureReason: null, Results: ad.edges.filter((e) => e.kind === 'HasSession' && e.from === h.id).map((e) => ({ UserSID: sidOf(e.to), ComputerSID: sidOf(h.id) })) },
      LocalGroups: [local(h.id, 'AdminTo', 544, 'ADMINISTRATORS'), local(h.id, 'CanRdp', 555, 'REMOTE DESKTOP USERS')],
      AllowedToDelegate: [], AllowedToAct: [], HasSIDHistory: [],
    }))),
  ];
}

function aws(cloud: GraphBatch): ExportedFile[] {
  const nodes = byId(cloud);
  const arn = (id: string) => id.replace(/^aws:/, '');
  const roles = cloud.nodes.filter((n) => n.kind === 'Role');
  const profile = (role: BatchNode) => arn(role.id).replace(':role/', ':instance-profile/');
  const reads = (role: string) => cloud.edges.filter((e) => e.kind === 'HasPermission' && e.from === role).map((e) => `${arn(e.to)}/*`);
  const gaad = {
    UserDetailList: [], GroupDetailList: [], Policies: [],
    RoleDetailList: roles.map((r) => ({
      RoleName: r.name, Arn: arn(r.id), Path: '/',
      AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
      AttachedManagedPolicies: [],
      RolePolicyList: reads(r.id).length ? [{ PolicyName: 'data-access', PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: reads(r.id) }] } }] : [],
      InstanceProfileList: [{ Arn: profile(r), InstanceProfileName: r.name }],
    })),
  };
  const exposed = cloud.edges.filter((e) => e.kind === 'CanReach' && nodes.get(e.from)?.kind === 'Internet');
  const hostOfService = (svc: string) => cloud.edges.find((e) => e.kind === 'Runs' && e.to === svc)!.from;
  const groupOf = (host: string) => `sg-${nodes.get(host)!.name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`;
  const instances = cloud.nodes.filter((n) => n.kind === 'Host').map((h) => {
    const role = cloud.edges.find((e) => e.kind === 'RunsAs' && e.from === h.id)?.to;
    return {
      InstanceId: h.id.replace(/^aws:instance\//, ''), State: { Name: 'running' }, Tags: [{ Key: 'Name', Value: h.name }],
      SecurityGroups: exposed.some((e) => hostOfService(e.to) === h.id) ? [{ GroupId: groupOf(h.id) }] : [],
      ...(role ? { IamInstanceProfile: { Arn: profile(nodes.get(role)!) } } : {}),
    };
  });
  const groups = exposed.map((e) => {
    const svc = nodes.get(e.to)!;
    return { GroupId: groupOf(hostOfService(e.to)), GroupName: groupOf(hostOfService(e.to)), IpPermissions: [{ IpProtocol: String(svc.props!.protocol), FromPort: svc.props!.port, ToPort: svc.props!.port, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] };
  });
  return [
    { path: 'aws/iam-authorization-details.json', format: 'aws', content: json(gaad) },
    { path: 'aws/ec2-instances.json', format: 'aws', content: json({ Reservations: [{ Instances: instances }] }) },
    { path: 'aws/ec2-security-groups.json', format: 'aws', content: json({ SecurityGroups: groups }) },
  ];
}

function vendorCsv(vendor: GraphBatch): ExportedFile {
  const nodes = byId(vendor);
  const rows = vendor.edges.filter((e) => e.kind === 'VendorAccess').map((grant) => {
    const access = nodes.get(grant.to)!;
    const targets = vendor.edges.filter((e) => e.kind === 'ProvidesAccess' && e.from === access.id).map((e) => e.to.replace(/^host:/, ''));
    return { vendor: nodes.get(grant.from)!.name, method: access.props!.method, access: access.name, account: access.props!.account ?? '', targets: targets.join(';'), mfa: access.props!.mfa, always_on: access.props!.alwaysOn };
  });
  return { path: 'vendor-access/grants.csv', format: 'vendor-access', content: toCsv(rows, { header: true, cast: { boolean: (v) => String(v) } }) };
}

function agentsYaml(ai: GraphBatch): ExportedFile {
  const nodes = byId(ai);
  const out = (kind: string, from: string) => ai.edges.filter((e) => e.kind === kind && e.from === from);
  const identity = (id: string) => {
    const n = nodes.get(id)!;
    const sid = n.aliases?.find((a) => a.startsWith('sid:'))?.slice(4);
    return { kind: n.kind, ...(sid ? { sid } : { id }), name: n.name };
  };
  const grant = (e: BatchEdge) => {
    const t = nodes.get(e.to)!;
    return { target: { kind: t.kind, id: t.id, name: t.name, ...(t.criticality !== undefined ? { criticality: t.criticality } : {}) }, access: e.key ?? 'read' };
  };
  const agents = ai.nodes.filter((n) => n.kind === 'AiAgent').map((a) => ({
    id: a.id.replace(/^agent:/, ''), name: a.name, ...(a.props?.model ? { model: a.props.model } : {}),
    untrustedInputs: ai.edges.filter((e) => e.kind === 'ReadsUntrusted' && e.to === a.id).map((e) => e.key!),
    tools: out('CanInvoke', a.id).map((c) => {
      const runsAs = out('RunsAs', c.to)[0]?.to;
      return { name: c.to.split('/').pop()!, ...(runsAs ? { runsAs: identity(runsAs), permissions: out('HasPermission', runsAs).map(grant) } : {}) };
    }),
  }));
  return { path: 'agents/agents.yaml', format: 'agents', content: `# Chokepoint agent inventory exported from the demo estate\n${toYaml({ agents })}` };
}

/** Nodes whose criticality or exposure the real formats cannot carry, and scanner facts (vulnerabilities). */
function extras(batches: GraphBatch[]): GraphBatch {
  const nodes: BatchNode[] = [];
  const edges: BatchEdge[] = [];
  for (const b of batches) {
    for (const n of b.nodes) {
      if (n.ref) continue;
      if (n.kind === 'Vulnerability') { nodes.push(n); continue; }
      if (n.criticality !== undefined || n.exposure !== undefined || n.kind === 'CloudResource') {
        nodes.push({ id: n.id, kind: n.kind, name: n.name, ...(n.domain ? { domain: n.domain } : {}), ...(n.criticality !== undefined ? { criticality: n.criticality } : {}), ...(n.exposure ? { exposure: n.exposure } : {}), ...(n.aliases ? { aliases: n.aliases } : {}) });
      }
    }
    for (const e of b.edges.filter((x) => x.kind === 'HasVulnerability')) {
      edges.push(e);
      if (!nodes.some((n) => n.id === e.from)) nodes.push({ id: e.from, kind: b.nodes.find((n) => n.id === e.from)!.kind, name: b.nodes.find((n) => n.id === e.from)!.name, ref: true });
    }
  }
  return { source: 'demo/extras', format: 'demo', complete: true, nodes, edges };
}

/** Signals in the generic `signals` JSON format: each subject in the column its alias kind names. */
export function signalsJson(batch: GraphBatch): ExportedFile {
  const rows = (batch.signals ?? []).map((s) => {
    const row: Record<string, string | number> = { id: s.id, time: s.time, severity: s.severity, rule: s.rule, product: s.product, confidence: s.confidence, technique: s.techniques.join(';'), ...(s.summary ? { summary: s.summary } : {}) };
    for (const x of s.subjects) {
      const column = x.key.startsWith('ip:') ? (x.role === 'source' ? 'src_ip' : x.role === 'destination' ? 'dest_ip' : 'ip') : x.key.startsWith('name:') ? 'user' : x.key.startsWith('hostname:') ? 'host' : 'identity';
      row[column] = x.key.startsWith('ip:') || x.key.startsWith('name:') || x.key.startsWith('hostname:') ? x.key.slice(x.key.indexOf(':') + 1) : x.key;
    }
    return row;
  });
  return { path: 'signals/demo-signals.json', format: 'signals', content: json({ signals: rows }) };
}

/** The demo estate as files: real formats where a source has one, GraphBatch JSON otherwise; its signals in the generic format when given. */
export function exportDemoEstate(estate: DemoEstate, signals?: GraphBatch): ExportedFile[] {
  const find = (source: string) => estate.batches.find((b) => b.source === source)!;
  const exported = ['demo/ad', 'demo/aws', 'demo/vendor-access', 'demo/agents'];
  const files: ExportedFile[] = [
    ...sharpHound(find('demo/ad')),
    ...aws(find('demo/aws')),
    vendorCsv(find('demo/vendor-access')),
    agentsYaml(find('demo/agents')),
  ];
  for (const b of estate.batches.filter((x) => !exported.includes(x.source))) files.push({ path: `batches/${b.source.replace('/', '-')}.json`, format: 'batch', content: json(b) });
  files.push({ path: 'batches/extras.json', format: 'batch', content: json(extras(exported.map(find))) });
  if (signals) files.push(signalsJson(signals));
  return files;
}
