/**
 * `nessus`: Nessus v2 (`.nessus`, NessusClientData_v2). Each ReportHost becomes a Host (aliases from
 * host-ip, host-fqdn, mac-address; NetBIOS name as a weak alias) and each port ≠ 0 a Service it Runs.
 * Findings of severity ≥ 1 become Vulnerability nodes — one per CVE (shared across hosts, so KEV/EPSS
 * enrich them), or one per plugin id when the finding has no CVE — with HasVulnerability from the
 * service (or the host for port 0), one edge per plugin. CVSS v2/v3/v4 base and vector, exploit
 * availability and severity are kept (the highest a CVE received from any plugin). Vectors are stored
 * in canonical form (`CVSS2#AV:N/…` → `AV:N/…`; `CVSS:3.x/…` and `CVSS:4.0/…` kept), so the analysis
 * reads Nessus, NVD and OpenVAS vectors alike.
 */
import { alias, normaliseCvssVector, type BatchEdge, type BatchNode, type GraphBatch, type Props } from '@chokepoint/queries';
import { readEach, type InputFile } from '../../input.js';
import type { Importer } from '../../registry.js';
import { isIP } from 'node:net';

const isIpAddress = (text: string): boolean => isIP(text) !== 0;
import { readXml, type XmlFail } from '../../xml.js';
import { portNumber } from '../../ports.js';

interface Finding {
  port: number; protocol: string; svcName: string; severity: number; pluginId: string; pluginName: string; pluginFamily: string;
  cves: string[]; cvss2?: number; cvss2Vector?: string; cvss3?: number; cvss3Vector?: string; cvss4?: number; cvss4Vector?: string; exploitAvailable: boolean; metasploit: boolean;
}
interface ReportHost { name: string; tags: Record<string, string>; findings: Finding[] }

const FINDING_TEXT = new Set(['cve', 'cvss_base_score', 'cvss_vector', 'cvss3_base_score', 'cvss3_vector', 'cvss4_base_score', 'cvss4_vector', 'exploit_available', 'exploit_framework_metasploit']);

/** A Nessus severity (0 informational … 4 critical), or a refusal naming where the file is wrong. */
function severity(text: string, fail: XmlFail): number {
  if (!/^[0-4]$/.test(text)) fail(`severity ${JSON.stringify(text)} is not a Nessus severity`, 'severity 0, 1, 2, 3 or 4');
  return Number(text);
}

/** A CVSS base score (0–10), or a refusal naming where the file is wrong. */
function score(text: string, element: string, fail: XmlFail): number {
  const n = Number(text);
  if (text === '' || !Number.isFinite(n) || n < 0 || n > 10) fail(`<${element}> is ${JSON.stringify(text)}`, 'a CVSS base score between 0 and 10');
  return n;
}

async function readReport(file: InputFile): Promise<ReportHost[]> {
  const hosts: ReportHost[] = [];
  let host: ReportHost | null = null;
  let finding: Finding | null = null;
  let tagName: string | null = null;
  let field: string | null = null;
  let text = '';
  await readXml(file, 'NessusClientData_v2', {
    open(tag, fail) {
      const a = tag.attributes as Record<string, string>;
      if (tag.name === 'ReportHost') host = { name: a.name ?? '', tags: {}, findings: [] };
      else if (tag.name === 'tag' && host && !finding) { tagName = a.name ?? null; text = ''; }
      else if (tag.name === 'ReportItem' && host) {
        finding = {
          port: portNumber(a.port ?? '0', fail), protocol: a.protocol ?? 'tcp', svcName: (a.svc_name ?? '').replace(/\?$/, ''),
          severity: severity(a.severity ?? '0', fail), pluginId: a.pluginID ?? '', pluginName: a.pluginName ?? '', pluginFamily: a.pluginFamily ?? '',
          cves: [], exploitAvailable: false, metasploit: false,
        };
      } else if (finding && FINDING_TEXT.has(tag.name)) { field = tag.name; text = ''; }
    },
    text(t) { if (tagName || field) text += t; },
    close(name, fail) {
      const value = text.trim();
      if (name === 'tag' && host && tagName) { host.tags[tagName] = value; tagName = null; }
      else if (finding && name === field) {
        switch (field) {
          case 'cve': if (value) finding.cves.push(value.toUpperCase()); break;
          case 'cvss_base_score': finding.cvss2 = score(value, field, fail); break;
          case 'cvss_vector': finding.cvss2Vector = normaliseCvssVector(value); break;
          case 'cvss3_base_score': finding.cvss3 = score(value, field, fail); break;
          case 'cvss3_vector': finding.cvss3Vector = normaliseCvssVector(value); break;
          case 'cvss4_base_score': finding.cvss4 = score(value, field, fail); break;
          case 'cvss4_vector': finding.cvss4Vector = normaliseCvssVector(value); break;
          case 'exploit_available': finding.exploitAvailable = value === 'true'; break;
          case 'exploit_framework_metasploit': finding.metasploit = value === 'true'; break;
        }
        field = null;
      } else if (name === 'ReportItem' && host && finding) { host.findings.push(finding); finding = null; }
      else if (name === 'ReportHost' && host) { hosts.push(host); host = null; }
    },
  });
  return hosts;
}

/** Keeps the worse of two values for a vulnerability seen by several plugins or hosts. */
function worse(props: Props, key: string, value: number | undefined): void {
  if (value === undefined || Number.isNaN(value)) return;
  const old = props[key];
  if (typeof old !== 'number' || value > old) props[key] = value;
}

export function nessusBatch(hosts: ReportHost[], source: string, files: string[]): GraphBatch {
  const nodes: BatchNode[] = [];
  const edges: BatchEdge[] = [];
  const vulns = new Map<string, BatchNode & { props: Props }>();
  const emitted = new Set<string>(); // host and service ids already pushed
  const seen = new Set<string>();
  for (const h of hosts) {
    const ip = h.tags['host-ip'] ?? h.name;
    const hostId = `host:${ip}`;
    const fqdn = h.tags['host-fqdn'];
    const netbios = h.tags['netbios-name'];
    const macs = (h.tags['mac-address'] ?? '').split(/\s+/).filter(Boolean);
    // A host scanned twice in one file (two ReportHost blocks) is one node.
    if (!emitted.has(hostId)) nodes.push({
      id: hostId, kind: 'Host', name: fqdn ?? netbios ?? ip,
      // Without a host-ip tag the ReportHost name may be a DNS name (scans by name): never an ip alias then.
      aliases: [alias(isIpAddress(ip) ? 'ip' : ip.includes('.') ? 'fqdn' : 'hostname', ip), ...(fqdn ? [alias('fqdn', fqdn)] : []), ...(netbios ? [alias('hostname', netbios)] : []), ...macs.map((m) => alias('mac', m))],
      props: { ...(h.tags['operating-system'] ? { os: h.tags['operating-system'] } : {}), ...(netbios ? { netbiosName: netbios } : {}), ...(macs.length ? { macs } : {}) },
    });
    emitted.add(hostId);
    for (const f of h.findings) {
      let target = hostId;
      if (f.port !== 0) {
        target = `svc:${ip}:${f.protocol}/${f.port}`;
        if (!emitted.has(target)) {
          emitted.add(target);
          nodes.push({ id: target, kind: 'Service', name: `${f.svcName || 'unknown'} ${f.protocol}/${f.port} on ${ip}`, props: { protocol: f.protocol, port: f.port, service: f.svcName } });
          edges.push({ kind: 'Runs', from: hostId, to: target });
        }
      }
      if (f.severity < 1) continue; // informational plugins describe, they are not weaknesses
      const ids = f.cves.length ? f.cves.map((c) => `cve:${c}`) : [`nessus:${f.pluginId}`];
      for (const id of ids) {
        let v = vulns.get(id);
        if (!v) {
          const cve = id.startsWith('cve:') ? id.slice(4) : null;
          v = { id, kind: 'Vulnerability', name: cve ?? f.pluginName, aliases: cve ? [alias('cve', cve)] : [], props: { pluginIds: [] as string[] } };
          if (!cve) v.props.pluginName = f.pluginName;
          vulns.set(id, v);
          nodes.push(v);
        }
        const pluginIds = v.props.pluginIds as string[];
        if (!pluginIds.includes(f.pluginId)) pluginIds.push(f.pluginId);
        worse(v.props, 'severity', f.severity);
        worse(v.props, 'cvss2', f.cvss2);
        worse(v.props, 'cvss3', f.cvss3);
        worse(v.props, 'cvss4', f.cvss4);
        if (f.cvss2Vector && v.props.cvss2 === f.cvss2) v.props.cvss2Vector = f.cvss2Vector;
        if (f.cvss3Vector && v.props.cvss3 === f.cvss3) v.props.cvss3Vector = f.cvss3Vector;
        if (f.cvss4Vector && v.props.cvss4 === f.cvss4) v.props.cvss4Vector = f.cvss4Vector;
        if (f.exploitAvailable) v.props.exploitAvailable = true;
        if (f.metasploit) v.props.metasploit = true;
        // A scan can report the same plugin twice on one port; one fact, one edge.
        const edgeKey = `${target}|${id}|${f.pluginId}`;
        if (seen.has(edgeKey)) continue;
        seen.add(edgeKey);
        edges.push({
          kind: 'HasVulnerability', from: target, to: id, key: `plugin:${f.pluginId}`,
          props: { pluginId: f.pluginId, pluginName: f.pluginName, severity: f.severity },
          evidence: [`nessus plugin ${f.pluginId} "${f.pluginName}" on ${ip} ${f.protocol}/${f.port}`],
        });
      }
    }
  }
  return { source, format: 'nessus', complete: true, nodes, edges, warnings: [], files };
}

export const nessusImporter: Importer = {
  id: 'nessus',
  title: 'Nessus v2 (.nessus)',
  accepts: 'NessusClientData_v2 exports',
  async parse(files, context) {
    return nessusBatch(await readEach(files, readReport), context.source ?? 'nessus', files.map((f) => f.name));
  },
};
