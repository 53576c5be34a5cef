/**
 * `signals`: Chokepoint's generic signal format, so any SIEM, EDR or OT-monitor export can be mapped.
 * CSV with a header (any column order, case-insensitive) or JSON (a list of objects, `{"signals": [...]}`,
 * or one object per line) with the same field names:
 *
 * - `time` (required): ISO-8601, or epoch seconds / milliseconds
 * - `severity` (required): info, low, medium, high, critical (informational, minor, moderate, major,
 *   severe, emergency are read as their kin) or a 0–10 score
 * - `rule` (required): the rule or detection name; `product` (default `generic`); `summary`
 * - `confidence`: 0–1 (default 0.7); `technique`: ATT&CK ids, `;`-separated (T1133;T0836)
 * - subjects, at least one: `host` (a host name or FQDN), `ip`, `user` (an account name or UPN),
 *   `identity` (a SID, ARN or node id as is), `src_ip`, `dest_ip`
 * - `id`: kept when given, else derived from the record
 */
import { BadInputError, type SignalRow, type SignalSubject } from '@chokepoint/queries';
import type { InputFile } from '../../input.js';
import { readCsv } from '../../csv.js';
import { readJsonDocument } from '../../validate.js';
import { severityOf, signalId, signalImporter, signalTime, subject, techniqueIds } from './signal-rows.js';

const EXPECTED_CSV = 'a signal CSV with a header: time, severity, rule and at least one of host, ip, user, identity, src_ip, dest_ip';
const EXPECTED_JSON = 'a JSON list of signals ({time, severity, rule, host|ip|user|identity|src_ip|dest_ip, …}), {"signals": [...]} or one object per line';
const SUBJECTS = [['host', 'host', 'host'], ['ip', 'host', 'any'], ['user', 'user', 'account'], ['identity', 'host', 'any'], ['src_ip', 'source', 'any'], ['dest_ip', 'destination', 'any']] as const;

type Where = { file: string; line?: number; path?: string };

function toSignal(get: (field: string) => string, where: Where): SignalRow {
  const at = (field: string) => ({ ...where, path: where.path ? `${where.path}.${field}` : field });
  const time = signalTime(get('time'));
  if (!time) throw new BadInputError(at('time'), `${JSON.stringify(get('time'))} is not a time`, 'ISO-8601 or epoch seconds');
  const severity = severityOf(get('severity'));
  if (!severity) throw new BadInputError(at('severity'), `${JSON.stringify(get('severity'))} is not a severity`, 'info, low, medium, high, critical, or a score from 0 to 10');
  const rule = get('rule').trim();
  if (!rule) throw new BadInputError(at('rule'), 'empty', 'the rule or detection name');
  const conf = get('confidence').trim();
  const confidence = conf === '' ? 0.7 : Number(conf);
  if (!(confidence >= 0 && confidence <= 1)) throw new BadInputError(at('confidence'), `${JSON.stringify(conf)} is not valid`, 'a number from 0 to 1');
  const subjects = SUBJECTS.map(([field, role, as]) => subject(get(field), role, as)).filter((x): x is SignalSubject => x !== null);
  if (subjects.length === 0) throw new BadInputError(where, 'no subject', 'at least one of host, ip, user, identity, src_ip, dest_ip');
  const product = get('product').trim() || 'generic';
  const evidence = `${where.file}${where.line ? `:${where.line}` : ''}${where.path ? ` ${where.path}` : ''}`;
  return {
    id: get('id').trim() || signalId(product, time, rule, ...subjects.map((s) => s.key)),
    time, product: product.slice(0, 2048), rule: rule.slice(0, 2048), severity, confidence,
    techniques: techniqueIds(get('technique').split(/[;,\s]+/)), subjects, evidence: evidence.slice(0, 2048),
    ...(get('summary').trim() ? { summary: get('summary').trim().slice(0, 2048) } : {}),
  };
}

async function readSignalsCsv(file: InputFile, out: SignalRow[]): Promise<void> {
  let header: string[] | null = null;
  await readCsv(file, (record, line) => {
    if (!header) {
      header = record.map((h) => h.trim().toLowerCase());
      for (const required of ['time', 'severity', 'rule']) if (!header.includes(required)) throw new BadInputError({ file: file.name, line }, `the header has no ${required} column`, EXPECTED_CSV);
      if (!SUBJECTS.some(([f]) => header!.includes(f))) throw new BadInputError({ file: file.name, line }, 'the header has no subject column', EXPECTED_CSV);
      return;
    }
    const h = header;
    if (record.length !== h.length) throw new BadInputError({ file: file.name, line }, `${record.length} fields where the header names ${h.length}`, EXPECTED_CSV);
    out.push(toSignal((f) => (h.includes(f) ? record[h.indexOf(f)] ?? '' : ''), { file: file.name, line }));
  }, { expected: EXPECTED_CSV });
}

function fromObject(o: unknown, where: Where): SignalRow {
  if (o === null || typeof o !== 'object' || Array.isArray(o)) throw new BadInputError(where, 'not an object', EXPECTED_JSON);
  const obj = o as Record<string, unknown>;
  return toSignal((f) => {
    const v = obj[f] ?? (f === 'technique' ? obj.techniques : undefined);
    return v === undefined || v === null ? '' : Array.isArray(v) ? v.join(';') : String(v);
  }, where);
}

async function readSignalsJson(file: InputFile, out: SignalRow[]): Promise<void> {
  const text = (await file.read()).subarray(0, 4096).toString('utf8').trimStart();
  // One object per line (NDJSON): the first line is a whole object.
  const firstLine = text.split('\n')[0]!.trim();
  if (firstLine.startsWith('{') && firstLine.endsWith('}') && !firstLine.startsWith('{"signals"')) {
    const lines = (await file.read()).toString('utf8').split(/\r?\n/);
    lines.forEach((l, i) => {
      if (l.trim() === '') return;
      let o: unknown;
      try { o = JSON.parse(l); } catch (e) { throw new BadInputError({ file: file.name, line: i + 1 }, `not valid JSON (${(e as Error).message})`, EXPECTED_JSON); }
      out.push(fromObject(o, { file: file.name, line: i + 1 }));
    });
    return;
  }
  const doc = await readJsonDocument(file, 512 * 1024 * 1024, EXPECTED_JSON);
  const list = Array.isArray(doc) ? doc : (doc as { signals?: unknown } | null)?.signals;
  if (!Array.isArray(list)) throw new BadInputError({ file: file.name, path: '$' }, 'neither a list nor {"signals": [...]}', EXPECTED_JSON);
  list.forEach((o, i) => out.push(fromObject(o, { file: file.name, path: `$[${i}]` })));
}

export const genericSignalsImporter = signalImporter('signals', 'Signals from any SIEM, EDR or OT monitor (Chokepoint CSV or JSON)',
  'signals.csv (time, severity, rule, host|ip|user|identity|src_ip|dest_ip, product, confidence, technique, summary) or the same fields as JSON',
  async (file, signals) => {
    const head = (await file.read()).subarray(0, 64).toString('utf8').trimStart();
    await (head.startsWith('{') || head.startsWith('[') ? readSignalsJson(file, signals) : readSignalsCsv(file, signals));
  });
