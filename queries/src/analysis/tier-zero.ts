/**
 * Tier Zero by identity (ADR 0010): the objects whose control is control of an AD domain or of a plant's
 * safety, recognised by what they are — never by a criticality threshold. Seeds are AD domains, the
 * well-known privileged principals (by SID/RID, as BloodHound's Tier Zero), domain controllers, AD CS
 * objects from OpenGraph, safety controllers and anything a source or the inventory marks `tier: 0`;
 * whatever is a member (transitively) of a Tier Zero group is Tier Zero too.
 */
import type { ModelNode } from './model.js';

/** Domain-relative RIDs: Administrator, krbtgt, Domain Admins, Domain Controllers, Schema/Enterprise Admins, Key Admins, Enterprise Key Admins. */
const DOMAIN_RIDS = new Set(['500', '502', '512', '516', '518', '519', '526', '527']);
/** BUILTIN: Administrators, Account/Server/Print/Backup Operators. */
const BUILTIN_RIDS = new Set(['544', '548', '549', '550', '551']);
const AD_CS_KINDS = new Set(['EnterpriseCA', 'RootCA', 'NTAuthStore', 'AIACA', 'CertTemplate']);

/** A node's SID: from its properties (SharpHound objectId) or its `sid:` alias. */
export function objectSid(n: ModelNode): string | null {
  const v = n.props.objectId ?? n.props.objectid ?? n.props.sid;
  if (typeof v === 'string') return v.toUpperCase();
  const a = n.aliases?.find((x) => x.startsWith('sid:'));
  return a ? a.slice(4).toUpperCase() : null;
}

/** Why a node is a Tier Zero seed, or null. */
export function tierZeroReason(n: ModelNode): string | null {
  if (n.kind === 'Domain') return 'an AD domain';
  const tier = n.props.tier;
  if (tier === 0 || tier === '0' || n.props.tierZero === true) return 'marked Tier Zero by its source';
  const sid = objectSid(n);
  if (sid) {
    const domainRid = /S-1-5-21-\d+-\d+-\d+-(\d+)$/.exec(sid)?.[1];
    if (domainRid && DOMAIN_RIDS.has(domainRid)) return `well-known privileged principal (RID ${domainRid})`;
    const builtin = /S-1-5-32-(\d+)$/.exec(sid)?.[1];
    if (builtin && BUILTIN_RIDS.has(builtin)) return `well-known BUILTIN group (S-1-5-32-${builtin})`;
    if (/(^|-)S-1-5-9$/.test(sid)) return 'Enterprise Domain Controllers (S-1-5-9)';
  }
  if (n.kind === 'Host' && n.props.isdc === true) return 'a domain controller';
  if (n.kind === 'Controller' && (n.props.safety === true || n.props.assetRole === 'safety')) return 'a safety controller (SIS)';
  const og = n.props.ogKinds;
  if (Array.isArray(og) && og.some((k) => typeof k === 'string' && AD_CS_KINDS.has(k))) return 'an AD CS object';
  return null;
}

/**
 * Tier Zero nodes with their reason: seeds, then every principal that is a member of one (MemberOf is
 * given as from → to index pairs).
 */
export function tierZero(nodes: readonly ModelNode[], memberOf: ReadonlyArray<readonly [number, number]>): Map<number, string> {
  const out = new Map<number, string>();
  nodes.forEach((n, i) => { const why = tierZeroReason(n); if (why) out.set(i, why); });
  const membersOf = new Map<number, number[]>();
  for (const [m, g] of memberOf) { const list = membersOf.get(g); if (list) list.push(m); else membersOf.set(g, [m]); }
  const queue = [...out.keys()];
  while (queue.length) {
    const g = queue.pop()!;
    for (const m of membersOf.get(g) ?? []) {
      if (out.has(m)) continue;
      out.set(m, `member of ${nodes[g]!.name} (Tier Zero)`);
      queue.push(m);
    }
  }
  return out;
}

/**
 * The AD domain each Tier Zero object belongs to (its target group key): the domain SID when the object
 * has a domain SID, else the domain whose name the object names (`adDomain`, or the `DOMAIN-S-1-5-32-…`
 * prefix SharpHound gives BUILTIN groups), mapped to that domain's SID when the domain node is known.
 */
export class DomainKeys {
  private readonly sidByName = new Map<string, string>();
  readonly nameBySid = new Map<string, string>();

  constructor(nodes: readonly ModelNode[]) {
    for (const n of nodes) {
      if (n.kind !== 'Domain') continue;
      const sid = objectSid(n);
      if (!sid) continue;
      this.sidByName.set(n.name.toUpperCase(), sid);
      this.nameBySid.set(sid, n.name);
    }
  }

  of(n: ModelNode): { key: string; name: string } {
    const sid = objectSid(n);
    const own = sid ? (n.kind === 'Domain' ? sid : /^(?:.+-)?(S-1-5-21-\d+-\d+-\d+)-\d+$/.exec(sid)?.[1]) : undefined;
    const named = n.kind === 'Domain' ? n.name : n.props.adDomain ?? (sid ? /^(.+)-S-1-5-(32|9)(-\d+)?$/.exec(sid)?.[1] : undefined);
    const key = own ?? (typeof named === 'string' ? this.sidByName.get(named.toUpperCase()) ?? named.toUpperCase() : 'unknown domain');
    return { key, name: this.nameBySid.get(key) ?? (typeof named === 'string' ? named.toUpperCase() : key) };
  }
}
