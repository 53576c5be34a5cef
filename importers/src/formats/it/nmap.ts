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

interface PortRecord { protocol: string; port: number; service?: Record<string, string>; cpe: string[]; scripts: string[]; open: boolean }
interface HostRecord { up: boolean | null; ips: string[]; mac?: string; macVendor?: string; names: string[]; os?: { name: string; accuracy: number }; ports: PortRecord[] }

/** Services whose exposure to the Internet is a finding on its own. */
const RISKY_FROM_INTERNET: Record<string, string> = {
  telnet: 'telnet', 'ms-wbt-server': 'RDP', vnc: 'VNC', 'microsoft-ds': 'SMB', 'netbios-ssn': 'SMB',
};
const RISKY_PORTS: Record<string, string> = { 'tcp/23': 'telnet', 'tcp/3389': 'RDP', 'tcp/5900': 'VNC', 'tcp/445': 'SMB', 'tcp/139': 'SMB' };

async function readHosts(file: InputFile, counts: { down: number }): Promise<HostRecord[]> {
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

export function nmapBatch(hosts: HostRecord[], context: ParseContext, files: string[], down = 0): GraphBatch {
  const nodes: BatchNode[] = [];
  const edges: BatchEdge[] = [];
  const warnings: string[] = [];
  const internet = context.options?.internet === true;
  const from = typeof context.options?.from === 'string' ? context.options.from : 'scanner';
  const vantage: BatchNode = internet
    ? { ...INTERNET_REF }
    : from.startsWith('host:')
      ? { id: from, kind: 'Host', name: from.slice(5), ref: true }
      : { id: `zone:${from}`, kind: 'Zone', name: from, ref: true };
  nodes.push(vantage);
  const seen = new Set<string>();
  for (const h of hosts) {
    const key = h.ips[0] ?? (h.mac ? `mac:${h.mac.toLowerCase()}` : null);
    if (!key) { warnings.push('a host that is up has no address; skipped'); continue; }
    // A host listed again (several files of one run, or a rescan inside one file) adds its ports only.
    const again = seen.has(key);
    seen.add(key);
    const hostId = `host:${key}`;
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
  return { source: context.source ?? 'nmap', format: 'nmap', complete: true, nodes, edges, warnings, files, rejected: down ? { 'host not up': down } : {} };
}

export const nmapImporter: Importer = {
  id: 'nmap',
  title: 'Nmap XML (-oX)',
  accepts: 'Nmap XML output; options: --from <zone|host:ID> (default zone "scanner") or --internet',
  async parse(files, context) {
    const counts = { down: 0 };
    const hosts = await readEach(files, (f) => readHosts(f, counts));
    return nmapBatch(hosts, context, files.map((f) => f.name), counts.down);
  },
};
