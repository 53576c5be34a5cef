/**
 * `suricata`: Suricata EVE JSON (one JSON object per line, plain or gzip; or a JSON list of records, as
 * `jq -s` writes). Each `event_type: alert`
 * record is a signal on its `src_ip` (source) and `dest_ip` (destination): the rule's `signature`, its
 * `category` and `signature_id`; severity from ET/Proofpoint's `metadata.signature_severity` (Critical,
 * Major, Minor, Informational) when the rule carries it, else from Suricata's priority `alert.severity`
 * (1 high, 2 medium, 3 low, 4 and above info); confidence from `metadata.confidence` (High 0.9, Medium 0.6,
 * Low 0.3; else 0.7); techniques from `metadata.mitre_technique_id`. Other event types (flow, dns, http,
 * stats, anomaly …) are counted under `rejected`, never read as signals. A line that is not a JSON object
 * is refused with its file and line (a list element with its JSON path).
 */
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { BadInputError, type SignalRow, type SignalSeverity, type SignalSubject } from '@chokepoint/queries';
import { readHead, utf8Chunks, type InputFile } from '../../input.js';
import { readJsonDocument } from '../../validate.js';
import { gunzipped } from '../../gzip.js';
import { severityOf, signalId, signalImporter, signalTime, subject, techniqueIds } from './signal-rows.js';

const EXPECTED = 'Suricata EVE JSON: one JSON object per line (eve.json, plain or gzip-compressed) or a JSON list of EVE records';
const CONFIDENCE: Record<string, number> = { high: 0.9, medium: 0.6, low: 0.3 };
const PRIORITY: Record<number, SignalSeverity> = { 1: 'high', 2: 'medium', 3: 'low' };

type Json = Record<string, unknown>;
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);

type Where = { file: string; line?: number; path?: string };

/** One EVE record: a signal, or the reason it is not one (counted under `rejected`). */
function eveSignal(rec: unknown, where: Where): SignalRow | string {
  if (rec === null || typeof rec !== 'object' || Array.isArray(rec)) throw new BadInputError(where, 'a JSON value that is not an object', EXPECTED);
  const r = rec as Json;
  if (typeof r.event_type !== 'string') throw new BadInputError(where, 'a record without `event_type`', EXPECTED);
  if (r.event_type !== 'alert') return `${r.event_type} events (not alerts)`;
  const at = (field: string) => ({ ...where, path: where.path ? `${where.path}.${field}` : field });
  const alert = r.alert as Json | undefined;
  if (!alert || typeof alert !== 'object' || typeof alert.signature !== 'string') throw new BadInputError(at('alert.signature'), 'an alert without a signature', 'alert records with alert.signature');
  const time = signalTime(r.timestamp);
  if (!time) throw new BadInputError(at('timestamp'), `timestamp ${JSON.stringify(r.timestamp)} is not a time`, 'ISO-8601 timestamps (2024-01-01T12:00:00.000000+0000)');
  const subjects = [subject(r.src_ip, 'source'), subject(r.dest_ip, 'destination')].filter((x): x is SignalSubject => x !== null);
  if (subjects.length === 0) return 'alerts without an address';
  const meta = (alert.metadata && typeof alert.metadata === 'object' ? alert.metadata : {}) as Json;
  const priority = typeof alert.severity === 'number' ? alert.severity : Number(alert.severity);
  return {
    id: signalId('suricata', r.timestamp as string, r.flow_id as number, alert.signature_id as number, r.src_ip as string, r.src_port as number, r.dest_ip as string, r.dest_port as number),
    time, product: 'suricata', rule: alert.signature.slice(0, 2048),
    severity: severityOf(list(meta.signature_severity)[0]) ?? PRIORITY[priority] ?? 'info',
    confidence: CONFIDENCE[String(list(meta.confidence)[0] ?? '').toLowerCase()] ?? 0.7,
    techniques: techniqueIds(list(meta.mitre_technique_id)), subjects,
    evidence: `${where.file}${where.line ? `:${where.line}` : ''}${where.path ? ` ${where.path}` : ''}`,
    summary: [alert.category, alert.signature_id !== undefined ? `sid ${String(alert.signature_id)}` : null, r.proto, r.app_proto].filter(Boolean).join(' · ').slice(0, 2048),
  };
}

export async function readEve(file: InputFile, signals: SignalRow[], rejected: Record<string, number>): Promise<void> {
  if (file.size === 0) throw new BadInputError({ file: file.name, line: 1 }, 'the file is empty (0 bytes)', EXPECTED);
  const take = (s: SignalRow | string) => { if (typeof s === 'string') rejected[s] = (rejected[s] ?? 0) + 1; else signals.push(s); };
  const head = (await readHead(file, 64)).toString('utf8').trimStart();
  if (head.startsWith('[')) {
    // A list of EVE records (what `jq -s` and many exports write).
    const doc = await readJsonDocument(file, 1024 * 1024 * 1024, EXPECTED);
    if (!Array.isArray(doc)) throw new BadInputError({ file: file.name, path: '$' }, 'not a list of records', EXPECTED);
    if (doc.length === 0) throw new BadInputError({ file: file.name, path: '$' }, 'an empty list', EXPECTED);
    doc.forEach((rec, i) => take(eveSignal(rec, { file: file.name, path: `$[${i}]` })));
    return;
  }
  let n = 0, records = 0;
  const lines = createInterface({ input: Readable.from(utf8Chunks(gunzipped(file, EXPECTED), () => n)), crlfDelay: Infinity });
  for await (const raw of lines) {
    n++;
    const line = raw.trim();
    if (line === '') continue;
    let rec: unknown;
    try { rec = JSON.parse(line); } catch (e) {
      throw new BadInputError({ file: file.name, line: n }, `not valid JSON (${(e as Error).message})`, EXPECTED);
    }
    records++;
    take(eveSignal(rec, { file: file.name, line: n }));
  }
  if (records === 0) throw new BadInputError({ file: file.name, line: n || 1 }, 'no record (blank lines only)', EXPECTED);
}

export const suricataImporter = signalImporter('suricata', 'Suricata EVE JSON alerts (signals)', 'eve.json: one JSON object per line (or a list); alerts become signals on their source and destination addresses', readEve);
