/**
 * `aws`: AWS CLI JSON, each file recognised by its shape (a placebo/custodian `{status_code, data}`
 * wrapper is unwrapped; datetimes may be strings or objects and are not read):
 *   `aws iam get-account-authorization-details` (UserDetailList / GroupDetailList / RoleDetailList / Policies)
 *   `aws ec2 describe-instances` (Reservations) and `aws ec2 describe-security-groups` (SecurityGroups)
 * IAM users → User, groups → Group, roles → Role (domain cloud, ids `aws:<arn>`); instances → Host
 * (`aws:instance/<id>`, ip / instance / fqdn aliases); the account → a CloudResource `aws:account/<id>`
 * (criticality 10) that can assume every role. Edges:
 *   MemberOf (user → group); RunsAs (instance → role of its instance profile)
 *   CanAssumeRole from trust policies: an AWS principal ARN (assumed-role ARNs resolve to their role; an
 *     account id or `:root` is that account), and `"*"` / `{"AWS": "*"}` from the Internet (an entry point)
 *   HasPermission for the dangerous actions, from the principal's inline and attached managed policies
 *     (attachments are read from the principals, never from AttachmentCount; policy documents may be
 *     objects or URL-encoded strings; AWS-managed policies whose document the file lacks come from a
 *     built-in table, else a warning; Deny and conditions are not evaluated — the graph over-approximates;
 *     NotAction allows every dangerous action it does not name). What each action reaches (README
 *     "AWS permissions"):
 *       `*` or `iam:*` or an IAM privilege-escalation action (ESCALATION_ACTIONS) on `*` or an IAM
 *         resource → the account;
 *       iam:PassRole / sts:AssumeRole → the roles the resource names (`*`: every role of the account);
 *       s3:GetObject → the bucket the resource names (`*` or a wildcard bucket: the account's
 *         "all S3 buckets" node).
 *   CanReach from security-group ingress rules to the instances in the group: 0.0.0.0/0 or ::/0 → from
 *     the Internet; another public range → from an Internet entry restricted to that range
 *     (`internet:<cidr>`, its own p₀); a private range → from the instances inside it, or, when no known
 *     instance is inside, from a Zone for the range (`zone:<cidr>`); SG references → from the instances in
 *     the referenced group. One port → a Service (+ Runs); a range or all traffic → the instance itself,
 *     keyed by the range. Prefix lists and references to groups with no instance are counted under
 *     `rejected`; egress rules are not read.
 */
import { BadInputError, alias, type CollectionScope, type GraphBatch, type Props } from '@chokepoint/queries';
import { z } from 'zod';
import { BatchCollector } from '../../collector.js';
import type { InputFile } from '../../input.js';
import type { Importer } from '../../registry.js';
import { parseWith, readJsonDocument } from '../../validate.js';

const MAX_FILE = 512 * 1024 * 1024;
const EXPECTED = 'AWS CLI JSON: iam get-account-authorization-details, ec2 describe-instances or ec2 describe-security-groups';

/** IAM actions that let a principal grant itself anything: privilege escalation paths (Rhino Security Labs, AWS). */
export const ESCALATION_ACTIONS = ['iam:CreatePolicyVersion', 'iam:SetDefaultPolicyVersion', 'iam:AttachUserPolicy', 'iam:AttachGroupPolicy', 'iam:AttachRolePolicy',
  'iam:PutUserPolicy', 'iam:PutGroupPolicy', 'iam:PutRolePolicy', 'iam:CreateAccessKey', 'iam:CreateLoginProfile', 'iam:UpdateLoginProfile', 'iam:AddUserToGroup', 'iam:UpdateAssumeRolePolicy'] as const;
/** Actions that hand over the account when allowed on `*` or an IAM resource. */
export const ACCOUNT_ACTIONS = ['*', 'iam:*', ...ESCALATION_ACTIONS] as const;
/** Actions that reach the roles the resource names. */
export const ROLE_ACTIONS = ['iam:PassRole', 'sts:AssumeRole'] as const;
/** Actions that reach data: the buckets the resource names. */
export const DATA_ACTIONS = ['s3:GetObject'] as const;
export const DANGEROUS_ACTIONS = [...ACCOUNT_ACTIONS, ...ROLE_ACTIONS, ...DATA_ACTIONS] as const;
const AWS_MANAGED_ARN = /^arn:aws[\w-]*:iam::aws:policy\//;

const Strings = z.union([z.string(), z.array(z.string())]).transform((v) => (typeof v === 'string' ? [v] : v));
const Statement = z.looseObject({
  Effect: z.string(),
  Action: Strings.optional(), NotAction: Strings.optional(),
  Resource: Strings.optional(), NotResource: Strings.optional(),
  Principal: z.union([z.literal('*'), z.record(z.string(), Strings)]).optional(),
  Condition: z.unknown().optional(),
});
const PolicyDocument = z.object({ Statement: z.union([Statement, z.array(Statement)]).transform((s) => (Array.isArray(s) ? s : [s])) });
/** A document as an object or a URL-encoded JSON string (as the IAM API returns it). */
const Document = z.preprocess((value, ctx) => {
  if (typeof value !== 'string') return value;
  try { return JSON.parse(decodeURIComponent(value)) as unknown; } catch {
    ctx.addIssue({ code: 'custom', message: 'a string that is not a URL-encoded JSON policy document' });
    return z.NEVER;
  }
}, PolicyDocument);
const Inline = z.object({ PolicyName: z.string(), PolicyDocument: Document });
const Attached = z.object({ PolicyArn: z.string(), PolicyName: z.string().optional() });
const Gaad = z.looseObject({
  UserDetailList: z.array(z.looseObject({ UserName: z.string(), Arn: z.string(), GroupList: z.array(z.string()).default([]), AttachedManagedPolicies: z.array(Attached).default([]), UserPolicyList: z.array(Inline).default([]) })).default([]),
  GroupDetailList: z.array(z.looseObject({ GroupName: z.string(), Arn: z.string(), AttachedManagedPolicies: z.array(Attached).default([]), GroupPolicyList: z.array(Inline).default([]) })).default([]),
  RoleDetailList: z.array(z.looseObject({
    RoleName: z.string(), Arn: z.string(), AssumeRolePolicyDocument: Document.optional(),
    AttachedManagedPolicies: z.array(Attached).default([]), RolePolicyList: z.array(Inline).default([]),
    InstanceProfileList: z.array(z.looseObject({ Arn: z.string(), InstanceProfileName: z.string().optional() })).default([]),
  })).default([]),
  Policies: z.array(z.looseObject({ Arn: z.string(), PolicyName: z.string(), PolicyVersionList: z.array(z.looseObject({ Document: Document, IsDefaultVersion: z.boolean() })).default([]) })).default([]),
});
const Tag = z.object({ Key: z.string(), Value: z.string() });
const Instance = z.looseObject({
  InstanceId: z.string().min(1),
  PrivateIpAddress: z.string().nullish(), PublicIpAddress: z.string().nullish(), PrivateDnsName: z.string().nullish(), PublicDnsName: z.string().nullish(),
  State: z.looseObject({ Name: z.string() }).nullish(),
  SecurityGroups: z.array(z.looseObject({ GroupId: z.string() })).default([]),
  NetworkInterfaces: z.array(z.looseObject({ Groups: z.array(z.looseObject({ GroupId: z.string() })).default([]), PrivateIpAddresses: z.array(z.looseObject({ PrivateIpAddress: z.string() })).default([]) })).default([]),
  IamInstanceProfile: z.looseObject({ Arn: z.string() }).nullish(),
  Tags: z.array(Tag).nullish(),
});
const Instances = z.looseObject({ Reservations: z.array(z.looseObject({ Instances: z.array(Instance) })) });
const Rule = z.looseObject({
  IpProtocol: z.string(), FromPort: z.number().int().nullish(), ToPort: z.number().int().nullish(),
  IpRanges: z.array(z.looseObject({ CidrIp: z.string() })).default([]), Ipv6Ranges: z.array(z.looseObject({ CidrIpv6: z.string() })).default([]),
  UserIdGroupPairs: z.array(z.looseObject({ GroupId: z.string() })).default([]),
  PrefixListIds: z.array(z.looseObject({ PrefixListId: z.string() })).default([]),
});
const SecurityGroups = z.looseObject({ SecurityGroups: z.array(z.looseObject({ GroupId: z.string(), GroupName: z.string().optional(), IpPermissions: z.array(Rule).default([]) })) });
type Stmt = z.infer<typeof Statement>;

/** Case-insensitive IAM wildcard match (`*` any run, `?` one character). */
export function iamMatch(pattern: string, value: string): boolean {
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i');
  return re.test(value);
}

function ipv4ToInt(ip: string): number | null {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(ip);
  if (!m) return null;
  const parts = m.slice(1).map(Number);
  return parts.some((x) => x > 255) ? null : ((parts[0]! << 24) >>> 0) + (parts[1]! << 16) + (parts[2]! << 8) + parts[3]!;
}
export function inCidr(ip: string, cidr: string): boolean {
  const [base, bitsText] = cidr.split('/');
  const a = ipv4ToInt(ip), b = ipv4ToInt(base ?? ''), bits = Number(bitsText);
  if (a === null || b === null || !(bits >= 0 && bits <= 32)) return false;
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
  return ((a & mask) >>> 0) === ((b & mask) >>> 0);
}

/** Address ranges that are not on the public Internet (RFC 1918, CGNAT, loopback, link-local, IPv6 ULA / link-local). */
const PRIVATE_V4 = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', '127.0.0.0/8', '169.254.0.0/16'];
export function isPrivateCidr(cidr: string): boolean {
  const base = cidr.split('/')[0] ?? '';
  if (base.includes(':')) return /^(f[cd]|fe[89ab])/i.test(base);
  return PRIVATE_V4.some((range) => inCidr(base, range));
}
/** p₀ of an Internet entry restricted to a public range: see README "AWS security groups". */

const accountOf = (arn: string) => /^arn:aws[\w-]*:(?:iam|sts)::(\d{12}):/.exec(arn)?.[1] ?? null;
const nodeId = (arn: string) => `aws:${arn}`;

interface InstanceInfo { id: string; ips: string[]; groups: Set<string> }

class AwsGraph {
  readonly c = new BatchCollector();
  private readonly roles = new Map<string, string>(); // arn → node id
  private readonly roleByName = new Map<string, string>(); // account:name → arn (assumed-role ARNs carry no path)
  private readonly profiles = new Map<string, string>(); // instance profile arn → role arn
  readonly instances: InstanceInfo[] = [];
  private readonly instanceProfiles: Array<{ instance: string; profile: string }> = [];
  private readonly accounts = new Set<string>();

  account(id: string): string {
    const node = `aws:account/${id}`;
    if (!this.accounts.has(id)) {
      this.accounts.add(id);
      this.c.node({ id: node, kind: 'CloudResource', domain: 'cloud', name: `AWS account ${id}`, criticality: 10, props: { service: 'account', accountId: id } });
    }
    return node;
  }

  private principal(arn: string, kind: 'User' | 'Group' | 'Role', name: string, ref = false): string {
    return this.c.node({ id: nodeId(arn), kind, domain: 'cloud', name, aliases: [alias('arn', arn)], ...(ref ? { ref: true, props: { placeholder: true } } : {}) });
  }

  gaad(d: z.infer<typeof Gaad>, file: string): void {
    const managed = new Map<string, Stmt[]>();
    for (const p of d.Policies) {
      const v = p.PolicyVersionList.find((x) => x.IsDefaultVersion);
      if (v) managed.set(p.Arn, v.Document.Statement);
    }
    const statementsOf = (attached: Array<{ PolicyArn: string }>, inline: Array<{ PolicyDocument: { Statement: Stmt[] } }>, who: string): Stmt[] => {
      const out: Stmt[] = [];
      for (const a of attached) {
        const s = managed.get(a.PolicyArn) ?? (AWS_MANAGED_ARN.test(a.PolicyArn) ? AWS_MANAGED[a.PolicyArn.split('/').pop()!] : undefined);
        if (s) { out.push(...s); continue; }
        this.c.warnings.push(`${file}: ${who} has managed policy ${a.PolicyArn} whose document is neither in the file nor in the built-in table of AWS-managed policies: its permissions are unknown (export with --filter including LocalManagedPolicy and AWSManagedPolicy)`);
        this.c.reject('attached managed policy without a document');
      }
      for (const i of inline) out.push(...i.PolicyDocument.Statement);
      return out;
    };
    const grants: Array<{ from: string; statements: Stmt[]; account: string | null }> = [];
    for (const r of d.RoleDetailList) {
      const id = this.principal(r.Arn, 'Role', r.RoleName);
      this.roles.set(r.Arn, id);
      this.roleByName.set(`${accountOf(r.Arn)}:${r.RoleName}`, r.Arn);
      for (const p of r.InstanceProfileList) this.profiles.set(p.Arn, r.Arn);
      grants.push({ from: id, statements: statementsOf(r.AttachedManagedPolicies, r.RolePolicyList, r.Arn), account: accountOf(r.Arn) });
    }
    const groups = new Map<string, string>();
    for (const g of d.GroupDetailList) {
      groups.set(g.GroupName, this.principal(g.Arn, 'Group', g.GroupName));
      grants.push({ from: groups.get(g.GroupName)!, statements: statementsOf(g.AttachedManagedPolicies, g.GroupPolicyList, g.Arn), account: accountOf(g.Arn) });
    }
    for (const u of d.UserDetailList) {
      const id = this.principal(u.Arn, 'User', u.UserName);
      for (const name of u.GroupList) {
        const acct = accountOf(u.Arn);
        const group = groups.get(name) ?? (acct ? this.principal(`arn:aws:iam::${acct}:group/${name}`, 'Group', name, true) : null);
        if (group) this.c.edge({ kind: 'MemberOf', from: id, to: group, evidence: [`${file}: ${u.UserName} in group ${name}`] });
      }
      grants.push({ from: id, statements: statementsOf(u.AttachedManagedPolicies, u.UserPolicyList, u.Arn), account: accountOf(u.Arn) });
    }
    for (const r of d.RoleDetailList) if (r.AssumeRolePolicyDocument) this.trust(r.Arn, r.AssumeRolePolicyDocument.Statement, file);
    for (const g of grants) this.permissions(g.from, g.statements, g.account, file);
    // Whoever controls the account can assume (or rewrite the trust of) every role in it.
    for (const [arn, role] of this.roles) {
      const acct = accountOf(arn);
      if (acct && this.accounts.has(acct)) this.c.edge({ kind: 'CanAssumeRole', from: `aws:account/${acct}`, to: role, props: { via: 'account control' } });
    }
  }

  private trust(roleArn: string, statements: Stmt[], file: string): void {
    const role = nodeId(roleArn);
    for (const s of statements) {
      if (s.Effect !== 'Allow' || !(s.Action ?? []).some((a) => iamMatch(a, 'sts:AssumeRole') || iamMatch(a, 'sts:AssumeRoleWithWebIdentity') || iamMatch(a, 'sts:AssumeRoleWithSAML'))) continue;
      const principals = s.Principal === '*' ? { AWS: ['*'] } : s.Principal ?? {};
      const props: Props = s.Condition ? { conditional: true } : {};
      for (const [type, values] of Object.entries(principals)) {
        if (type !== 'AWS') { this.c.reject(`trust of a ${type} principal (not modelled)`, values.length); continue; }
        for (const p of values) {
          let from: string;
          if (p === '*') from = this.c.internet();
          else if (/^\d{12}$/.test(p) || /:root$/.test(p)) from = this.account(/^\d{12}$/.test(p) ? p : accountOf(p) ?? p);
          else {
            const assumed = /^arn:(aws[\w-]*):sts::(\d{12}):assumed-role\/([^/]+)/.exec(p);
            const arn = assumed ? this.roleByName.get(`${assumed[2]}:${assumed[3]}`) ?? `arn:${assumed[1]}:iam::${assumed[2]}:role/${assumed[3]}` : p;
            const kind = /:user\//.test(arn) ? 'User' : /:group\//.test(arn) ? 'Group' : 'Role';
            from = this.c.has(nodeId(arn)) ? nodeId(arn) : this.principal(arn, kind, arn.split('/').pop() ?? arn, true);
          }
          this.c.edge({ kind: 'CanAssumeRole', from, to: role, props, evidence: [`${file}: trust policy of ${roleArn} allows ${p}`] });
        }
      }
    }
  }

  private permissions(from: string, statements: Stmt[], account: string | null, file: string): void {
    for (const s of statements) {
      if (s.Effect !== 'Allow') continue;
      const actions = s.Action ?? [];
      const not = s.NotAction;
      // NotAction allows every action it does not name.
      const allows = (action: string) => (not ? !not.some((a) => iamMatch(a, action)) : actions.some((a) => iamMatch(a, action)));
      const resources = s.Resource ?? (s.NotResource ? ['*'] : []);
      const evidence = (action: string) => [`${file}: ${from.slice(4)} allowed ${action} on ${resources.join(', ')}`];
      const accountKeys = !not && actions.includes('*') ? ['*']
        : !not && actions.some((a) => a.toLowerCase() === 'iam:*') ? ['iam:*']
          : ESCALATION_ACTIONS.filter(allows);
      for (const r of resources) {
        const onIam = r === '*' || /^arn:aws[\w-]*:iam:/i.test(r) || iamMatch(r, 'arn:aws:iam::000000000000:role/x');
        if (onIam && account) for (const key of accountKeys) this.c.edge({ kind: 'HasPermission', from, to: this.account(account), key, evidence: evidence(key) });
        // Full control of the account already reaches every role and bucket through the account node.
        if (r === '*' && accountKeys[0] === '*') continue;
        for (const action of ROLE_ACTIONS) {
          if (!allows(action)) continue;
          if (r === '*') { if (account) this.c.edge({ kind: 'HasPermission', from, to: this.allRoles(account), key: action, evidence: evidence(action) }); continue; }
          for (const [arn, role] of this.roles) if (iamMatch(r, arn)) this.c.edge({ kind: 'HasPermission', from, to: role, key: action, evidence: evidence(action) });
        }
        for (const action of DATA_ACTIONS) {
          if (!allows(action)) continue;
          const to = this.buckets(r, account);
          if (to) this.c.edge({ kind: 'HasPermission', from, to, key: action, evidence: evidence(action) });
        }
      }
    }
  }

  /** "Any role in the account": what iam:PassRole or sts:AssumeRole on `*` reaches; it can assume each role of the account in the file. */
  private allRoles(account: string): string {
    const id = `aws:account/${account}/roles`;
    if (this.c.has(id)) return id;
    this.c.node({ id, kind: 'CloudResource', domain: 'cloud', name: `Any role in AWS account ${account}`, criticality: 0, props: { service: 'iam', accountId: account, scope: 'all roles' } });
    for (const [arn, role] of this.roles) if (accountOf(arn) === account) this.c.edge({ kind: 'CanAssumeRole', from: id, to: role, props: { via: 'iam:PassRole / sts:AssumeRole on *' } });
    return id;
  }

  /** The data node an S3 resource pattern names: a bucket, or the account's "all buckets" node for `*` and wildcard buckets. */
  private buckets(resource: string, account: string | null): string | null {
    const bucket = /^arn:aws[\w-]*:s3:::([^/]+)/.exec(resource)?.[1];
    if (bucket && !/[*?]/.test(bucket)) {
      return this.c.node({ id: `aws:arn:aws:s3:::${bucket}`, kind: 'CloudResource', domain: 'cloud', name: `s3://${bucket}`, aliases: [alias('arn', `arn:aws:s3:::${bucket}`)], ref: true, props: { service: 's3' } });
    }
    const everything = resource === '*' || bucket !== undefined || /^arn:(aws[\w-]*|\*):(s3|\*):/.test(resource);
    if (!everything || !account) return null;
    return this.c.node({ id: `aws:account/${account}/s3`, kind: 'CloudResource', domain: 'cloud', name: `All S3 buckets in AWS account ${account}`, props: { service: 's3', accountId: account, scope: 'all buckets' } });
  }

  instance(i: z.infer<typeof Instance>): void {
    const ips = [i.PrivateIpAddress, ...i.NetworkInterfaces.flatMap((n) => n.PrivateIpAddresses.map((p) => p.PrivateIpAddress))].filter((x): x is string => !!x);
    const name = i.Tags?.find((t) => t.Key === 'Name')?.Value || i.InstanceId;
    const id = `aws:instance/${i.InstanceId}`;
    this.c.node({
      id, kind: 'Host', domain: 'cloud', name,
      aliases: [alias('instance', i.InstanceId), ...[...new Set(ips)].map((ip) => alias('ip', ip)), ...(i.PublicIpAddress ? [alias('ip', i.PublicIpAddress)] : []), ...(i.PrivateDnsName ? [alias('fqdn', i.PrivateDnsName)] : [])],
      props: { ...(i.State ? { state: i.State.Name } : {}), ...(i.PublicIpAddress ? { publicIp: i.PublicIpAddress } : {}), ...(i.IamInstanceProfile ? { instanceProfile: i.IamInstanceProfile.Arn } : {}) },
    });
    this.instances.push({ id, ips: [...new Set(ips)], groups: new Set([...i.SecurityGroups.map((g) => g.GroupId), ...i.NetworkInterfaces.flatMap((n) => n.Groups.map((g) => g.GroupId))]) });
    if (i.IamInstanceProfile) this.instanceProfiles.push({ instance: id, profile: i.IamInstanceProfile.Arn });
  }

  securityGroups(groups: z.infer<typeof SecurityGroups>['SecurityGroups'], file: string): void {
    this.pendingGroups.push(...groups.map((g) => ({ ...g, file })));
  }
  private readonly pendingGroups: Array<z.infer<typeof SecurityGroups>['SecurityGroups'][number] & { file: string }> = [];

  /** The Internet restricted to a public range (an office or partner network): an entry of its own; its p₀ is the scoring policy's (by prefix length). */
  private restrictedInternet(cidr: string): string {
    return this.c.node({ id: `internet:${cidr}`, kind: 'Internet', name: `Internet (${cidr} only)`, exposure: 'internet', props: { cidr } });
  }

  finish(): void {
    for (const { instance, profile } of this.instanceProfiles) {
      const role = this.profiles.get(profile);
      if (role && this.roles.has(role)) this.c.edge({ kind: 'RunsAs', from: instance, to: this.roles.get(role)!, props: { instanceProfile: profile } });
      else this.c.warnings.push(`${instance}: instance profile ${profile} names no role in this import (import get-account-authorization-details in the same run)`);
    }
    for (const g of this.pendingGroups) {
      const members = this.instances.filter((i) => i.groups.has(g.GroupId));
      for (const rule of g.IpPermissions) {
        const all = rule.IpProtocol === '-1' || rule.FromPort === undefined || rule.FromPort === null || (rule.FromPort <= 0 && (rule.ToPort ?? 65535) >= 65535) || rule.FromPort === -1;
        const key = all ? 'all' : rule.FromPort === rule.ToPort ? `${rule.IpProtocol}/${rule.FromPort}` : `${rule.IpProtocol}/${rule.FromPort}-${rule.ToPort}`;
        // A rule of a group no instance in this import belongs to reaches nothing we know: count it, model nothing.
        if (members.length === 0) { this.c.reject('security-group rule of a group with no instance in this import'); continue; }
        const sources: Array<{ id: string; why: string }> = [];
        for (const r of [...rule.IpRanges.map((x) => x.CidrIp), ...rule.Ipv6Ranges.map((x) => x.CidrIpv6)]) {
          if (r === '0.0.0.0/0' || r === '::/0') { sources.push({ id: this.c.internet(), why: r }); continue; }
          if (!isPrivateCidr(r)) { sources.push({ id: this.restrictedInternet(r), why: r }); continue; }
          const inside = this.instances.filter((i) => i.ips.some((ip) => inCidr(ip, r)));
          for (const i of inside) sources.push({ id: i.id, why: r });
          // A private range with no known instance inside is a network we have not collected (on-premises, a peered VPC).
          if (inside.length === 0) sources.push({ id: this.c.node({ id: `zone:${r}`, kind: 'Zone', name: r, props: { cidr: r } }), why: r });
        }
        for (const pair of rule.UserIdGroupPairs) {
          const inGroup = this.instances.filter((i) => i.groups.has(pair.GroupId));
          for (const i of inGroup) sources.push({ id: i.id, why: pair.GroupId });
          if (inGroup.length === 0) this.c.reject('security-group rule from a group with no instance in this import');
        }
        if (rule.PrefixListIds.length) this.c.reject('security-group rule from a prefix list (not modelled)', rule.PrefixListIds.length);
        for (const target of members) {
          let to = target.id;
          if (!all && rule.FromPort === rule.ToPort) {
            to = this.c.node({ id: `svc:${target.id}:${key}`, kind: 'Service', domain: 'cloud', name: `${key} on ${this.c.get(target.id)!.name}`, props: { protocol: rule.IpProtocol, port: rule.FromPort! } });
            this.c.edge({ kind: 'Runs', from: target.id, to });
          }
          for (const s of sources) {
            if (s.id === target.id) continue;
            this.c.edge({ kind: 'CanReach', from: s.id, to, key, evidence: [`${g.file}: ${g.GroupId} allows ${key} from ${s.why}`] });
          }
        }
      }
    }
  }
}

/**
 * AWS-managed policies by name, for files whose Policies list lacks their documents (a GAAD exported
 * with `--filter User Group Role`). Only the statements that bear on the dangerous actions are kept;
 * an empty list records a policy known to grant none of them (no warning).
 */
const AWS_MANAGED: Record<string, Stmt[]> = {
  AdministratorAccess: [{ Effect: 'Allow', Action: ['*'], Resource: ['*'] }],
  PowerUserAccess: [{ Effect: 'Allow', NotAction: ['iam:*', 'organizations:*', 'account:*'], Resource: ['*'] }],
  IAMFullAccess: [{ Effect: 'Allow', Action: ['iam:*'], Resource: ['*'] }],
  AmazonS3FullAccess: [{ Effect: 'Allow', Action: ['s3:*', 's3-object-lambda:*'], Resource: ['*'] }],
  AmazonS3ReadOnlyAccess: [{ Effect: 'Allow', Action: ['s3:Get*', 's3:List*', 's3:Describe*'], Resource: ['*'] }],
  ReadOnlyAccess: [{ Effect: 'Allow', Action: ['s3:Get*', 's3:List*'], Resource: ['*'] }],
  AWSLambda_FullAccess: [{ Effect: 'Allow', Action: ['iam:PassRole'], Resource: ['*'], Condition: { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } } }],
  ViewOnlyAccess: [],
  SecurityAudit: [],
  IAMReadOnlyAccess: [],
  AmazonVPCReadOnlyAccess: [],
};

function unwrap(doc: unknown): unknown {
  if (doc && typeof doc === 'object' && !Array.isArray(doc) && 'status_code' in doc && 'data' in doc) return (doc as { data: unknown }).data;
  return doc;
}

/**
 * What an AWS export covered (ADR 0011), by the API shapes read: IAM of each account the authorization
 * details name (its users, groups and roles, and the memberships, permissions and trusts they hold or
 * that lead to its roles); the EC2 instances and what they run as; the security-group reach to instances.
 * Use one `--source` per account and region: instance ids do not say which account they belong to.
 */
function awsScopes(batch: GraphBatch, shapes: ReadonlySet<string>): CollectionScope[] {
  const scopes: CollectionScope[] = [];
  if (shapes.has('iam')) {
    const accounts = new Set<string>();
    for (const n of batch.nodes) {
      const m = /^(aws:arn:aws[\w-]*:iam::\d{12}:)/.exec(n.id);
      if (m && !n.ref) accounts.add(m[1]!);
    }
    for (const prefix of accounts) {
      const account = prefix.slice(-13, -1);
      scopes.push({ label: `IAM principals of account ${account}`, nodeKinds: ['User', 'Group', 'Role'], idPrefixes: [prefix] });
      scopes.push({ label: `memberships, permissions and trusts held in account ${account}`, edgeKinds: ['MemberOf', 'HasPermission', 'CanAssumeRole'], fromPrefixes: [prefix, `aws:account/${account}`] });
      scopes.push({ label: `trusts into roles of account ${account}`, edgeKinds: ['CanAssumeRole'], toPrefixes: [`${prefix}role/`] });
    }
  }
  if (shapes.has('instances')) {
    scopes.push({ label: 'EC2 instances', nodeKinds: ['Host'], idPrefixes: ['aws:instance/'] });
    scopes.push({ label: 'instance roles', edgeKinds: ['RunsAs'], fromPrefixes: ['aws:instance/'] });
  }
  if (shapes.has('security-groups')) {
    scopes.push({ label: 'services open in security groups', nodeKinds: ['Service'], idPrefixes: ['svc:aws:instance/'] });
    scopes.push({ label: 'security-group reach to instances', edgeKinds: ['CanReach', 'Runs'], toPrefixes: ['aws:instance/', 'svc:aws:instance/'] });
  }
  return scopes;
}

export const awsImporter: Importer = {
  id: 'aws',
  title: 'AWS CLI JSON: IAM authorization details, EC2 instances and security groups',
  accepts: 'aws iam get-account-authorization-details / ec2 describe-instances / ec2 describe-security-groups output (any mix, one run)',
  async parse(files: InputFile[], context) {
    const g = new AwsGraph();
    const kinds: string[] = [];
    for (const file of files) {
      const doc = unwrap(await readJsonDocument(file, MAX_FILE, EXPECTED));
      const shape = doc && typeof doc === 'object' && !Array.isArray(doc) ? doc as Record<string, unknown> : {};
      if ('UserDetailList' in shape || 'RoleDetailList' in shape || 'GroupDetailList' in shape || 'Policies' in shape) { g.gaad(parseWith(Gaad, doc, file.name, EXPECTED), file.name); kinds.push('iam'); }
      else if ('Reservations' in shape) { for (const r of parseWith(Instances, doc, file.name, EXPECTED).Reservations) for (const i of r.Instances) g.instance(i); kinds.push('instances'); }
      else if ('SecurityGroups' in shape) { g.securityGroups(parseWith(SecurityGroups, doc, file.name, EXPECTED).SecurityGroups, file.name); kinds.push('security-groups'); }
      else throw new BadInputError({ file: file.name, path: '$' }, 'none of UserDetailList, GroupDetailList, RoleDetailList, Policies, Reservations or SecurityGroups at the top level', EXPECTED);
    }
    g.finish();
    const batch = g.c.batch(context.source ?? 'aws', 'aws', true, files.map((f) => f.name));
    if (!['iam', 'instances', 'security-groups'].every((k) => kinds.includes(k))) g.c.warnings.push('not all of IAM, instances and security groups in this run: only what it read is re-confirmed; the rest stays as imported before');
    return { ...batch, warnings: g.c.warnings, scopes: awsScopes(batch, new Set(kinds)) };
  },
};
