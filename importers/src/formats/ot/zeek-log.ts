/**
 * Reading Zeek logs in their two on-disk forms — TSV with `#fields` headers (`-` unset, `(empty)`
 * empty, masked timestamps tolerated) and JSON lines — plus header-less TSV (zeek-cut output) for the
 * ICSNPP logs whose field lists are known. Yields records as plain objects with their `_path`.
 */
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { basename } from 'node:path';
import { BadInputError } from '@chokepoint/queries';
import { utf8Chunks, type InputFile } from '../../input.js';
import { gunzipped } from '../../gzip.js';

export type ZeekRecord = Record<string, string | string[] | null> & { _path: string };

const ID = ['ts', 'uid', 'id.orig_h', 'id.orig_p', 'id.resp_h', 'id.resp_p'];
const ID_DIR = [...ID, 'is_orig', 'source_h', 'source_p', 'destination_h', 'destination_p'];
/** Field lists of ICSNPP logs, for files written without their header (zeek-cut output). */
export const KNOWN_FIELDS: Record<string, string[]> = {
  modbus: [...ID, 'func', 'exception'],
  cip_identity: [...ID_DIR, 'encapsulation_version', 'socket_address', 'socket_port', 'vendor_id', 'vendor_name', 'device_type_id', 'device_type_name', 'product_code', 'revision', 'device_status', 'serial_number', 'product_name', 'device_state'],
  cip: [...ID_DIR, 'cip_sequence_count', 'direction', 'cip_service_code', 'cip_service', 'cip_status_code', 'cip_status', 'cip_extended_status_code', 'cip_extended_status', 'class_id', 'class_name', 'instance_id', 'attribute_id'],
  enip: [...ID_DIR, 'enip_command_code', 'enip_command', 'length', 'session_handle', 'enip_status', 'sender_context', 'options'],
};

/** The log type of a header-less file, from its name (`…cip_identity.log`, `modbus.log`). */
function pathFromName(name: string): string | null {
  const base = basename(name).replace(/\.(log|json|jsonl)(\.gz)?$/, '');
  return [...Object.keys(KNOWN_FIELDS), 'notice', 'weird'].sort((a, b) => b.length - a.length).find((p) => base === p || base.endsWith(`_${p}`)) ?? null;
}

/**
 * Yields the file's records. Records of a log type that `reads` declines are yielded as
 * `{ _path, _unread: 'true' }` without being split or checked (their layout is not ours to judge),
 * so the importer can count them under `rejected`.
 */
const EXPECTED = 'a Zeek log (TSV with #fields, or JSON lines), plain or gzip-compressed';
/** The longest line a Zeek log may hold (real records are under a few KB; one string cannot pass ~512 Mi). */
export const MAX_ZEEK_LINE = 64 * 1024 * 1024;

/** The text, refused with its line as soon as one line grows past MAX_ZEEK_LINE. */
async function* boundedLines(chunks: AsyncIterable<string>, file: string, line: () => number): AsyncGenerator<string> {
  let run = 0; // characters since the last newline
  for await (const text of chunks) {
    const first = text.indexOf('\n'), last = text.lastIndexOf('\n');
    run = first === -1 ? run + text.length : Math.max(run + first, text.length - last - 1);
    if (run > MAX_ZEEK_LINE) throw new BadInputError({ file, line: line() + 1 }, `a line longer than ${MAX_ZEEK_LINE} characters`, `Zeek records of at most ${MAX_ZEEK_LINE} characters`);
    if (first !== -1) run = text.length - last - 1;
    yield text;
  }
}

/** Port fields of Zeek and ICSNPP records: a count 0–65535 when set. */
const PORT_FIELDS = ['id.orig_p', 'id.resp_p', 'source_p', 'destination_p'] as const;
function checkPorts(rec: ZeekRecord, file: string, line: number): void {
  for (const k of PORT_FIELDS) {
    const v = rec[k];
    if (typeof v === 'string' && !(/^\d{1,5}$/.test(v) && Number(v) <= 65535)) {
      throw new BadInputError({ file, line }, `${k} ${JSON.stringify(v)} is not a port number`, 'ports between 0 and 65535');
    }
  }
}

export async function* readZeekLog(file: InputFile, reads: (path: string) => boolean = () => true): AsyncGenerator<ZeekRecord> {
  if (file.size === 0) throw new BadInputError({ file: file.name, line: 1 }, 'the file is empty (0 bytes)', 'a Zeek log (TSV with #fields, or JSON lines)');
  let n = 0;
  const lines = createInterface({ input: Readable.from(boundedLines(utf8Chunks(gunzipped(file, EXPECTED), () => n), file.name, () => n)), crlfDelay: Infinity });
  let fields: string[] | null = null;
  let path: string | null = null;
  let headerLines = 0;
  let records = 0;
  let typed = false;
  let sep = '\t', setSep = ',', empty = '(empty)', unset = '-';
  for await (const raw of lines) {
    n++;
    const line = raw.trimEnd();
    if (line === '') continue;
    if (line.startsWith('#')) {
      headerLines++;
      const [key, ...rest] = line.slice(1).split(/\t| /);
      const value = rest.join(' ');
      if (key === 'separator') sep = value.replace(/\\x([0-9a-f]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
      else if (key === 'set_separator') setSep = line.split('\t')[1] ?? ',';
      else if (key === 'empty_field') empty = line.split('\t')[1] ?? empty;
      else if (key === 'unset_field') unset = line.split('\t')[1] ?? unset;
      else if (key === 'path') path = line.split('\t')[1] ?? null;
      else if (key === 'fields') fields = line.split('\t').slice(1);
      else if (key === 'types') typed = true;
      continue;
    }
    records++;
    if (line.startsWith('{')) {
      let obj: Record<string, unknown>;
      try { obj = JSON.parse(line) as Record<string, unknown>; } catch (e) {
        throw new BadInputError({ file: file.name, line: n }, `not valid JSON (${(e as Error).message})`, 'one JSON object per line');
      }
      // Shippers (Filebeat, Security Onion) nest `id: {orig_h, …}`; Zeek itself writes `id.orig_h`.
      const flat = new Map(Object.entries(obj).flatMap(([k, v]) => (v && typeof v === 'object' && !Array.isArray(v)
        ? Object.entries(v as Record<string, unknown>).map(([kk, vv]) => [`${k}.${kk}`, vv] as const)
        : [[k, v] as const])));
      const p = typeof obj._path === 'string' ? obj._path : (path ?? pathFromName(file.name) ?? (flat.has('id.resp_h') && flat.has('conn_state') ? 'conn' : null));
      if (!p) throw new BadInputError({ file: file.name, line: n }, 'cannot tell which Zeek log this is', 'a `_path` field, or a file named after its log (conn.log, modbus.log, …)');
      if (!reads(p)) { yield { _path: p, _unread: 'true' }; continue; }
      const rec: ZeekRecord = { _path: p };
      // Values as the TSV form writes them, so one reader serves both: booleans T/F, numbers and sets as text.
      for (const [k, v] of flat) rec[k] = v === null || v === undefined ? null : typeof v === 'boolean' ? (v ? 'T' : 'F') : Array.isArray(v) ? v.map(String) : String(v);
      rec._line = String(n);
      checkPorts(rec, file.name, n);
      yield rec;
      continue;
    }
    if (!fields) {
      path ??= pathFromName(file.name);
      fields = path ? KNOWN_FIELDS[path] ?? null : null;
      if (!fields) throw new BadInputError({ file: file.name, line: n }, 'a data line before any #fields header, in a log whose type is unknown', `a Zeek TSV log with #path/#fields headers, JSON lines, or a header-less ${Object.keys(KNOWN_FIELDS).join('/')} log named after its type`);
    }
    if (path && !reads(path)) { yield { _path: path, _unread: 'true' }; continue; }
    const values = line.split(sep);
    if (values.length !== fields.length) {
      throw new BadInputError({ file: file.name, line: n }, `${values.length} fields where the header names ${fields.length}`, `${fields.length} ${JSON.stringify(sep)}-separated fields`);
    }
    const rec: ZeekRecord = { _path: path ?? 'unknown' };
    fields.forEach((f, i) => {
      const v = values[i]!;
      rec[f] = v === unset ? null : v === empty ? '' : v.includes(setSep) && f === 'service' ? v.split(setSep) : v;
    });
    rec._line = String(n);
    checkPorts(rec, file.name, n);
    yield rec;
  }
  // Zeek writes its whole header (#separator … #fields, #types) at once: a file that stops inside it was cut short.
  if (records === 0 && headerLines > 0 && !(fields && typed)) {
    throw new BadInputError({ file: file.name, line: n }, `the header ends before ${fields ? '#types' : '#fields'} and no record follows (cut short?)`, EXPECTED);
  }
  if (records === 0 && headerLines === 0) throw new BadInputError({ file: file.name, line: n }, 'no header and no record (blank lines only)', EXPECTED);
}
