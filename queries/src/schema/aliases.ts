/**
 * Alias kinds: the identifiers by which one real-world thing is known to different tools.
 * A node's aliases are strings `<kind>:<value>`. The loader merges an incoming node into an
 * existing one when a *strong* alias matches; weak aliases are kept for search only
 * (short hostnames and display names collide too often to be identities).
 */
export const ALIAS_KINDS = {
  ip: { strong: true, normalise: (v: string) => v.trim().toLowerCase() },
  mac: { strong: true, normalise: (v: string) => v.trim().toLowerCase().replace(/-/g, ':') },
  fqdn: { strong: true, normalise: (v: string) => v.trim().toLowerCase().replace(/\.$/, '') },
  sid: { strong: true, normalise: (v: string) => v.trim().toUpperCase() },
  arn: { strong: true, normalise: (v: string) => v.trim() },
  instance: { strong: true, normalise: (v: string) => v.trim().toLowerCase() },
  serial: { strong: true, normalise: (v: string) => v.trim().toUpperCase() },
  cve: { strong: true, normalise: (v: string) => v.trim().toUpperCase() },
  /** Another node id this node has been merged from, so later batches using that id find it. */
  xid: { strong: true, normalise: (v: string) => v },
  hostname: { strong: false, normalise: (v: string) => v.trim().toLowerCase() },
  name: { strong: false, normalise: (v: string) => v.trim().toLowerCase() },
} as const;
export type AliasKind = keyof typeof ALIAS_KINDS;

/** Builds a normalised alias string, e.g. `alias('fqdn', 'WS1.Corp.Local.')` → `fqdn:ws1.corp.local`. */
export function alias(kind: AliasKind, value: string): string {
  return `${kind}:${ALIAS_KINDS[kind].normalise(value)}`;
}

/** Splits an alias string; returns null when its kind is not one of ALIAS_KINDS. */
export function parseAlias(text: string): { kind: AliasKind; value: string } | null {
  const i = text.indexOf(':');
  if (i <= 0) return null;
  const kind = text.slice(0, i);
  if (!(kind in ALIAS_KINDS)) return null;
  return { kind: kind as AliasKind, value: text.slice(i + 1) };
}

export function isStrongAlias(text: string): boolean {
  const parsed = parseAlias(text);
  return parsed !== null && ALIAS_KINDS[parsed.kind].strong;
}
