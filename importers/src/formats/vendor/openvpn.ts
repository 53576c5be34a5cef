/**
 * `openvpn`: an OpenVPN server status file (`--status`, versions 1, 2 and 3: the `OpenVPN CLIENT LIST`
 * block, or CSV / tab-separated `HEADER,CLIENT_LIST,…` rows). Sessions say whether a remote-access path
 * is actually used, and by whom: the importer records them on the RemoteAccess node named by
 * `--access <name>` (default "openvpn"; use the access name of the vendor grant so they merge):
 * `sessions` (distinct common names connected), `clients`, `connectedSince` (earliest) and
 * `statusTime`. Rows repeating a common name count once. Addresses are not used as keys (status files
 * are often redacted to 0.0.0.0). A client statistics file has no sessions: 0 sessions and a warning.
 */
import { BadInputError } from '@chokepoint/queries';
import { decodeUtf8, assertSize } from '../../input.js';
import type { Importer } from '../../registry.js';
import { BatchCollector } from '../../collector.js';
import { slug } from './vendor-access.js';

const EXPECTED = 'an OpenVPN server status file (status-version 1, 2 or 3)';

export interface OpenVpnStatus { version: 1 | 2 | 3 | null; clients: Map<string, { connectedSince: string | null; username: string | null }>; time: string | null }

export function parseOpenVpnStatus(text: string, file: string): OpenVpnStatus {
  const lines = text.split(/\r?\n/);
  const status: OpenVpnStatus = { version: null, clients: new Map(), time: null };
  const tsv = lines.some((l) => l.startsWith('HEADER\t') || l.startsWith('TITLE\t'));
  const split = (l: string) => (tsv ? l.split('\t') : l.split(','));
  let header: string[] | null = null;
  let v1Section: 'clients' | 'routing' | null = null;
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    const f = split(line);
    if (f[0] === 'HEADER' && f[1] === 'CLIENT_LIST') { header = f.slice(2); status.version = tsv ? 3 : 2; return; }
    if (f[0] === 'TIME') { status.time = f[1] ?? null; return; }
    if (f[0] === 'CLIENT_LIST') {
      if (!header) throw new BadInputError({ file, line: i + 1 }, 'a CLIENT_LIST row before its HEADER row', EXPECTED);
      const h = header;
      const cn = f[1 + h.indexOf('Common Name')];
      if (!cn) throw new BadInputError({ file, line: i + 1 }, 'a CLIENT_LIST row without a common name', EXPECTED);
      if (!status.clients.has(cn)) status.clients.set(cn, { connectedSince: f[1 + h.indexOf('Connected Since')] ?? null, username: f[1 + h.indexOf('Username')] ?? null });
      return;
    }
    // Status version 1.
    if (line.startsWith('OpenVPN CLIENT LIST')) { status.version = 1; v1Section = 'clients'; return; }
    if (line.startsWith('ROUTING TABLE')) { v1Section = 'routing'; return; }
    if (line.startsWith('Updated,') && status.version === 1) { status.time = line.slice(8); return; }
    if (v1Section === 'clients' && !line.startsWith('Common Name,')) {
      const [cn, , , , since] = line.split(',');
      if (cn && !status.clients.has(cn)) status.clients.set(cn, { connectedSince: since ?? null, username: null });
    }
    if (line.startsWith('GLOBAL STATS') || line === 'END') v1Section = null;
  });
  return status;
}

export const openVpnImporter: Importer = {
  id: 'openvpn',
  title: 'OpenVPN server status file (v1, v2, v3) — sessions on a remote-access path',
  accepts: 'openvpn-status.log (status-version 1, 2 or 3); --access NAME names the RemoteAccess it belongs to',
  async parse(files, context) {
    const c = new BatchCollector();
    const accessName = typeof context.options?.access === 'string' && context.options.access ? context.options.access : 'openvpn';
    const clients = new Map<string, string | null>();
    let time: string | null = null;
    for (const file of files) {
      assertSize(file, 256 * 1024 * 1024, EXPECTED);
      const status = parseOpenVpnStatus(decodeUtf8(await file.read(), file.name), file.name);
      if (status.version === null) c.warnings.push(`${file.name}: no client list (a client statistics file?): 0 sessions`);
      for (const [cn, s] of status.clients) if (!clients.has(cn)) clients.set(cn, s.connectedSince);
      time = status.time ?? time;
    }
    const since = [...clients.values()].filter((x): x is string => !!x).map((x) => Date.parse(x)).filter((x) => !Number.isNaN(x)).sort((a, b) => a - b)[0];
    c.node({
      id: `access:${slug(accessName)}`, kind: 'RemoteAccess', name: accessName,
      props: { method: 'vpn', sessions: clients.size, clients: [...clients.keys()].sort(), ...(since !== undefined ? { connectedSince: new Date(since).toISOString() } : {}), ...(time ? { statusTime: time } : {}) },
    });
    return c.batch(context.source ?? 'openvpn', 'openvpn', true, files.map((f) => f.name));
  },
};
