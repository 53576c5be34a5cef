/**
 * CVSS vectors as sources write them, made one canonical form. Scanners and feeds prefix the same
 * vector differently: Nessus `CVSS2#AV:N/AC:L/Au:N/…`, NVD v2 `(AV:N/AC:L/Au:N/…)` or bare, v3
 * `CVSS:3.0/…` / `CVSS:3.1/…`, v4 `CVSS:4.0/…`. Canonical: v2 bare (`AV:N/AC:L/Au:N/C:P/I:P/A:P`),
 * v3 and v4 with their `CVSS:x.y/` prefix (the specification's own form).
 */

export interface CvssVector {
  version: 2 | 3 | 4;
  /** The canonical vector string. */
  vector: string;
  /** Metric → value, e.g. AV → N. */
  metrics: ReadonlyMap<string, string>;
}

const PREFIX = /^CVSS:(\d+(?:\.\d+)?)\//i;

/** Parses any published prefix form of a CVSS v2, v3.x or v4.0 vector; null when it is not one. */
export function parseCvssVector(raw: string): CvssVector | null {
  let text = raw.trim().replace(/^\((.*)\)$/s, '$1').trim();
  let version: 2 | 3 | 4 | null = null;
  const v2Tag = /^CVSS2#/i.exec(text);
  if (v2Tag) { text = text.slice(v2Tag[0].length); version = 2; }
  const tag = PREFIX.exec(text);
  if (tag) {
    const major = Number(tag[1]!.split('.')[0]);
    if (major !== 2 && major !== 3 && major !== 4) return null;
    version = major;
    text = text.slice(tag[0].length);
  }
  const metrics = new Map<string, string>();
  for (const part of text.split('/')) {
    const m = /^([A-Za-z]+):([A-Za-z]+)$/.exec(part.trim());
    if (!m) return null;
    metrics.set(m[1]!, m[2]!.toUpperCase());
  }
  if (!metrics.has('AV')) return null;
  version ??= metrics.has('Au') ? 2 : metrics.has('AT') ? 4 : metrics.has('PR') ? 3 : null;
  if (version === null) return null;
  const body = [...metrics].map(([k, v]) => `${k}:${v}`).join('/');
  const minor = tag?.[1]?.includes('.') ? tag[1] : version === 3 ? '3.1' : '4.0';
  return { version, metrics, vector: version === 2 ? body : `CVSS:${minor}/${body}` };
}

/** The canonical form of `raw`, or `raw` unchanged when it is not a recognisable vector. */
export function normaliseCvssVector(raw: string): string {
  return parseCvssVector(raw)?.vector ?? raw;
}
