/**
 * `vpn-log`: SSL-VPN syslog from FortiGate (FortiOS `type=event subtype=vpn` key=value records), Palo Alto
 * GlobalProtect (PAN-OS syslog CSV records of type GLOBALPROTECT, fields in the order of PAN-OS's
 * "GlobalProtect Log Fields") and Ivanti / Pulse Connect Secure (WELF `msg="AUT…"` or the standard
 * `… - [ip] user(realm)[roles] - Login succeeded …` lines), one file may mix them. Each login is a signal
 * on the access path (`--access NAME`, as `openvpn` and the vendor register name it) and on the account and
 * the remote address: a successful one `low` (T1133 External Remote Services), a failed one `low` (T1110).
 * The access path records the sessions (distinct users with a successful login), its users and the last
 * login. Other lines (other log types, tunnel statistics, syslog noise) are counted under `rejected`; a
 * file without a single VPN login event is refused.
 */
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { parse as parseCsvLine } from 'csv-parse/sync';
import { BadInputError, type SignalRow, type SignalSubject } from '@chokepoint/queries';
import { utf8Chunks, type InputFile } from '../../input.js';
import { gunzipped } from '../../gzip.js';
import type { Importer } from '../../registry.js';
import { BatchCollector } from '../../collector.js';
import { slug } from '../vendor/vendor-access.js';
import { signalId, signalTime, subject } from './signal-rows.js';
import { textOption } from '../../options.js';

const EXPECTED = 'FortiGate SSL-VPN event logs, GlobalProtect syslog (GLOBALPROTECT records) or Ivanti Connect Secure syslog';

export interface VpnLogin { vendor: 'fortigate' | 'globalprotect' | 'ivanti'; time: string; user: string | null; remote: string | null; ok: boolean; detail: string; line: number; file?: string }

/** FortiOS key=value pairs (values quoted or bare). */
function keyValues(line: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of line.matchAll(/([A-Za-z_][\w-]*)=("((?:[^"\\]|\\.)*)"|[^\s"]*)/g)) out.set(m[1]!, m[3] ?? m[2]!);
  return out;
}

function fortigate(line: string, n: number, file: string): VpnLogin | 'other' | null {
  if (!/\bsubtype="?vpn"?/.test(line) || !/\btype="?event"?/.test(line)) return /\blogid="?\d{10}"?/.test(line) && /\bdevid=/.test(line) ? 'other' : null;
  const kv = keyValues(line);
  const action = kv.get('action') ?? '';
  const ok = action === 'tunnel-up' || action === 'ssl-login-success';
  if (!ok && action !== 'ssl-login-fail') return 'other';
  const eventtime = kv.get('eventtime');
  // eventtime is epoch nanoseconds (FortiOS ≥ 6.2) or seconds; else date + time (+ tz), read as UTC without tz.
  const fromEvent = eventtime && /^\d+$/.test(eventtime) ? signalTime(eventtime.length > 13 ? String(Number(eventtime.slice(0, 13))) : eventtime) : null;
  const tz = kv.get('tz')?.replace(/^([+-]\d\d)(\d\d)$/, '$1:$2') ?? 'Z';
  const time = fromEvent ?? signalTime(`${kv.get('date') ?? ''}T${kv.get('time') ?? ''}${tz}`);
  if (!time) throw new BadInputError({ file, line: n }, 'a FortiGate VPN event without a readable date/time or eventtime', 'date=YYYY-MM-DD time=HH:MM:SS or eventtime=<epoch>');
  const user = kv.get('user') && kv.get('user') !== 'N/A' ? kv.get('user')! : null;
  return { vendor: 'fortigate', time, user, remote: kv.get('remip') ?? null, ok, detail: `${kv.get('logdesc') ?? action}${kv.get('srccountry') ? ` from ${kv.get('srccountry')}` : ''}${kv.get('reason') && kv.get('reason') !== 'N/A' ? ` (${kv.get('reason')})` : ''}`, line: n };
}

/** GlobalProtect: the CSV record starts at FUTURE_USE, then Receive Time, Serial, Type=GLOBALPROTECT. */
const GP_START = /\d*,\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2},[^,]*,GLOBALPROTECT,/;
const GP = { generated: 6, event: 8, stage: 9, user: 12, region: 13, publicIp: 15, status: 28, error: 26 } as const;

function globalprotect(line: string, n: number, file: string): VpnLogin | 'other' | null {
  const m = GP_START.exec(line);
  if (!m) return null;
  const start = m.index;
  let fields: string[];
  try { fields = (parseCsvLine(line.slice(start), { relax_column_count: true, relax_quotes: true }) as string[][])[0] ?? []; } catch (e) {
    throw new BadInputError({ file, line: n }, `a GLOBALPROTECT record that is not valid CSV (${(e as Error).message})`, 'PAN-OS syslog CSV');
  }
  if (fields.length <= GP.status) throw new BadInputError({ file, line: n }, `a GLOBALPROTECT record with ${fields.length} fields`, `at least ${GP.status + 1} fields (PAN-OS 9.1 and later)`);
  const event = fields[GP.event] ?? '';
  const status = (fields[GP.status] ?? '').toLowerCase();
  const login = event === 'gateway-connected' || event === 'gateway-auth' || event === 'portal-auth';
  if (!login || (status !== 'success' && status !== 'failure')) return 'other';
  if (event !== 'gateway-connected' && status === 'success') return 'other'; // a successful connect follows: counted once
  const time = signalTime((fields[GP.generated] ?? '').replace(/\//g, '-').replace(' ', 'T') + 'Z');
  if (!time) throw new BadInputError({ file, line: n }, `generated time ${JSON.stringify(fields[GP.generated])} is not a time`, 'YYYY/MM/DD HH:MM:SS');
  const region = fields[GP.region];
  return { vendor: 'globalprotect', time, user: fields[GP.user] || null, remote: fields[GP.publicIp] || null, ok: status === 'success', detail: `${event} ${status}${region ? ` from ${region}` : ''}${fields[GP.error] ? ` (${fields[GP.error]})` : ''}`, line: n };
}

const IVANTI_OK = /\bAUT(22670|24414|24326)\b|\b(Agent login|Login) succeeded\b/;
const IVANTI_FAIL = /\bAUT(23457|24327|20914)\b|\bLogin failed\b|\bPrimary authentication failed\b/;

function ivanti(line: string, n: number, file: string): VpnLogin | 'other' | null {
  const welf = /\bid=firewall\b/.test(line) && /\bvpn=ive\b/.test(line);
  const standard = / - ive - \[/.test(line) || /\b(PCS|IVS|ive)\b.*\bAUT\d{5}\b/.test(line);
  if (!welf && !standard) return null;
  const ok = IVANTI_OK.test(line), fail = IVANTI_FAIL.test(line);
  if (!ok && !fail) return 'other';
  const kv = welf ? keyValues(line) : new Map<string, string>();
  const time = signalTime(kv.get('time') ?? /(\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2})/.exec(line)?.[1] ?? '');
  if (!time) throw new BadInputError({ file, line: n }, 'an Ivanti login event without a readable time', 'time="YYYY-MM-DD HH:MM:SS" or a leading YYYY-MM-DD HH:MM:SS');
  const msg = kv.get('msg') ?? line;
  const user = kv.get('user') && kv.get('user') !== 'System' ? kv.get('user')! : /\bfor ([^\s/]+)\//.exec(msg)?.[1] ?? / - \[[^\]]*\] ([^(\s]+)\(/.exec(line)?.[1] ?? null;
  const remote = kv.get('src') || /\bfrom (\d{1,3}(?:\.\d{1,3}){3}|[0-9a-f:]+:[0-9a-f:]+)\b/i.exec(msg)?.[1] || / - \[([^\]]+)\]/.exec(line)?.[1] || null;
  return { vendor: 'ivanti', time, user, remote, ok, detail: (/AUT\d{5}: [^"]*/.exec(msg)?.[0] ?? (ok ? 'Login succeeded' : 'Login failed')).slice(0, 300), line: n };
}

export async function readVpnLog(file: InputFile, logins: VpnLogin[], rejected: Record<string, number>): Promise<void> {
  if (file.size === 0) throw new BadInputError({ file: file.name, line: 1 }, 'the file is empty (0 bytes)', EXPECTED);
  let n = 0;
  const before = logins.length;
  const lines = createInterface({ input: Readable.from(utf8Chunks(gunzipped(file, EXPECTED), () => n)), crlfDelay: Infinity });
  for await (const raw of lines) {
    n++;
    const line = raw.trim();
    if (line === '') continue;
    const read = fortigate(line, n, file.name) ?? globalprotect(line, n, file.name) ?? ivanti(line, n, file.name);
    if (read === null) rejected['lines that are no FortiGate, GlobalProtect or Ivanti record'] = (rejected['lines that are no FortiGate, GlobalProtect or Ivanti record'] ?? 0) + 1;
    else if (read === 'other') rejected['VPN device records that are no login'] = (rejected['VPN device records that are no login'] ?? 0) + 1;
    else logins.push({ ...read, file: file.name });
  }
  if (logins.length === before) throw new BadInputError({ file: file.name, line: n || 1 }, 'no VPN login event in the file', EXPECTED);
}

export const vpnLogImporter: Importer = {
  id: 'vpn-log',
  title: 'SSL-VPN logins: FortiGate, GlobalProtect, Ivanti Connect Secure syslog (sessions + signals)',
  accepts: 'syslog files (plain or .gz)',
  options: ['access'],
  async parse(files, context) {
    const accessName = textOption(context, 'access', 'ssl-vpn');
    const accessId = `access:${slug(accessName)}`;
    const logins: VpnLogin[] = [];
    const rejected: Record<string, number> = {};
    for (const f of files) await readVpnLog(f, logins, rejected);
    const users = [...new Set(logins.filter((l) => l.ok && l.user).map((l) => l.user!))].sort();
    const last = logins.filter((l) => l.ok).map((l) => l.time).sort().at(-1);
    const c = new BatchCollector();
    c.node({ id: accessId, kind: 'RemoteAccess', name: accessName, props: { method: 'vpn', sessions: users.length, clients: users, ...(last ? { lastLogin: last } : {}) } });
    const signals: SignalRow[] = logins.map((l, i) => {
      const subjects = [{ key: accessId, role: 'host' as const }, subject(l.user, 'user', 'account'), subject(l.remote, 'source')].filter((x): x is SignalSubject => x !== null);
      return {
        id: signalId(l.vendor, l.time, l.user, l.remote, l.ok ? 'ok' : 'fail', l.detail, i), time: l.time, product: l.vendor,
        rule: l.ok ? `${l.vendor} VPN login` : `${l.vendor} VPN login failed`, severity: 'low', confidence: l.ok ? 0.5 : 0.4,
        techniques: l.ok ? ['T1133'] : ['T1110'], subjects, evidence: `${l.file ?? 'vpn log'}:${l.line}`,
        summary: `${l.user ?? 'unknown user'} from ${l.remote ?? 'unknown address'}: ${l.detail}`.slice(0, 2048),
      };
    });
    return { ...c.batch(context.source ?? 'vpn-log', 'vpn-log', false, files.map((f) => f.name)), signals, rejected };
  },
};
