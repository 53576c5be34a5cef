/**
 * `sharphound`: SharpHound / BloodHound CE collector output, JSON format versions 5 and 6, as separate
 * files or the zip the collector writes. Objects: users, groups, computers, domains, OUs, GPOs,
 * containers, and session files (`meta.type: "sessions"`, the session-loop output: one
 * {ComputerSID, UserSID, LogonType} per logon; AD CS object files are read and skipped with a warning). Edges keep BloodHound's name in
 * `props.bhEdge`:
 *   Members, PrimaryGroupSID            → MemberOf
 *   Sessions, PrivilegedSessions, RegistrySessions (de-duplicated, kinds kept) → HasSession (computer → user)
 *   LocalGroups: Administrators (-544) → AdminTo, Remote Desktop Users (-555) and the
 *     SeRemoteInteractiveLogonRight user right → CanRdp, Remote Management Users (-580) → CanPsRemote,
 *     Distributed COM Users (-562) → ExecuteDcom
 *   AllowedToDelegate → AllowedToDelegate; AllowedToAct → AllowedToAct (principal → computer)
 *   ACEs → GenericAll, GenericWrite, WriteDacl, WriteOwner, Owns, AddKeyCredentialLink, ForceChangePassword,
 *     AddMember (and AddSelf), AllExtendedRights, ReadGMSAPassword, ReadLAPSPassword, AddAllowedToAct (and
 *     WriteAccountRestrictions); GetChanges + GetChangesAll by one principal on a domain → DcSync
 *   ContainedBy (v6) / ChildObjects (v5) → Contains; Links → GpLink (GPO → domain or OU)
 * Users flagged gmsa/msa are ServiceAccounts. Ids are `ad:<ObjectIdentifier>`; computers carry sid and fqdn aliases so they merge with scanned hosts.
 * Principals referenced but not defined become placeholder nodes (`ref`, `props.placeholder: true`).
 * The batch is complete (stale cleanup) only when users, groups, computers and domains are all present.
 */
import { alias, type CollectionScope, type EdgeKind, type NodeKind, type Props } from '@chokepoint/queries';
import { z } from 'zod';
import { BatchCollector } from '../../collector.js';
import { readHead, type InputFile } from '../../input.js';
import type { Importer } from '../../registry.js';
import { retentionDays } from '../../options.js';
import { parseWith, readJsonDocument } from '../../validate.js';
import { isZip, zipMembers } from '../../zip.js';

const MAX_FILE = 1024 * 1024 * 1024;
const EXPECTED = 'SharpHound JSON {data: [...], meta: {type, version 5 or 6}} or the collector\'s zip';
const OBJECT_TYPES = ['users', 'groups', 'computers', 'domains', 'ous', 'gpos', 'containers'] as const;
const SESSION_TYPE = 'sessions';
const SKIPPED_TYPES = ['certtemplates', 'ntauthstores', 'aiacas', 'rootcas', 'enterprisecas', 'issuancepolicies'] as const;
const KIND_OF: Record<string, NodeKind> = { User: 'User', Group: 'Group', Computer: 'Host', Domain: 'Domain', OU: 'OU', GPO: 'Gpo', Container: 'Container' };

const Ref = z.object({ ObjectIdentifier: z.string().min(1), ObjectType: z.string() });
const Ace = z.object({ PrincipalSID: z.string().min(1), PrincipalType: z.string(), RightName: z.string(), IsInherited: z.boolean().nullish() });
const SessionRecord = z.looseObject({ ComputerSID: z.string().min(1), UserSID: z.string().min(1), LogonType: z.number().int().nullish() });
const SessionResults = z.object({ Results: z.array(z.object({ UserSID: z.string().min(1), ComputerSID: z.string().min(1) })).nullish(), Collected: z.boolean().nullish() }).nullish();
const Record_ = z.looseObject({
  ObjectIdentifier: z.string().min(1),
  Properties: z.record(z.string(), z.unknown()).nullish(),
  Aces: z.array(Ace).nullish(),
  ContainedBy: Ref.nullish(),
  ChildObjects: z.array(Ref).nullish(),
  Links: z.array(z.object({ GUID: z.string().min(1), IsEnforced: z.boolean().nullish() })).nullish(),
  Members: z.array(Ref).nullish(),
  PrimaryGroupSID: z.string().nullish(),
  AllowedToDelegate: z.array(Ref).nullish(),
  AllowedToAct: z.array(Ref).nullish(),
  Sessions: SessionResults,
  PrivilegedSessions: SessionResults,
  RegistrySessions: SessionResults,
  LocalGroups: z.array(z.object({ Results: z.array(Ref).nullish(), Name: z.string().nullish(), ObjectIdentifier: z.string().nullish(), Collected: z.boolean().nullish() })).nullish(),
  UserRights: z.array(z.object({ Privilege: z.string(), Results: z.array(Ref).nullish(), Collected: z.boolean().nullish() })).nullish(),
  Trusts: z.array(z.unknown()).nullish(),
});
type SharpHoundRecord = z.infer<typeof Record_>;
const Document = z.object({
  data: z.array(z.unknown()),
  meta: z.object({
    type: z.enum([...OBJECT_TYPES, SESSION_TYPE, ...SKIPPED_TYPES]),
    version: z.union([z.literal(5), z.literal(6)]).optional(),
    /** SharpHoundCommon's CollectionMethod flags (Group 1, ACL 64, Container 128, …). */
    methods: z.number().int().nonnegative().optional(),
  }),
});

const ACE_EDGES = {
  GenericAll: 'GenericAll', GenericWrite: 'GenericWrite', WriteDacl: 'WriteDacl', WriteOwner: 'WriteOwner', Owns: 'Owns',
  AddKeyCredentialLink: 'AddKeyCredentialLink', ForceChangePassword: 'ForceChangePassword', AddMember: 'AddMember', AddSelf: 'AddMember',
  AllExtendedRights: 'AllExtendedRights', ReadGMSAPassword: 'ReadGmsaPassword', ReadLAPSPassword: 'ReadLapsPassword',
  AddAllowedToAct: 'AddAllowedToAct', WriteAccountRestrictions: 'AddAllowedToAct', OwnsLimitedRights: 'Owns', WriteOwnerLimitedRights: 'WriteOwner',
} as const;
const LOCAL_GROUPS: Record<string, { kind: 'AdminTo' | 'CanRdp' | 'CanPsRemote' | 'ExecuteDcom'; bh: string; name: string }> = {
  '544': { kind: 'AdminTo', bh: 'AdminTo', name: 'ADMINISTRATORS' },
  '555': { kind: 'CanRdp', bh: 'CanRDP', name: 'REMOTE DESKTOP USERS' },
  '580': { kind: 'CanPsRemote', bh: 'CanPSRemote', name: 'REMOTE MANAGEMENT USERS' },
  '562': { kind: 'ExecuteDcom', bh: 'ExecuteDCOM', name: 'DISTRIBUTED COM USERS' },
};
/** Object properties worth keeping (scalars BloodHound users filter on); the rest stays in the collector's files. */
const KEPT = ['gmsa', 'msa', 'domain', 'distinguishedname', 'description', 'enabled', 'admincount', 'hasspn', 'dontreqpreauth', 'passwordnotreqd', 'pwdneverexpires',
  'unconstraineddelegation', 'trustedtoauth', 'sensitive', 'haslaps', 'operatingsystem', 'functionallevel', 'highvalue', 'isaclprotected', 'blocksinheritance', 'gpcpath', 'samaccountname', 'email', 'title',
  'isdc', 'lastlogon', 'lastlogontimestamp'];

const id = (objectId: string) => `ad:${objectId.toUpperCase()}`;

function keptProps(p: Record<string, unknown>): Props {
  const out: Props = {};
  for (const key of KEPT) {
    const v = p[key];
    // `domain` is a store field (the security domain); the AD domain name is kept as adDomain.
    if (typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))) out[key === 'domain' ? 'adDomain' : key] = v;
  }
  const spns = p.serviceprincipalnames;
  if (Array.isArray(spns) && spns.length && spns.every((x) => typeof x === 'string')) out.serviceprincipalnames = spns as string[];
  return out;
}

interface Parsed { type: (typeof OBJECT_TYPES)[number]; file: string; records: SharpHoundRecord[] }

async function readDocuments(file: InputFile): Promise<Array<{ file: InputFile; doc: unknown }>> {
  // Only a zip is read whole here; a JSON file goes to the reader as it is (streamed when large).
  if (!isZip(await readHead(file, 4))) return [{ file, doc: await readJsonDocument(file, MAX_FILE, EXPECTED) }];
  const members = await zipMembers(file, await file.read(), (name) => name.toLowerCase().endsWith('.json'), MAX_FILE);
  const docs: Array<{ file: InputFile; doc: unknown }> = [];
  for (const m of members) docs.push({ file: m, doc: await readJsonDocument(m, MAX_FILE, EXPECTED) });
  return docs;
}

class SharpHoundGraph {
  readonly c = new BatchCollector();
  /** Referenced objects and the type they were referenced as (for placeholders). */
  private readonly referenced = new Map<string, string>();
  private readonly dcsync = new Map<string, { changes: boolean; all: boolean; inherited: boolean }>();

  object(type: Parsed['type'], r: SharpHoundRecord): void {
    const p = r.Properties ?? {};
    // Group-managed and standalone managed service accounts are users to AD; to us they are service accounts.
    const managed = type === 'users' && (p.gmsa === true || p.msa === true);
    const kind: NodeKind = managed ? 'ServiceAccount' : ({ users: 'User', groups: 'Group', computers: 'Host', domains: 'Domain', ous: 'OU', gpos: 'Gpo', containers: 'Container' } as const)[type];
    const name = typeof p.name === 'string' && p.name ? p.name : r.ObjectIdentifier;
    const aliases: string[] = [];
    if (kind === 'User' || kind === 'ServiceAccount' || kind === 'Group' || kind === 'Host' || kind === 'Domain') {
      if (/^S-\d-\d+(-\d+)+$/i.test(r.ObjectIdentifier)) aliases.push(alias('sid', r.ObjectIdentifier));
    }
    if ((kind === 'Host' || kind === 'Domain') && name.includes('.')) aliases.push(alias('fqdn', name));
    this.c.node({
      id: id(r.ObjectIdentifier), kind, name, domain: kind === 'Host' ? 'it' : 'identity', aliases,
      props: { ...keptProps(p), objectId: r.ObjectIdentifier, ...(r.IsDeleted ? { deleted: true } : {}) },
      ...(kind === 'Domain' ? { criticality: 10 } : {}),
    });
  }

  private ref(objectId: string, type: string): string | null {
    if (!KIND_OF[type]) { this.c.reject(`reference to an object of type ${type || '(none)'} (not modelled)`); return null; }
    if (!this.referenced.has(objectId.toUpperCase())) this.referenced.set(objectId.toUpperCase(), type);
    return id(objectId);
  }

  private edge(kind: Parameters<BatchCollector['edge']>[0]['kind'], from: string | null, to: string | null, bhEdge: string, props: Props = {}): void {
    if (from && to && from !== to) this.pending.push({ kind, from, to, props: { bhEdge, ...props } });
  }
  /** Edges wait until placeholders exist (a reference may precede the record that defines it). */
  private readonly pending: Array<Parameters<BatchCollector['edge']>[0]> = [];

  relationships(type: Parsed['type'], r: SharpHoundRecord): void {
    const self = id(r.ObjectIdentifier);
    for (const m of r.Members ?? []) this.edge('MemberOf', this.ref(m.ObjectIdentifier, m.ObjectType), self, 'MemberOf');
    if (r.PrimaryGroupSID) this.edge('MemberOf', self, this.ref(r.PrimaryGroupSID, 'Group'), 'MemberOf', { primaryGroup: true });
    const sessions = new Map<string, Set<string>>();
    for (const list of ['Sessions', 'PrivilegedSessions', 'RegistrySessions'] as const) {
      for (const s of r[list]?.Results ?? []) {
        const key = `${s.ComputerSID.toUpperCase()}|${s.UserSID.toUpperCase()}`;
        if (!sessions.has(key)) sessions.set(key, new Set());
        sessions.get(key)!.add(list);
      }
    }
    for (const [key, kinds] of sessions) {
      const [computer, user] = key.split('|') as [string, string];
      this.edge('HasSession', this.ref(computer, 'Computer'), this.ref(user, 'User'), 'HasSession', { sessionKinds: [...kinds].sort() });
    }
    for (const g of r.LocalGroups ?? []) {
      const rid = g.ObjectIdentifier?.split('-').pop() ?? '';
      const local = LOCAL_GROUPS[rid] ?? Object.values(LOCAL_GROUPS).find((x) => g.Name?.toUpperCase().startsWith(`${x.name}@`));
      if (!local) { this.c.reject('local group other than Administrators / Remote Desktop / Remote Management / DCOM users'); continue; }
      for (const m of g.Results ?? []) this.edge(local.kind, this.ref(m.ObjectIdentifier, m.ObjectType), self, local.bh);
    }
    for (const right of r.UserRights ?? []) {
      if (right.Privilege !== 'SeRemoteInteractiveLogonRight') { this.c.reject(`user right ${right.Privilege} (not modelled)`); continue; }
      for (const m of right.Results ?? []) this.edge('CanRdp', this.ref(m.ObjectIdentifier, m.ObjectType), self, 'CanRDP', { userRight: right.Privilege });
    }
    for (const t of r.AllowedToDelegate ?? []) this.edge('AllowedToDelegate', self, this.ref(t.ObjectIdentifier, t.ObjectType), 'AllowedToDelegate');
    for (const a of r.AllowedToAct ?? []) this.edge('AllowedToAct', this.ref(a.ObjectIdentifier, a.ObjectType), self, 'AllowedToAct');
    for (const ace of r.Aces ?? []) {
      const principal = this.ref(ace.PrincipalSID, ace.PrincipalType);
      if (ace.RightName === 'GetChanges' || ace.RightName === 'GetChangesAll') {
        if (type !== 'domains' || !principal) continue;
        const key = `${principal}|${self}`;
        const d = this.dcsync.get(key) ?? { changes: false, all: false, inherited: true };
        if (ace.RightName === 'GetChanges') d.changes = true; else d.all = true;
        d.inherited &&= ace.IsInherited === true;
        this.dcsync.set(key, d);
        continue;
      }
      const kind = ACE_EDGES[ace.RightName as keyof typeof ACE_EDGES];
      if (!kind) { this.c.reject(`ACE right ${ace.RightName} (not modelled)`); continue; }
      this.edge(kind, principal, self, ace.RightName, { inherited: ace.IsInherited === true });
    }
    if (r.ContainedBy) this.edge('Contains', this.ref(r.ContainedBy.ObjectIdentifier, r.ContainedBy.ObjectType), self, 'Contains');
    for (const child of r.ChildObjects ?? []) this.edge('Contains', self, this.ref(child.ObjectIdentifier, child.ObjectType), 'Contains');
    for (const link of r.Links ?? []) this.edge('GpLink', this.ref(link.GUID, 'GPO'), self, 'GPLink', { enforced: link.IsEnforced === true });
    if (r.Trusts?.length) this.c.reject('domain trust (not modelled)', r.Trusts.length);
  }

  /** A record of a session file: a logon of a user on a computer. */
  session(s: z.infer<typeof SessionRecord>): void {
    this.edge('HasSession', this.ref(s.ComputerSID, 'Computer'), this.ref(s.UserSID, 'User'), 'HasSession', { sessionKinds: ['Sessions'], ...(typeof s.LogonType === 'number' ? { logonType: s.LogonType } : {}) });
  }

  finish(): void {
    for (const [key, d] of this.dcsync) {
      if (!d.changes || !d.all) { this.c.reject('GetChanges or GetChangesAll alone (no DCSync)'); continue; }
      const [from, to] = key.split('|') as [string, string];
      this.pending.push({ kind: 'DcSync', from, to, props: { bhEdge: 'DCSync', inherited: d.inherited } });
    }
    let placeholders = 0;
    for (const [objectId, type] of this.referenced) {
      if (this.c.has(id(objectId))) continue;
      const kind = KIND_OF[type]!;
      const aliases = /^S-\d-\d+(-\d+)+$/.test(objectId) && kind !== 'OU' && kind !== 'Gpo' && kind !== 'Container' ? [alias('sid', objectId)] : [];
      this.c.node({ id: id(objectId), kind, name: objectId, domain: kind === 'Host' ? 'it' : 'identity', aliases, ref: true, props: { placeholder: true, objectId } });
      placeholders++;
    }
    if (placeholders) this.c.warnings.push(`${placeholders} referenced object(s) not defined in these files became placeholder nodes`);
    for (const e of this.pending) this.c.edge(e);
  }
}

/** SharpHoundCommon CollectionMethod flags the scopes read. */
const METHOD = { Group: 1, ACL: 64, Container: 128 } as const;
const TYPE_KINDS: Record<Parsed['type'], NodeKind[]> = {
  users: ['User', 'ServiceAccount'], groups: ['Group'], computers: ['Host'], domains: ['Domain'], ous: ['OU'], gpos: ['Gpo'], containers: ['Container'],
};
const ACE_KINDS = [...new Set([...Object.values(ACE_EDGES), 'DcSync' as const])];
/** SharpHound observes sessions at collection time: they age out after this many days (`--retention-days`). */
export const SESSION_RETENTION_DAYS = 7;

/**
 * What a collection covered (ADR 0011): the object types it listed (whole types: a users file lists every
 * user), ACLs and memberships only when the collection method ran (`meta.methods`; absent in old files:
 * assumed), containment of the containers it listed, and local groups only of the computers whose
 * `LocalGroups` entry says `Collected: true`. Sessions are observations, never cleaned up by a later run.
 */
function collectionScopes(parsed: Parsed[], methods: number | null): CollectionScope[] {
  const ran = (m: number) => methods === null || (methods & m) !== 0;
  const ids = (types: Parsed['type'][]) => parsed.filter((p) => types.includes(p.type)).flatMap((p) => p.records.map((r) => id(r.ObjectIdentifier)));
  const scopes: CollectionScope[] = [];
  for (const type of OBJECT_TYPES) {
    const n = parsed.filter((p) => p.type === type).reduce((a, p) => a + p.records.length, 0);
    if (n > 0 || parsed.some((p) => p.type === type)) scopes.push({ label: `${type} (${n} listed)`, nodeKinds: TYPE_KINDS[type] });
  }
  const objects = ids([...OBJECT_TYPES]);
  if (ran(METHOD.ACL) && objects.length) scopes.push({ label: `ACLs of ${objects.length} objects`, edgeKinds: ACE_KINDS, to: objects });
  const groups = ids(['groups']);
  if (ran(METHOD.Group) && groups.length) scopes.push({ label: `members of ${groups.length} groups`, edgeKinds: ['MemberOf'], to: groups });
  const containers = ids(['domains', 'ous', 'containers']);
  if (ran(METHOD.Container) && containers.length) {
    scopes.push({ label: `contents of ${containers.length} containers`, edgeKinds: ['Contains'], from: containers });
    scopes.push({ label: `GPO links of ${containers.length} containers`, edgeKinds: ['GpLink'], to: containers });
  }
  const principals = ids(['users', 'computers']);
  if (principals.length) {
    scopes.push({ label: `delegation by ${principals.length} accounts`, edgeKinds: ['AllowedToDelegate'], from: principals });
    scopes.push({ label: `delegation to ${principals.length} accounts`, edgeKinds: ['AllowedToAct'], to: principals });
  }
  const local = new Map<string, Set<string>>();
  for (const p of parsed.filter((x) => x.type === 'computers')) {
    for (const r of p.records) {
      for (const g of r.LocalGroups ?? []) {
        if (g.Collected !== true) continue;
        const rid = g.ObjectIdentifier?.split('-').pop() ?? '';
        const kind = (LOCAL_GROUPS[rid] ?? Object.values(LOCAL_GROUPS).find((x) => g.Name?.toUpperCase().startsWith(`${x.name}@`)))?.kind;
        if (kind) local.set(kind, (local.get(kind) ?? new Set()).add(id(r.ObjectIdentifier)));
      }
      if ((r.UserRights ?? []).some((u) => u.Collected === true && u.Privilege === 'SeRemoteInteractiveLogonRight')) local.set('CanRdp', (local.get('CanRdp') ?? new Set()).add(id(r.ObjectIdentifier)));
    }
  }
  for (const [kind, computers] of local) {
    scopes.push({ label: `${kind} (local groups) of ${computers.size} computers`, edgeKinds: [kind as EdgeKind], to: [...computers] });
  }
  return scopes;
}

export const sharphoundImporter: Importer = {
  id: 'sharphound',
  title: 'SharpHound / BloodHound CE collector JSON (v5, v6; files or zip)',
  accepts: '*_users.json, *_groups.json, *_computers.json, *_domains.json, *_ous.json, *_gpos.json, *_containers.json, *_sessions.json, or the collector zip',
  options: ['retentionDays'],
  async parse(files, context) {
    const g = new SharpHoundGraph();
    const parsed: Parsed[] = [];
    const sessions: Array<z.infer<typeof SessionRecord>> = [];
    const types = new Set<string>();
    let methods: number | null = null;
    for (const input of files) {
      for (const { file, doc } of await readDocuments(input)) {
        const d = parseWith(Document, doc, file.name, EXPECTED);
        types.add(d.meta.type);
        if (d.meta.methods !== undefined) methods = (methods ?? 0) | d.meta.methods;
        if ((SKIPPED_TYPES as readonly string[]).includes(d.meta.type)) {
          g.c.warnings.push(`${file.name}: ${d.data.length} AD CS object(s) of type ${d.meta.type} skipped (not modelled)`);
          g.c.reject(`AD CS ${d.meta.type}`, d.data.length);
          continue;
        }
        if (d.meta.type === SESSION_TYPE) {
          sessions.push(...d.data.map((r, i) => parseWith(SessionRecord, r, file.name, 'a SharpHound session record {ComputerSID, UserSID, LogonType}', `$.data[${i}]`)));
          continue;
        }
        const records = d.data.map((r, i) => parseWith(Record_, r, file.name, `a SharpHound ${d.meta.type} record`, `$.data[${i}]`));
        parsed.push({ type: d.meta.type as Parsed['type'], file: file.name, records });
      }
    }
    // Objects first (records repeating an id merge), then their relationships.
    for (const p of parsed) for (const r of p.records) g.object(p.type, r);
    for (const p of parsed) for (const r of p.records) g.relationships(p.type, r);
    for (const s of sessions) g.session(s);
    g.finish();
    // Complete for what it says it collected: facts outside its scopes (other methods, other computers) stay.
    const scopes = collectionScopes(parsed, methods);
    if (!['users', 'groups', 'computers', 'domains'].every((t) => types.has(t))) g.c.warnings.push('partial collection (not all of users, groups, computers, domains): only what it collected is re-confirmed; the rest stays as imported before');
    const days = retentionDays(context, SESSION_RETENTION_DAYS);
    return { ...g.c.batch(context.source ?? 'sharphound', 'sharphound', true, files.map((f) => f.name)), scopes, observations: { edgeKinds: ['HasSession'], retentionDays: days } };
  },
};
