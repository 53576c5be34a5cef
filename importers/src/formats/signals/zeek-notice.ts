/**
 * `zeek-notice`: Zeek `notice.log` and `weird.log` (TSV with headers or JSON lines, plain or gzip).
 * A notice is a signal on its `src` / `id.orig_h` (source) and `dst` / `id.resp_h` (destination), rule =
 * `note`, summary = `msg` (and `sub`); a weird is a low-confidence protocol anomaly, rule = `weird:<name>`.
 * Zeek notices carry no severity: the table below gives the common ones theirs (and an ATT&CK technique);
 * any other notice is medium, any weird info. Records without an address (capture loss, global weirds) are
 * counted under `rejected`. Other Zeek logs given to this format are refused: use `zeek` for conn and OT logs.
 */
import { BadInputError, type SignalRow, type SignalSeverity, type SignalSubject } from '@chokepoint/queries';
import type { InputFile } from '../../input.js';
import { readZeekLog, type ZeekRecord } from '../ot/zeek-log.js';
import { signalId, signalImporter, signalTime, subject } from './signal-rows.js';

/** Severity and technique of well-known notices (Zeek base and policy scripts). */
export const NOTICE_RULES: Record<string, { severity: SignalSeverity; techniques: string[] }> = {
  'Scan::Port_Scan': { severity: 'low', techniques: ['T1046'] },
  'Scan::Address_Scan': { severity: 'low', techniques: ['T1046'] },
  'Scan::Random_Scan': { severity: 'low', techniques: ['T1046'] },
  'SSH::Password_Guessing': { severity: 'medium', techniques: ['T1110'] },
  'SSH::Login_By_Password_Guesser': { severity: 'high', techniques: ['T1110', 'T1078'] },
  'FTP::Bruteforcing': { severity: 'medium', techniques: ['T1110'] },
  'HTTP::SQL_Injection_Attacker': { severity: 'high', techniques: ['T1190'] },
  'HTTP::SQL_Injection_Victim': { severity: 'high', techniques: ['T1190'] },
  'TeamCymruMalwareHashRegistry::Match': { severity: 'high', techniques: ['T1204'] },
  'Intel::Notice': { severity: 'high', techniques: [] },
  'SSL::Invalid_Server_Cert': { severity: 'low', techniques: [] },
  'SSL::Certificate_Expired': { severity: 'info', techniques: [] },
  'SSL::Certificate_Not_Valid_Yet': { severity: 'info', techniques: [] },
  'SSL::Certificate_Expires_Soon': { severity: 'info', techniques: [] },
  'SSL::Weak_Key': { severity: 'low', techniques: [] },
  'SSL::Old_Version': { severity: 'low', techniques: [] },
  'SSL::Weak_Cipher': { severity: 'low', techniques: [] },
  'Weird::Activity': { severity: 'info', techniques: [] },
  'ProtocolDetector::Protocol_Found': { severity: 'info', techniques: [] },
  'ProtocolDetector::Server_Found': { severity: 'info', techniques: [] },
  'Software::Software_Version_Change': { severity: 'info', techniques: [] },
  'Software::Vulnerable_Version': { severity: 'medium', techniques: ['T1190'] },
  'CaptureLoss::Too_Much_Loss': { severity: 'info', techniques: [] },
  'PacketFilter::Dropped_Packets': { severity: 'info', techniques: [] },
};

const str = (v: ZeekRecord[string] | undefined) => (typeof v === 'string' ? v : Array.isArray(v) ? v.join(',') : '');

function toSignal(rec: ZeekRecord, file: string): SignalRow | string {
  const line = Number(rec._line ?? 0);
  const time = signalTime(str(rec.ts));
  if (!time) throw new BadInputError({ file, line, path: 'ts' }, `ts ${JSON.stringify(rec.ts)} is not a time`, 'Zeek epoch-second timestamps');
  const notice = rec._path === 'notice';
  const src = str(rec.src) || str(rec['id.orig_h']), dst = str(rec.dst) || str(rec['id.resp_h']);
  const subjects = [subject(src, 'source', 'host'), subject(dst, 'destination', 'host')].filter((x): x is SignalSubject => x !== null);
  if (subjects.length === 0) return notice ? 'notices without an address' : 'weirds without an address';
  const rule = notice ? str(rec.note) : `weird:${str(rec.name)}`;
  if (rule === '' || rule === 'weird:') throw new BadInputError({ file, line, path: notice ? 'note' : 'name' }, `a ${rec._path} record without its ${notice ? 'note' : 'name'}`, `${rec._path}.log records with ${notice ? 'note' : 'name'}`);
  const known = notice ? NOTICE_RULES[rule] : undefined;
  return {
    id: signalId('zeek', rec._path, time, str(rec.uid), rule, src, dst),
    time, product: 'zeek', rule: rule.slice(0, 2048), severity: known?.severity ?? (notice ? 'medium' : 'info'), confidence: notice ? 0.6 : 0.3,
    techniques: known?.techniques ?? [], subjects, evidence: `${file}:${line}`,
    summary: [str(rec.msg) || str(rec.addl), str(rec.sub)].filter(Boolean).join(' · ').slice(0, 2048),
  };
}

export async function readNoticeLog(file: InputFile, signals: SignalRow[], rejected: Record<string, number>): Promise<void> {
  for await (const rec of readZeekLog(file, (p) => p === 'notice' || p === 'weird')) {
    if (rec._unread) throw new BadInputError({ file: file.name, line: Number(rec._line ?? 1) || 1 }, `a ${rec._path}.log, not a notice or weird log`, 'Zeek notice.log or weird.log (conn and OT logs: format zeek)');
    const s = toSignal(rec, file.name);
    if (typeof s === 'string') rejected[s] = (rejected[s] ?? 0) + 1;
    else signals.push(s);
  }
}

export const zeekNoticeImporter = signalImporter('zeek-notice', 'Zeek notice.log and weird.log (signals)', 'notice.log / weird.log, TSV with headers or JSON lines, plain or .gz', readNoticeLog);
