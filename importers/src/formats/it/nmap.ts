/**
 * `nmap`: Nmap XML (`-oX`, output versions 1.0x; masscan's `-oX` too: no `<status>`, one `<host>` per
 * open port). Hosts that are up become Host nodes (addresses,
 * MAC + vendor, hostnames, best OS match); every open port becomes a Service (protocol, port, product,
 * version, CPEs, script ids) that the host Runs; `<extraports>` aggregates are not expanded. The scan's
 * vantage point — a named zone (`--from`, default "scanner") or the Internet (`--internet`) — gets a
 * CanReach edge to each open service; telnet, VNC, RDP and SMB reachable from the Internet are flagged.
 */
import { alias, type BatchEdge, type BatchNode, type GraphBatch } from '@chokepoint/queries';
import { readEach, type InputFile } from '../../input.js';
import type { Importer, ParseContext } from '../../registry.js';
import { readXml } from '../../xml.js';
import { INTERNET_REF } from '../../collector.js';
import { portNumber } from '../../ports.js';
import { textOption } from '../../options.js';

interface PortRecord { protocol: string; port: number; service?: Record<string, string>; cpe: string[]; scripts: string[]; open: boolean }
interface HostRecord { up: boolean | null; ips: string[]; mac?: string; macVendor?: string; names: string[]; os?: { name: string; accuracy: number }; ports: PortRecord[] }

/** Services whose exposure to the Internet is a finding on its own. */
const RISKY_FROM_INTERNET: Record<string, string> = {
  telnet: 'telnet', 'ms-wbt-server': 'RDP', vnc: 'VNC', 'microsoft-ds': 'SMB', 'netbios-ssn': 'SMB',
};
const RISKY_PORTS: Record<string, string> = { 'tcp/23': 'telnet', 'tcp/3389': 'RDP', 'tcp/5900': 'VNC', 'tcp/445': 'SMB', 'tcp/139': 'SMB' };

/** What a scan says it probed: `<scaninfo protocol services>` per protocol (masscan writes no services). */
interface ScanInfo { protocol: string; services: string | null }
interface ScanCounts { down: number; scanned: ScanInfo[]; args: string[] }

async function readHosts(file: InputFile, counts: ScanCounts): Promise<HostRecord[]> {
  const hosts: HostRecord[] = [];
  let host: HostRecord | null = null;
  let port: PortRecord | null = null;
  let inCpe = false;
  let cpeText = '';
  await readXml(file, 'nmaprun', {
    open(tag, fail) {
      const a = tag.attributes as Record<string, string>;
      switch (tag.name) {
        case 'host': host = { up: null, ips: [], names: [], ports: [] }; break;
        case 'scaninfo': counts.scanned.push({ protocol: a.protocol ?? 'tcp', services: a.services || null }); break;
        case 'nmaprun': if (a.args) counts.args.push(a.args); break;
        case 'status': if (host) host.up = a.state === 'up'; break;
        case 'address':
          if (!host) break;
          if (a.addrtype === 'mac' && a.addr) { host.mac = a.addr; if (a.vendor) host.macVendor = a.vendor; }
          else if (a.addr) host.ips.push(a.addr);
          break;
        case 'hostname': if (host && a.name) host.names.push(a.name); break;
        case 'port': if (host) port = { protocol: a.protocol ?? 'tcp', port: portNumber(a.portid, fail), cpe: [], scripts: [], open: false }; break;
        case 'state': if (port) port.open = a.state === 'open'; break;
        case 'service': if (port) port.service = { ...a }; break;
        case 'cpe': inCpe = port !== null; cpeText = ''; break;
        case 'script': if (port && a.id) port.scripts.push(a.id); break;
        case 'osmatch': {
          const accuracy = Number(a.accuracy ?? 0);
          // Several matches can share the top accuracy; the first listed is Nmap's own pick.
          if (host && a.name && (!host.os || accuracy > host.os.accuracy)) host.os = { name: a.name, accuracy };
          break;
        }
      }
    },
    text(t) { if (inCpe) cpeText += t; },
    close(name) {
      if (name === 'cpe' && inCpe) { if (cpeText.trim()) port?.cpe.push(cpeText.trim()); inCpe = false; }
      else if (name === 'port' && host && port) { host.ports.push(port); port = null; }
      // masscan's -oX writes no <status>: it lists only hosts that answered, so a host without one is up.
      else if (name === 'host' && host) { if (host.up !== false) hosts.push(host); else counts.down++; host = null; }
    },
  });
  return hosts;
}

/** Ports of a `services` list (`1-1000,1433,3389`), or null when it is not one. */
function portList(services: string): number[] | null {
  const out: number[] = [];
  for (const part of services.split(',')) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part.trim());
    if (!m) return null;
    const lo = Number(m[1]), hi = Number(m[2] ?? m[1]);
    if (!(lo >= 0 && hi <= 65535 && lo <= hi)) return null;
    for (let p = lo; p <= hi; p++) out.push(p);
    if (out.length > 65536 * 2) return null;
  }
  return [...new Set(out)];
}

/** Largest range of addresses a scope lists one by one (non-octet-aligned CIDRs and last-octet ranges). */
const MAX_LISTED_ADDRESSES = 4096;

/** The address ranges a scan's command line names (IPv4 addresses, CIDRs, last-octet ranges); hostnames and `-iL` files are not known. */
export function scanTargets(args: string): { idPrefixes: string[]; aliasPrefixes: string[]; addresses: string[]; unknown: boolean } {
  const out = { idPrefixes: [] as string[], aliasPrefixes: [] as string[], addresses: [] as string[], unknown: /(^|\s)-iL\s/.test(args) };
  const octets = (ip: string) => ip.split('.').map(Number);
  const valid = (ip: string) => /^\d{1,3}(\.\d{1,3}){3}$/.test(ip) && octets(ip).every((o) => o <= 255);
  for (const token of args.split(/\s+/)) {
    let m: RegExpExecArray | null;
    if (valid(token)) out.addresses.push(token);
    else if ((m = /^(\d{1,3}(?:\.\d{1,3}){3})\/(\d{1,2})$/.exec(token)) && valid(m[1]!) && Number(m[2]) <= 32) {
      const bits = Number(m[2]);
      const o = octets(m[1]!);
      if (bits % 8 === 0 && bits > 0) {
        const prefix = `${o.slice(0, bits / 8).join('.')}${bits < 32 ? '.' : ''}`;
        if (bits === 32) out.addresses.push(m[1]!);
        else { out.idPrefixes.push(prefix); out.aliasPrefixes.push(`ip:${prefix}`); }
      } else if (32 - bits <= 12) {
        const base = ((o[0]! << 24) >>> 0) + (o[1]! << 16) + (o[2]! << 8) + o[3]!;
        const start = base & ~((1 << (32 - bits)) - 1) >>> 0;
        for (let i = 0; i < 2 ** (32 - bits); i++) { const x = (start + i) >>> 0; out.addresses.push(`${x >>> 24}.${(x >>> 16) & 255}.${(x >>> 8) & 255}.${x & 255}`); }
      } else out.unknown = true;
    } else if ((m = /^(\d{1,3}\.\d{1,3}\.\d{1,3})\.(\d{1,3})-(\d{1,3})$/.exec(token)) && Number(m[2]) <= Number(m[3]) && Number(m[3]) <= 255) {
      for (let i = Number(m[2]); i <= Number(m[3]); i++) out.addresses.push(`${m[1]}.${i}`);
    }
    if (out.addresses.length > MAX_LISTED_ADDRESSES) { out.addresses.length = 0; out.unknown = true; }
  }
  return out;
}

/**
 * What the scan covered (ADR 0011): the scanned ports (`<scaninfo services>`) of the address ranges on its
 * command line and of the hosts it found up. Inside that: hosts in the ranges that did not answer, and
 * services, Runs and this vantage's reach on scanned ports that are no longer open, are removed. Ports it
 * did not probe, hosts outside its ranges (another subnet) and facts of other vantages are unknown, kept.
 */
function scanScopes(scanned: ScanInfo[], args: string[], hostKeys: Map<string, string>, vantage: string, warnings: string[]): GraphBatch['scopes'] {
  const tails: string[] = [];
  for (const sc of scanned) {
    const ports = sc.services ? portList(sc.services) : null;
    if (!ports) { warnings.push(`the scan does not say which ${sc.protocol} ports it probed: nothing imported earlier from this source is removed`); return []; }
    for (const port of ports) tails.push(`${sc.protocol}/${port}`);
  }
  if (tails.length === 0) { warnings.push('the scan does not say which ports it probed (no <scaninfo>): nothing imported earlier from this source is removed'); return []; }
  const targets = args.map(scanTargets);
  const ranges = { idPrefixes: targets.flatMap((t) => t.idPrefixes), aliasPrefixes: targets.flatMap((t) => t.aliasPrefixes), addresses: [...new Set(targets.flatMap((t) => t.addresses))] };
  const hostIds = [...new Set([...ranges.addresses.map((a) => `host:${a}`), ...hostKeys.values()])];
  const svcPrefixes = [...new Set([...ranges.idPrefixes.map((p) => `svc:${p}`), ...ranges.addresses.map((a) => `svc:${a}:`), ...[...hostKeys.keys()].map((k) => `svc:${k}:`)])];
  const ports = `${tails.length} port(s)`;
  const where = [...ranges.idPrefixes.map((p) => `${p}*`), ...(ranges.addresses.length ? [`${ranges.addresses.length} address(es)`] : []), `${hostKeys.size} host(s) up`].join(', ');
  return [
    ...(ranges.idPrefixes.length || ranges.addresses.length
      ? [{ label: `hosts of ${where}`, nodeKinds: ['Host' as const], ids: hostIds, idPrefixes: ranges.idPrefixes.map((p) => `host:${p}`), aliasPrefixes: ranges.aliasPrefixes }] : []),
    { label: `services on ${ports} of ${where}`, nodeKinds: ['Service'], idPrefixes: svcPrefixes, idTails: tails },
    { label: `services run on ${ports} of ${where}`, edgeKinds: ['Runs'], toPrefixes: svcPrefixes, toTails: tails },
    { label: `reach from ${vantage} to ${ports} of ${where}`, edgeKinds: ['CanReach'], from: [vantage], toPrefixes: svcPrefixes, toTails: tails },
  ];
}

export function nmapBatch(hosts: HostRecord[], context: ParseContext, files: string[], down = 0, scanned: ScanInfo[] = [], args: string[] = []): GraphBatch {
  const nodes: BatchNode[] = [];
  const edges: BatchEdge[] = [];
  const warnings: string[] = [];
  const internet = context.options?.internet === true;
  const from = textOption(context, 'from', 'scanner');
  const vantage: BatchNode = internet
    ? { ...INTERNET_REF }
    : from.startsWith('host:')
      ? { id: from, kind: 'Host', name: from.slice(5), ref: true }
      : { id: `zone:${from}`, kind: 'Zone', name: from, ref: true };
  nodes.push(vantage);
  const seen = new Set<string>();
  const hostKeys = new Map<string, string>(); // key → host id, for the hosts found up
  for (const h of hosts) {
    const key = h.ips[0] ?? (h.mac ? `mac:${h.mac.toLowerCase()}` : null);
    if (!key) { warnings.push('a host that is up has no address; skipped'); continue; }
    // A host listed again (several files of one run, or a rescan inside one file) adds its ports only.
    const again = seen.has(key);
    seen.add(key);
    const hostId = `host:${key}`;
    hostKeys.set(key, hostId);
    const aliases = [...h.ips.map((ip) => alias('ip', ip)), ...(h.mac ? [alias('mac', h.mac)] : []),
      ...h.names.map((n) => (n.includes('.') ? alias('fqdn', n) : alias('hostname', n)))];
    if (!again) nodes.push({
      id: hostId, kind: 'Host', name: h.names[0] ?? key, aliases: [...new Set(aliases)],
      props: {
        ...(h.ips.length ? { ips: h.ips } : {}), ...(h.mac ? { mac: h.mac.toLowerCase() } : {}), ...(h.macVendor ? { macVendor: h.macVendor } : {}),
        ...(h.names.length ? { hostnames: [...new Set(h.names)] } : {}), ...(h.os ? { os: h.os.name, osAccuracy: h.os.accuracy } : {}),
      },
    });
    for (const p of h.ports.filter((x) => x.open)) {
      const portKey = `${p.protocol}/${p.port}`;
      const svcId = `svc:${key}:${portKey}`;
      if (seen.has(svcId)) continue;
      seen.add(svcId);
      const s = p.service ?? {};
      const risky = internet ? (RISKY_FROM_INTERNET[s.name ?? ''] ?? RISKY_PORTS[portKey]) : undefined;
      if (risky) warnings.push(`${risky} on ${key} ${portKey} is reachable from the Internet`);
      nodes.push({
        id: svcId, kind: 'Service', name: `${s.name ?? 'unknown'} ${portKey} on ${key}`,
        ...(internet ? { exposure: 'internet' as const } : {}),
        props: {
          protocol: p.protocol, port: p.port, ...(s.name ? { service: s.name } : {}), ...(s.product ? { product: s.product } : {}),
          ...(s.version ? { version: s.version } : {}), ...(s.extrainfo ? { extrainfo: s.extrainfo } : {}), ...(s.tunnel ? { tunnel: s.tunnel } : {}),
          ...(p.cpe.length ? { cpe: p.cpe } : {}), ...(p.scripts.length ? { scripts: p.scripts } : {}), ...(risky ? { riskyInternetExposure: risky } : {}),
        },
      });
      edges.push({ kind: 'Runs', from: hostId, to: svcId });
      edges.push({ kind: 'CanReach', from: vantage.id, to: svcId, key: portKey, evidence: [`nmap: ${portKey} open on ${key} (${files.join(', ')})`] });
    }
  }
  const scopes = scanScopes(scanned, args, hostKeys, vantage.id, warnings);
  return { source: context.source ?? 'nmap', format: 'nmap', complete: true, nodes, edges, warnings, files, rejected: down ? { 'host not up': down } : {}, scopes };
}

/** Several files of one run: the ports probed per protocol, joined. */
function mergedScanInfo(scanned: ScanInfo[]): ScanInfo[] {
  const byProtocol = new Map<string, string | null>();
  for (const sc of scanned) {
    const known = byProtocol.get(sc.protocol);
    byProtocol.set(sc.protocol, known === undefined ? sc.services : known === null || sc.services === null ? null : `${known},${sc.services}`);
  }
  return [...byProtocol].map(([protocol, services]) => ({ protocol, services }));
}

export const nmapImporter: Importer = {
  id: 'nmap',
  title: 'Nmap XML (-oX)',
  accepts: 'Nmap XML output (-oX), or masscan -oX',
  options: ['from', 'internet'],
  async parse(files, context) {
    const counts: ScanCounts = { down: 0, scanned: [], args: [] };
    const hosts = await readEach(files, (f) => readHosts(f, counts));
    return nmapBatch(hosts, context, files.map((f) => f.name), counts.down, mergedScanInfo(counts.scanned), counts.args);
  },
};
