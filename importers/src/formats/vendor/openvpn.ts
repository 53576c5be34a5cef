/**
 * `openvpn`: an OpenVPN server status file (`--status`, versions 1, 2 and 3: the `OpenVPN CLIENT LIST`
 * block, or CSV / tab-separated `HEADER,CLIENT_LIST,…` rows). Sessions say whether a remote-access path
 * is actually used, and by whom: the importer records them on the RemoteAccess node named by
 * `--access <name>` (default "openvpn"; use the access name of the vendor grant so they merge):
 * `sessions` (distinct common names connected), `clients`, `connectedSince` (earliest) and
 * `statusTime` (ISO times, from the time_t columns where the file has them). Rows repeating a common
 * name count once. Addresses are not used as keys (status files are often redacted to 0.0.0.0).
 * Parsing is strict: a file that is not a server status file — a client statistics file, a syslog, a
 * truncated or hand-damaged status file — is refused with its line, never read as "0 sessions".
 */
import { BadInputError } from '@chokepoint/queries';
import { decodeUtf8, assertSize } from '../../input.js';
import type { Importer } from '../../registry.js';
import { retentionDays, textOption } from '../../options.js';
import { BatchCollector } from '../../collector.js';
import { slug } from './vendor-access.js';

const EXPECTED = 'an OpenVPN server status file (status-version 1, 2 or 3)';

export interface OpenVpnStatus { version: 1 | 2 | 3; clients: Map<string, { connectedSince: string | null; username: string | null }>; time: string | null }

/** Row types of status-version 2 and 3 (OpenVPN 2.1–2.6 `multi.c` / the manual's `--status-version`). */
const V2_ROWS = new Set(['TITLE', 'TIME', 'HEADER', 'CLIENT_LIST', 'ROUTING_TABLE', 'GLOBAL_STATS', 'END']);
/** Section lines of status-version 1, in the order they appear. */
const V1 = { clients: 'OpenVPN CLIENT LIST', routing: 'ROUTING TABLE', stats: 'GLOBAL STATS', end: 'END' } as const;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * A time from a status file as ISO, or null: the time_t column when present (it cannot be mis-read),
 * else the text in one of the two forms OpenVPN writes — ctime `Thu Jun 18 04:23:03 2015` (≤ 2.5) or
 * `2024-03-23 16:00:26` (2.6) — read as UTC, since the file does not say its zone.
 */
function statusTime(text: string | undefined, timeT: string | undefined): string | null {
  if (timeT && /^\d+$/.test(timeT)) return new Date(Number(timeT) * 1000).toISOString();
  const t = text?.trim() ?? '';
  const ctime = /^[A-Z][a-z]{2} ([A-Z][a-z]{2}) +(\d{1,2}) (\d{2}):(\d{2}):(\d{2}) (\d{4})$/.exec(t);
  const iso = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(t);
  const parts = ctime ? [ctime[6], MONTHS.indexOf(ctime[1]!) + 1, ctime[2], ctime[3], ctime[4], ctime[5]] : iso ? iso.slice(1) : null;
  if (!parts) return null;
  const [y, mo, d, h, mi, sec] = parts.map(Number) as [number, number, number, number, number, number];
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, sec));
  // Reject impossible fields (month 0, day 32, hour 25) rather than letting Date roll them over.
  if (mo < 1 || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d || h > 23 || mi > 59 || sec > 59) return null;
  return date.toISOString();
}

/**
 * Parses a server status file strictly: every line must be a row the format defines, every row must
 * have the fields its header names. A file that is not a server status file (a client statistics file,
 * a VPN syslog, JSON …) is refused with the line that gave it away, so a bad file can never replace a
 * path's sessions with emptier data.
 */
export function parseOpenVpnStatus(text: string, file: string): OpenVpnStatus {
  const lines = text.split(/\r?\n/);
  const firstIndex = lines.findIndex((l) => l.trim() !== '');
  const first = lines[firstIndex] ?? '';
  const bad = (i: number, problem: string): never => { throw new BadInputError({ file, line: i + 1 }, problem, EXPECTED); };
  if (first.startsWith(V1.clients)) return parseV1(lines, bad);
  const tsv = first.includes('\t');
  const head = first.split(tsv ? '\t' : ',')[0] ?? '';
  if (!V2_ROWS.has(head)) {
    if (first.startsWith('OpenVPN STATISTICS')) bad(firstIndex, 'an OpenVPN client statistics file (it lists no connected clients)');
    bad(firstIndex, `the first line is not an OpenVPN status row (${JSON.stringify(first.slice(0, 60))})`);
  }
  const status: OpenVpnStatus = { version: tsv ? 3 : 2, clients: new Map(), time: null };
  const headers = new Map<string, string[]>();
  let ended = false;
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    if (ended) bad(i, 'a line after END');
    const f = line.split(tsv ? '\t' : ',');
    const type = f[0]!;
    if (!V2_ROWS.has(type)) bad(i, `an unknown row type ${JSON.stringify(type.slice(0, 40))}`);
    switch (type) {
      case 'END': ended = true; return;
      case 'TITLE': case 'GLOBAL_STATS': return;
      case 'TIME': {
        // OpenVPN writes TIME,<text>,<time_t>; some builds put time_t first.
        const [a, b] = [f[1], f[2]];
        status.time = /^\d+$/.test(a ?? '') ? statusTime(b, a) : statusTime(a, b);
        return;
      }
      case 'HEADER': {
        if (!f[1] || f.length < 3) bad(i, 'a HEADER row without a row type and field names');
        headers.set(f[1]!, f.slice(2));
        return;
      }
      default: {
        const h = headers.get(type);
        if (!h) bad(i, `a ${type} row before its HEADER row`);
        // Routing rows are not read (sessions come from CLIENT_LIST), so their layout is not checked:
        // OpenVPN 2.1 writes a space for a tab in some of them.
        if (type !== 'CLIENT_LIST') return;
        if (f.length !== h!.length + 1) bad(i, `a ${type} row with ${f.length - 1} fields where its HEADER names ${h!.length}`);
        const field = (name: string) => { const k = h!.indexOf(name); return k === -1 ? undefined : f[k + 1]; };
        const user = field('Username');
        // Without client certificates OpenVPN reports the common name UNDEF: the username then names the session.
        const cn = field('Common Name') === 'UNDEF' && user && user !== 'UNDEF' ? user : field('Common Name');
        if (!cn) bad(i, 'a CLIENT_LIST row without a common name');
        const since = statusTime(field('Connected Since'), field('Connected Since (time_t)'));
        if (since === null) bad(i, 'a CLIENT_LIST row whose Connected Since is not a time');
        if (!status.clients.has(cn!)) status.clients.set(cn!, { connectedSince: since, username: user && user !== 'UNDEF' ? user : null });
      }
    }
  });
  if (!headers.has('CLIENT_LIST')) bad(lines.length - 1, 'no HEADER row for CLIENT_LIST');
  // OpenVPN rewrites the file in place; a copy taken mid-write lacks END and may lack clients.
  if (!ended) bad(lines.length - 1, 'the file ends before END (cut short while OpenVPN rewrote it?)');
  return status;
}

/** Status-version 1: fixed sections, comma-separated, client rows of five fields. */
function parseV1(lines: string[], bad: (i: number, problem: string) => never): OpenVpnStatus {
  const status: OpenVpnStatus = { version: 1, clients: new Map(), time: null };
  let section = 'clients' as 'clients' | 'routing' | 'stats' | 'end';
  let header: string[] | null = null;
  let seen = false;
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    if (!seen) { seen = true; return; } // the "OpenVPN CLIENT LIST" title
    if (section === 'end') bad(i, 'a line after END');
    if (line === V1.routing) { section = 'routing'; header = null; return; }
    if (line === V1.stats) { section = 'stats'; return; }
    if (line === V1.end) { section = 'end'; return; }
    const f = line.split(',');
    if (section === 'clients') {
      if (f[0] === 'Updated' && !header) { status.time = statusTime(f.slice(1).join(','), undefined); return; }
      if (f[0] === 'Common Name') { header = f; return; }
      if (!header) bad(i, 'a client row before the "Common Name,…" header');
      if (f.length !== header!.length) bad(i, `a client row with ${f.length} fields where the header names ${header!.length}`);
      const since = statusTime(f[header!.indexOf('Connected Since')], undefined);
      if (since === null) bad(i, 'a client row whose Connected Since is not a time');
      if (!status.clients.has(f[0]!)) status.clients.set(f[0]!, { connectedSince: since, username: null });
    } else if (section === 'routing') {
      if (f[0] === 'Virtual Address') { header = f; return; }
      if (!header) bad(i, 'a routing row before the "Virtual Address,…" header');
    } else if (f.length !== 2) bad(i, 'a GLOBAL STATS row that is not "name,value"');
  });
  if (section !== 'end') bad(lines.length - 1, 'the file ends before END (cut short while OpenVPN rewrote it?)');
  return status;
}

/** Days a VPN session record counts as current without a newer status file. */
export const SESSION_RETENTION_DAYS = 7;

export const openVpnImporter: Importer = {
  id: 'openvpn',
  title: 'OpenVPN server status file (v1, v2, v3) — sessions on a remote-access path',
  accepts: 'openvpn-status.log (status-version 1, 2 or 3)',
  options: ['access', 'retentionDays'],
  async parse(files, context) {
    const c = new BatchCollector();
    const accessName = textOption(context, 'access', 'openvpn');
    const clients = new Map<string, string | null>();
    let time: string | null = null;
    for (const file of files) {
      assertSize(file, 256 * 1024 * 1024, EXPECTED);
      const status = parseOpenVpnStatus(decodeUtf8(await file.read(), file.name), file.name);
      for (const [cn, s] of status.clients) if (!clients.has(cn)) clients.set(cn, s.connectedSince);
      time = status.time ?? time;
    }
    const since = [...clients.values()].filter((x): x is string => !!x).sort()[0];
    c.node({
      id: `access:${slug(accessName)}`, kind: 'RemoteAccess', name: accessName,
      props: { method: 'vpn', sessions: clients.size, clients: [...clients.keys()].sort(), ...(since !== undefined ? { connectedSince: since } : {}), ...(time ? { statusTime: time } : {}) },
    });
    // Sessions are observations: a later status file refreshes them; they age out by `chokepoint expire`.
    const days = retentionDays(context, SESSION_RETENTION_DAYS);
    return { ...c.batch(context.source ?? 'openvpn', 'openvpn', true, files.map((f) => f.name)), observations: { retentionDays: days } };
  },
};
