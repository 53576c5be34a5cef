/**
 * The demo estate: a deterministic (by seed), realistic converged data centre at any size — an AD
 * domain with users, groups, workstations, servers and a DC; an AWS account; BMS/EMS with cooling and
 * power PLCs, HMIs and an engineering workstation (Purdue 0–3.5); IoT cameras and badge readers; two
 * vendors with remote access (one into OT); an AI agent that reads inbound email and has tools.
 *
 * It is emitted as one GraphBatch per simulated source, and the sources overlap the way real tools do
 * (the network scan and AD both see each machine, by IP+FQDN and by SID+FQDN), so loading it exercises
 * identity resolution. PLANTED_ROUTES lists the attack routes planted on purpose: later tests use
 * them as ground truth.
 */
import { alias, type EdgeKind, type GraphBatch } from '@chokepoint/queries';
import { BatchBuilder } from './builder.js';
import { Random } from './random.js';

export interface DemoOptions {
  /** Approximate node count (default 2,000; at least ~150 for the fixed core). */
  size?: number;
  seed?: number;
}

/** One planted route: the attack steps from an entry to a crown jewel, by node id. */
export interface PlantedRoute {
  name: string;
  description: string;
  entry: string;
  target: string;
  steps: Array<{ kind: EdgeKind; from: string; to: string; derived?: string }>;
}

export interface DemoEstate {
  batches: GraphBatch[];
  planted: PlantedRoute[];
}

const DOMAIN_SID = 'S-1-5-21-1004336348-1177238915-682003330';
const FQDN = 'corp.example';
const sid = (rid: number) => `${DOMAIN_SID}-${rid}`;
const adId = (rid: number) => `ad:${sid(rid)}`;
/** RID ranges per object family, disjoint at any size (the planted objects use RIDs below 10,000). */
const RID = { users: 10_000_000, groups: 20_000_000, servers: 30_000_000, workstations: 40_000_000 } as const;
/** The i-th generated address in 10.<second>.0.0/16 and up, skipping x.x.0.x (kept for planted hosts). */
function ip(second: number, i: number): string {
  const n = i + 256;
  return `10.${second + Math.floor(n / 65536)}.${(n >> 8) & 255}.${n & 255}`;
}

/** Well-known ids of the planted routes' nodes (stable across sizes and seeds). */
export const DEMO_IDS = {
  internet: 'internet',
  domain: `ad:${DOMAIN_SID}`,
  domainAdmins: adId(512),
  // Every user is a member: the estate's largest hub.
  domainUsers: adId(513),
  helpdesk: adId(1105),
  phished: adId(1201),
  admin: adId(1202),
  adminWorkstation: adId(2001),
  acme: 'vendor:acme-controls',
  acmeVpn: 'access:acme-vpn',
  otJump: 'host:10.30.0.10',
  acmeAccount: adId(1301),
  ews: 'host:10.32.0.20',
  coolingPlc: 'host:10.31.0.11',
  coolTech: 'vendor:cooltech',
  coolTechTool: 'access:cooltech-remote-support',
  bms: 'host:10.40.0.5',
  crac: 'host:10.40.1.21',
  web: 'aws:instance/i-0a11web0000000001',
  webService: 'svc:aws:instance/i-0a11web0000000001:tcp/443',
  webVuln: 'cve:CVE-2024-3400',
  webRole: 'aws:arn:aws:iam::123456789012:role/web-app-role',
  bucket: 'aws:arn:aws:s3:::customer-data',
  agent: 'agent:mail-assistant',
  sqlTool: 'mcp:mail-assistant/sql-query',
  sqlToolAccount: adId(1401),
  financeDb: 'data:finance-db',
} as const;

export function generateDemoEstate(options: DemoOptions = {}): DemoEstate {
  const size = Math.max(150, Math.floor(options.size ?? 2000));
  const rng = new Random(options.seed ?? 7);
  const ad = new BatchBuilder('demo/ad');
  const net = new BatchBuilder('demo/network');
  const cloud = new BatchBuilder('demo/aws');
  const ot = new BatchBuilder('demo/ot-inventory');
  const iot = new BatchBuilder('demo/iot-inventory');
  const vendor = new BatchBuilder('demo/vendor-access');
  const ai = new BatchBuilder('demo/agents');
  const I = DEMO_IDS;

  const counts = {
    users: Math.floor(size * 0.3),
    groups: Math.max(8, Math.floor(size * 0.02)),
    workstations: Math.floor(size * 0.2),
    servers: Math.max(6, Math.floor(size * 0.04)),
    cves: Math.max(10, Math.floor(size * 0.01)),
    instances: Math.max(3, Math.floor(size * 0.02)),
    roles: Math.max(3, Math.floor(size * 0.01)),
    buckets: Math.max(2, Math.floor(size * 0.005)),
    plcs: Math.max(4, Math.floor(size * 0.02)),
    hmis: Math.max(2, Math.floor(size * 0.005)),
    iot: Math.max(6, Math.floor(size * 0.05)),
  };

  // --- zones and the outside -------------------------------------------------------------
  const zone = (b: BatchBuilder, id: string, name: string, purdueLevel?: number) =>
    b.node({ id: `zone:${id}`, kind: 'Zone', name, ...(purdueLevel !== undefined ? { purdueLevel, domain: 'ot' as const } : {}) });
  net.node({ id: I.internet, kind: 'Internet', name: 'Internet', exposure: 'internet' });
  for (const [id, name] of [['corp', 'Corporate LAN'], ['servers', 'Server VLAN'], ['dmz', 'DMZ']] as const) zone(net, id, name);
  for (const [id, name, level] of [['ot-dmz', 'Industrial DMZ', 3.5], ['ot-ops', 'OT operations', 3], ['ot-control', 'Control network', 2], ['ot-field', 'Field network', 1]] as const) zone(ot, id, name, level);
  zone(iot, 'bms', 'Building management');
  zone(iot, 'cameras', 'Camera VLAN');

  // --- Active Directory --------------------------------------------------------------------
  ad.node({ id: I.domain, kind: 'Domain', name: FQDN.toUpperCase(), criticality: 10, aliases: [alias('sid', DOMAIN_SID), alias('fqdn', FQDN)] });
  const group = (rid: number, name: string, criticality?: number) =>
    ad.node({ id: adId(rid), kind: 'Group', name: `${name}@${FQDN.toUpperCase()}`, aliases: [alias('sid', sid(rid))], ...(criticality !== undefined ? { criticality } : {}) });
  group(512, 'DOMAIN ADMINS', 9);
  group(513, 'DOMAIN USERS');
  group(1105, 'HELPDESK');
  ad.edge('GenericAll', I.domainAdmins, I.domain, { evidence: ['demo: Domain Admins hold full control of the domain'] });
  const groupIds = [I.helpdesk, adId(513)];
  for (let g = 0; g < counts.groups; g++) groupIds.push(group(RID.groups + g, `TEAM-${g}`));

  const user = (rid: number, name: string, extra: { exposure?: 'phishable'; criticality?: number } = {}) =>
    ad.node({ id: adId(rid), kind: 'User', name: `${name}@${FQDN.toUpperCase()}`, aliases: [alias('sid', sid(rid))], ...extra });
  user(1201, 'J.DOE', { exposure: 'phishable' });
  user(1202, 'ADM.SMITH', { criticality: 8 });
  user(1301, 'SVC-ACME');
  ad.node({ id: I.sqlToolAccount, kind: 'ServiceAccount', name: `SVC-SQLTOOL@${FQDN.toUpperCase()}`, aliases: [alias('sid', sid(1401))], props: { gmsa: true } });
  ad.edge('MemberOf', I.phished, I.helpdesk);
  ad.edge('MemberOf', I.admin, I.domainAdmins);
  const userIds: string[] = [];
  for (let u = 0; u < counts.users; u++) {
    const id = user(RID.users + u, `USER${u}`, rng.chance(0.3) ? { exposure: 'phishable' } : {});
    userIds.push(id);
    ad.edge('MemberOf', id, adId(513));
    for (let k = 0; k < 2; k++) ad.edge('MemberOf', id, rng.pick(groupIds));
  }

  // Machines: AD sees them by SID and FQDN; the network scan by IP and FQDN. They merge by FQDN.
  const machine = (rid: number, host: string, address: string, zoneId: string, kind: 'Host' = 'Host', criticality?: number) => {
    const fqdn = `${host}.${FQDN}`;
    ad.node({ id: adId(rid), kind, name: fqdn.toUpperCase(), aliases: [alias('sid', sid(rid)), alias('fqdn', fqdn)], ...(criticality !== undefined ? { criticality } : {}) });
    const netId = net.node({ id: `host:${address}`, kind, name: host, aliases: [alias('ip', address), alias('fqdn', fqdn)] });
    net.edge('InZone', netId, zoneId);
    return { adNode: adId(rid), netNode: netId };
  };
  const service = (b: BatchBuilder, hostId: string, proto: 'tcp' | 'udp', port: number, name: string, extra: { exposure?: 'internet' } = {}) => {
    const id = b.node({ id: `svc:${hostId.replace(/^host:/, '')}:${proto}/${port}`, kind: 'Service', name: `${name} ${proto}/${port}`, props: { protocol: proto, port, service: name }, ...extra });
    b.edge('Runs', hostId, id);
    return id;
  };
  const cves: string[] = [];
  for (let c = 0; c < counts.cves; c++) {
    cves.push(net.node({ id: `cve:CVE-2025-${10000 + c}`, kind: 'Vulnerability', name: `CVE-2025-${10000 + c}`, aliases: [alias('cve', `CVE-2025-${10000 + c}`)], props: { cvss: Math.round((4 + rng.next() * 6) * 10) / 10, remote: rng.chance(0.6) } }));
  }

  const dc = machine(1000, 'dc01', '10.10.0.10', 'zone:servers', 'Host', 9);
  ad.edge('AdminTo', I.domainAdmins, dc.adNode);
  const servers = [dc];
  const serverServices: string[] = [];
  for (const [port, name] of [[88, 'kerberos'], [389, 'ldap'], [445, 'microsoft-ds']] as const) serverServices.push(service(net, dc.netNode, 'tcp', port, name));
  for (let s = 1; s < counts.servers; s++) {
    const srv = machine(RID.servers + s, `srv${s}`, ip(10, s), 'zone:servers');
    servers.push(srv);
    ad.edge('AdminTo', rng.pick(groupIds), srv.adNode);
    for (const [port, name] of [[445, 'microsoft-ds'], [3389, 'ms-wbt-server'], [rng.pick([80, 443, 1433, 8080]), 'app']] as const) {
      const svc = service(net, srv.netNode, 'tcp', port, name);
      serverServices.push(svc);
      if (rng.chance(0.3)) for (let k = 0; k < 2; k++) net.edge('HasVulnerability', svc, rng.pick(cves));
    }
    for (let k = 0; k < 3; k++) ad.edge('HasSession', srv.adNode, rng.pick(userIds));
  }
  const workstations: string[] = [];
  const adminWs = machine(2001, 'ws-admin01', '10.20.0.1', 'zone:corp');
  workstations.push(adminWs.adNode);
  ad.edge('AdminTo', I.helpdesk, adminWs.adNode);
  ad.edge('HasSession', adminWs.adNode, I.admin);
  for (let w = 1; w < counts.workstations; w++) {
    const ws = machine(RID.workstations + w, `ws${w}`, ip(20, w), 'zone:corp');
    workstations.push(ws.adNode);
    ad.edge('AdminTo', I.helpdesk, ws.adNode);
    ad.edge('CanRdp', rng.pick(groupIds), ws.adNode);
    for (let k = 0; k < 2; k++) ad.edge('HasSession', ws.adNode, rng.pick(userIds));
    const smb = service(net, ws.netNode, 'tcp', 445, 'microsoft-ds');
    if (rng.chance(0.1)) net.edge('HasVulnerability', smb, rng.pick(cves));
    // Workstations reach a spread of server services (observed flows).
    for (let k = 0; k < 24; k++) net.edge('CanReach', ws.netNode, rng.pick(serverServices), { key: 'tcp' });
  }
  // Background ACL noise, as every real domain has.
  const principals = [...userIds, ...groupIds];
  const aclKinds = ['GenericWrite', 'ForceChangePassword', 'GenericAll', 'WriteDacl', 'AddMember'] as const;
  for (let a = 0; a < Math.floor(size * 2.2); a++) {
    const kind = rng.pick(aclKinds);
    const to = kind === 'AddMember' ? rng.pick(groupIds) : rng.pick(userIds);
    const from = rng.pick(principals);
    if (from !== to) ad.edge(kind, from, to);
  }

  // --- AWS ----------------------------------------------------------------------------------
  const arn = (s: string) => `aws:arn:aws:iam::123456789012:${s}`;
  cloud.node({ id: I.web, kind: 'Host', domain: 'cloud', name: 'web-1', exposure: 'internet', aliases: [alias('instance', 'i-0a11web0000000001')] });
  cloud.node({ id: I.webService, kind: 'Service', domain: 'cloud', name: 'https tcp/443 on web-1', exposure: 'internet', props: { protocol: 'tcp', port: 443 } });
  cloud.edge('Runs', I.web, I.webService);
  cloud.ref(I.internet, 'Internet', 'Internet');
  cloud.edge('CanReach', I.internet, I.webService, { key: 'tcp/443', evidence: ['demo: security group sg-web allows 0.0.0.0/0 on tcp/443'] });
  cloud.node({ id: I.webVuln, kind: 'Vulnerability', name: 'CVE-2024-3400', aliases: [alias('cve', 'CVE-2024-3400')], props: { cvss: 10, remote: true, kev: true } });
  cloud.edge('HasVulnerability', I.webService, I.webVuln);
  cloud.node({ id: I.webRole, kind: 'Role', domain: 'cloud', name: 'web-app-role', aliases: [alias('arn', 'arn:aws:iam::123456789012:role/web-app-role')] });
  cloud.edge('RunsAs', I.web, I.webRole, { evidence: ['demo: instance profile web-app-profile'] });
  cloud.node({ id: I.bucket, kind: 'CloudResource', name: 's3://customer-data', criticality: 9, aliases: [alias('arn', 'arn:aws:s3:::customer-data')], props: { service: 's3' } });
  cloud.edge('HasPermission', I.webRole, I.bucket, { key: 's3:GetObject', evidence: ['demo: policy web-app allows s3:GetObject on customer-data/*'] });
  const roles: string[] = [I.webRole];
  for (let r = 0; r < counts.roles; r++) roles.push(cloud.node({ id: arn(`role/app-${r}`), kind: 'Role', domain: 'cloud', name: `app-${r}` }));
  const buckets: string[] = [I.bucket];
  for (let b = 0; b < counts.buckets; b++) buckets.push(cloud.node({ id: `aws:arn:aws:s3:::data-${b}`, kind: 'CloudResource', name: `s3://data-${b}`, criticality: rng.pick([3, 5, 7]) }));
  for (let i = 0; i < counts.instances; i++) {
    const id = cloud.node({ id: `aws:instance/i-${(0x1000 + i).toString(16)}`, kind: 'Host', domain: 'cloud', name: `app-${i}` });
    cloud.edge('RunsAs', id, rng.pick(roles));
  }
  for (const role of roles.slice(1)) cloud.edge('HasPermission', role, rng.pick(buckets), { key: 's3:GetObject' });

  // --- OT: Purdue 3.5 → 1 -----------------------------------------------------------------
  const otHost = (id: string, kind: 'Host' | 'Controller' | 'Hmi' | 'EngineeringWorkstation', name: string, zoneId: string, purdueLevel: number, criticality?: number, vendorName?: string) => {
    ot.node({ id, kind, name, domain: 'ot', purdueLevel, aliases: [alias('ip', id.replace(/^host:/, ''))], ...(criticality !== undefined ? { criticality } : {}), ...(vendorName ? { props: { vendor: vendorName } } : {}) });
    ot.edge('InZone', id, zoneId);
    return id;
  };
  otHost(I.otJump, 'Host', 'ot-jump01', 'zone:ot-dmz', 3.5, 6);
  otHost(I.ews, 'EngineeringWorkstation', 'ews-cooling', 'zone:ot-ops', 3, 7);
  otHost(I.coolingPlc, 'Controller', 'PLC cooling loop A', 'zone:ot-field', 1, 10, 'Siemens');
  ot.ref(I.acmeAccount, 'User', `SVC-ACME@${FQDN.toUpperCase()}`, [alias('sid', sid(1301))]);
  ot.edge('CredentialOn', I.otJump, I.acmeAccount, { evidence: ['demo: saved RDP credential on the jump host'] });
  ot.edge('AdminTo', I.acmeAccount, I.ews);
  ot.edge('Controls', I.ews, I.coolingPlc, { key: 's7comm', evidence: ['demo: S7 download/upload from the EWS'] });
  const hmis: string[] = [];
  for (let h = 0; h < counts.hmis; h++) hmis.push(otHost(`host:${ip(32, h)}`, 'Hmi', `hmi-${h}`, 'zone:ot-control', 2, 6));
  for (let p = 0; p < counts.plcs; p++) {
    const kindOfLoad = p % 2 === 0 ? 'cooling' : 'power';
    const plc = otHost(`host:${ip(31, p)}`, 'Controller', `PLC ${kindOfLoad} ${p}`, 'zone:ot-field', 1, kindOfLoad === 'power' ? 9 : 8, rng.pick(['Siemens', 'Rockwell', 'Schneider']));
    ot.edge('Controls', rng.pick(hmis), plc, { key: rng.pick(['modbus', 's7comm', 'enip']) });
  }

  // --- IoT / building management -------------------------------------------------------------
  iot.node({ id: I.bms, kind: 'Device', domain: 'iot', name: 'BMS controller', criticality: 7, aliases: [alias('ip', '10.40.0.5')], props: { deviceType: 'bms' } });
  iot.node({ id: I.crac, kind: 'Controller', domain: 'ot', name: 'CRAC unit 1 controller', criticality: 9, purdueLevel: 1, aliases: [alias('ip', '10.40.1.21')] });
  iot.edge('Manages', I.bms, I.crac, { key: 'bacnet' });
  iot.edge('InZone', I.bms, 'zone:bms');
  for (let d = 0; d < counts.iot; d++) {
    const type = rng.pick(['camera', 'badge-reader', 'sensor']);
    const address = ip(41, d);
    const id = iot.node({ id: `host:${address}`, kind: 'Device', name: `${type}-${d}`, aliases: [alias('ip', address)], props: { deviceType: type } });
    iot.edge('InZone', id, type === 'camera' ? 'zone:cameras' : 'zone:bms');
  }

  // --- vendors ---------------------------------------------------------------------------------
  vendor.node({ id: I.acme, kind: 'Vendor', name: 'Acme Controls', exposure: 'vendor', props: { role: 'OT integrator' } });
  vendor.node({ id: I.acmeVpn, kind: 'RemoteAccess', name: 'Acme VPN', props: { method: 'vpn', mfa: false, alwaysOn: true, account: 'SVC-ACME' } });
  vendor.ref(I.otJump, 'Host', 'ot-jump01', [alias('ip', '10.30.0.10')]);
  vendor.edge('VendorAccess', I.acme, I.acmeVpn, { evidence: ['demo: always-on grant, no MFA'] });
  vendor.edge('ProvidesAccess', I.acmeVpn, I.otJump);
  vendor.node({ id: I.coolTech, kind: 'Vendor', name: 'CoolTech', exposure: 'vendor', props: { role: 'HVAC maintenance' } });
  vendor.node({ id: I.coolTechTool, kind: 'RemoteAccess', name: 'CoolTech remote support', props: { method: 'remote-support', mfa: true, alwaysOn: false } });
  vendor.ref(I.bms, 'Device', 'BMS controller', [alias('ip', '10.40.0.5')]);
  vendor.edge('VendorAccess', I.coolTech, I.coolTechTool, { evidence: ['demo: on-request grant with MFA'] });
  vendor.edge('ProvidesAccess', I.coolTechTool, I.bms);

  // --- AI agent ------------------------------------------------------------------------------
  ai.node({ id: I.agent, kind: 'AiAgent', name: 'mail-assistant', exposure: 'untrusted-input', props: { model: 'demo-llm', inputs: ['inbound-email'] } });
  ai.ref(I.internet, 'Internet', 'Internet');
  ai.edge('ReadsUntrusted', I.internet, I.agent, { key: 'inbound-email' });
  ai.node({ id: I.sqlTool, kind: 'Service', domain: 'ai', name: 'MCP tool sql-query' });
  ai.edge('CanInvoke', I.agent, I.sqlTool);
  ai.ref(I.sqlToolAccount, 'ServiceAccount', `SVC-SQLTOOL@${FQDN.toUpperCase()}`, [alias('sid', sid(1401))]);
  ai.edge('RunsAs', I.sqlTool, I.sqlToolAccount);
  ai.node({ id: I.financeDb, kind: 'DataStore', name: 'finance-db (PostgreSQL)', criticality: 9 });
  ai.edge('HasPermission', I.sqlToolAccount, I.financeDb, { key: 'read-write' });

  const planted: PlantedRoute[] = [
    {
      name: 'vendor-vpn-to-cooling-plc',
      description: 'Vendor VPN → OT jump host → saved vendor credential → engineering workstation → cooling PLC',
      entry: I.acme, target: I.coolingPlc,
      steps: [
        { kind: 'VendorAccess', from: I.acme, to: I.acmeVpn },
        { kind: 'ProvidesAccess', from: I.acmeVpn, to: I.otJump },
        { kind: 'CredentialOn', from: I.otJump, to: I.acmeAccount },
        { kind: 'AdminTo', from: I.acmeAccount, to: I.ews },
        { kind: 'Controls', from: I.ews, to: I.coolingPlc },
      ],
    },
    {
      name: 'phishing-to-domain-admin',
      description: 'Phished user → Helpdesk group → admin of a workstation → domain admin session → domain',
      entry: I.phished, target: I.domain,
      steps: [
        { kind: 'MemberOf', from: I.phished, to: I.helpdesk },
        { kind: 'AdminTo', from: I.helpdesk, to: I.adminWorkstation },
        { kind: 'HasSession', from: I.adminWorkstation, to: I.admin },
        { kind: 'MemberOf', from: I.admin, to: I.domainAdmins },
        { kind: 'GenericAll', from: I.domainAdmins, to: I.domain },
      ],
    },
    {
      name: 'internet-to-customer-bucket',
      description: 'Internet → vulnerable web server (CVE-2024-3400) → instance role → customer-data bucket',
      entry: I.internet, target: I.bucket,
      steps: [
        { kind: 'CanExploit', from: I.internet, to: I.web, derived: 'CanReach internet→tcp/443 ∧ HasVulnerability CVE-2024-3400 (remote)' },
        { kind: 'RunsAs', from: I.web, to: I.webRole },
        { kind: 'HasPermission', from: I.webRole, to: I.bucket },
      ],
    },
    {
      name: 'prompt-injection-to-finance-db',
      description: 'Inbound email → mail assistant agent (prompt injection) → SQL tool → its service account → finance database',
      entry: I.internet, target: I.financeDb,
      steps: [
        { kind: 'ReadsUntrusted', from: I.internet, to: I.agent },
        { kind: 'CanInvoke', from: I.agent, to: I.sqlTool },
        { kind: 'RunsAs', from: I.sqlTool, to: I.sqlToolAccount },
        { kind: 'HasPermission', from: I.sqlToolAccount, to: I.financeDb },
      ],
    },
    {
      name: 'hvac-vendor-to-crac',
      description: 'HVAC vendor remote-support tool → BMS controller → CRAC unit controller',
      entry: I.coolTech, target: I.crac,
      steps: [
        { kind: 'VendorAccess', from: I.coolTech, to: I.coolTechTool },
        { kind: 'ProvidesAccess', from: I.coolTechTool, to: I.bms },
        { kind: 'Manages', from: I.bms, to: I.crac },
      ],
    },
  ];

    // AD first: its SID-based ids become the canonical ids of domain machines; the scan merges into them.
  return { batches: [ad, net, cloud, ot, iot, vendor, ai].map((b) => b.batch()), planted };
}
