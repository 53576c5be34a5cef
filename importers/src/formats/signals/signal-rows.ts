/** Helpers the signal importers share: stable ids, times, severities, technique ids and subjects. */
import { createHash } from 'node:crypto';
import { isIP } from 'node:net';
import { alias, parseAlias, type SignalRow, type SignalSeverity, type SignalSubject, type SubjectRole } from '@chokepoint/queries';
import type { InputFile } from '../../input.js';
import type { Importer } from '../../registry.js';

export const signalId = (...parts: Array<string | number | null | undefined>) => createHash('sha256').update(parts.map((p) => String(p ?? '')).join('\u0000')).digest('hex').slice(0, 24);

/** An ISO time from ISO-8601 (`+0100` offsets too), epoch seconds (Zeek `ts`) or epoch milliseconds; null when unreadable. */
export function signalTime(value: unknown): string | null {
  if (typeof value === 'number' || (typeof value === 'string' && /^\d{9,13}(\.\d+)?$/.test(value.trim()))) {
    const n = Number(value);
    const ms = n > 1e11 ? n : n * 1000;
    return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
  }
  if (typeof value !== 'string') return null;
  const t = Date.parse(value.trim().replace(/([+-]\d\d)(\d\d)$/, '$1:$2').replace(' ', 'T'));
  return Number.isFinite(t) ? new Date(t).toISOString() : null;
}

/** ATT&CK technique ids from text (`T1190`, `T1059.001`, `T1059_001`, `t0836`), the others left out. */
export function techniqueIds(values: readonly unknown[]): string[] {
  const out = new Set<string>();
  for (const v of values) {
    for (const m of String(v ?? '').toUpperCase().matchAll(/\bT(\d{4})(?:[._](\d{3}))?\b/g)) out.add(`T${m[1]}${m[2] ? `.${m[2]}` : ''}`);
  }
  return [...out];
}

const SEVERITY_WORDS: Record<string, SignalSeverity> = {
  info: 'info', informational: 'info', information: 'info', none: 'info',
  low: 'low', minor: 'low',
  medium: 'medium', moderate: 'medium', warning: 'medium',
  high: 'high', major: 'high', severe: 'high',
  critical: 'critical', emergency: 'critical',
};

/** A severity from a word, or a 0–10 number (≥ 9 critical, ≥ 7 high, ≥ 4 medium, > 0 low, 0 info); null when neither. */
export function severityOf(value: unknown): SignalSeverity | null {
  const text = String(value ?? '').trim().toLowerCase();
  if (text in SEVERITY_WORDS) return SEVERITY_WORDS[text]!;
  if (!/^\d+(\.\d+)?$/.test(text)) return null;
  const n = Number(text);
  if (n > 10) return null;
  return n >= 9 ? 'critical' : n >= 7 ? 'high' : n >= 4 ? 'medium' : n > 0 ? 'low' : 'info';
}

/** A subject from an address, host name, account or id: IPs become `ip:` aliases, known alias forms stay, names become `hostname:` or `name:`. */
export function subject(value: unknown, role: SubjectRole, as: 'host' | 'account' | 'any' = 'any'): SignalSubject | null {
  const text = String(value ?? '').trim();
  if (!text || text === '-' || text === '0.0.0.0' || text === '::') return null;
  if (isIP(text)) return { key: alias('ip', text), role };
  if (parseAlias(text) || /^[a-z]+:/.test(text)) return { key: text, role };
  if (as === 'account') return { key: alias('name', text), role };
  return { key: as === 'host' ? alias('hostname', text) : alias('name', text), role };
}

/** An importer of signals only: `read` adds each file's signals (and its rejected records by reason). */
export function signalImporter(id: string, title: string, accepts: string, read: (file: InputFile, signals: SignalRow[], rejected: Record<string, number>) => Promise<void>): Importer {
  return {
    id, title, accepts,
    async parse(files, context) {
      const signals: SignalRow[] = [];
      const rejected: Record<string, number> = {};
      for (const f of files) await read(f, signals, rejected);
      return { source: context.source ?? id, format: id, complete: false, nodes: [], edges: [], signals, rejected, files: files.map((f) => f.name) };
    },
  };
}
