/**
 * Derivation rules: the few, readable rules that turn facts into attack steps (README "Derivation
 * rules"). Each derived step records the facts it rests on (edge ids, or `node:<id>` for a node
 * property) and the fix candidates that would remove it.
 *
 *  R1 imported attack edges are steps with their own p, else their kind's default; a VendorAccess grant
 *     into a RemoteAccess that records `mfa`/`alwaysOn` is scaled by them.
 *  R2 entries: the Internet, vendors, phishable users, agents fed untrusted input (and any other node with
 *     an exposure) hang off the virtual root with p₀; a machine or service marked `exposure: internet`
 *     that no Internet reach fact covers gets one.
 *  R3 reach(A → service S of host H) ∧ S or H has a remotely exploitable finding V ⇒ CanExploit(A → H)
 *     keyed by V, with p from exploit.ts.
 *  R4 reach(Internet → S) ∧ S is a remote-login service ⇒ CanExploit(Internet → H) keyed `exposed-login`.
 *  R5 reach(A → S) ∧ S speaks an industrial protocol ⇒ Controls(A → H) keyed by the protocol.
 *  R6 an attack step into a zone puts the attacker on that segment: the zone reaches every service of
 *     its members (flat segment), and R3–R5 apply from it.
 *  R7 a machine in a zone that something was seen reaching from (a scan `--from zone`) is on that
 *     segment: OnSegment(machine → zone), so a foothold there uses the zone's reach.
 *  R8 control of a share or export that a machine mounts ⇒ TaintSharedContent(share → machine).
 * Entries (R2) follow the scoring policy (policy.ts); disabled accounts are not traversable by default.
 */
import type { PropValue } from '../batch.js';
import { EDGE_KINDS, EXPOSURES, MACHINE_KINDS, edgeId, fixCost, type EdgeKind, type EdgeKindSpec, type NodeKind } from '../schema/index.js';
import type { NodeMarker, StoredEdge } from '../store/port.js';
import { exploitProbability } from './exploit.js';
import type { FactIndex } from './facts.js';
import { ROOT_ID, type Assumption, type ModelBuilder, type ModelNode } from './model.js';
import type { ScoringPolicy } from './policy.js';

const MACHINE = new Set<NodeKind>(MACHINE_KINDS);

/** Well-known ports of industrial protocols (ICS-CERT / vendor documentation). */
export const INDUSTRIAL_PORTS: Readonly<Record<number, string>> = {
  102: 's7comm', 502: 'modbus', 789: 'crimson', 1911: 'niagara-fox', 1962: 'pcworx', 2222: 'enip-io', 2404: 'iec104',
  2455: 'codesys', 4840: 'opcua', 4911: 'niagara-fox', 5007: 'melsec', 9600: 'omron-fins', 18245: 'ge-srtp',
  20000: 'dnp3', 34962: 'profinet', 34963: 'profinet', 34964: 'profinet', 44818: 'enip', 47808: 'bacnet',
};
const INDUSTRIAL_NAME = /^(modbus|s7comm(plus)?|s7|enip|cip|dnp3(_tcp|_udp)?|iec-?104|bacnet|opc-?ua|profinet|niagara-fox|fox|ge-srtp|omron-fins|fins|melsec|codesys|pcworx|crimson)$/i;
/** Remote-login services whose Internet exposure invites password spraying and credential stuffing. */
export const LOGIN_PORTS: Readonly<Record<number, string>> = { 22: 'ssh', 23: 'telnet', 445: 'smb', 3389: 'rdp', 5900: 'vnc', 5985: 'winrm', 5986: 'winrm' };
export const DERIVED_P = {
  exposedLogin: 0.2,
  controlFromStation: 0.9,
  controlFromElsewhere: 0.6,
  vendorMfaFactor: 0.3,
  vendorOnRequestFactor: 0.5,
  phishingMfaFactor: 0.1,
  shareExecutes: 0.9,
  shareMounted: 0.6,
  assumedLateral: 0.2,
  assumedSession: 0.3,
} as const;
/** Largest zone the zone-lateral assumption expands (its steps grow with the square of the members). */
export const ZONE_ASSUMPTION_CAP = 200;

const YES = new Set(['true', 'yes', 'y', '1']);
/** A yes/no property as sources write it (booleans from JSON, strings from CSV columns). */
export const flag = (v: PropValue | undefined): boolean => v === true || (typeof v === 'string' && YES.has(v.trim().toLowerCase()));

/** A user that the directory says can be phished: enabled, with a mailbox or an interactive logon. */
export function phishableInDirectory(node: ModelNode): boolean {
  if (node.kind !== 'User' || node.props.enabled === false) return false;
  const email = node.props.email;
  const logon = (k: string) => typeof node.props[k] === 'number' && (node.props[k] as number) > 0;
  return (typeof email === 'string' && email.includes('@')) || logon('lastlogon') || logon('lastlogontimestamp');
}

/** An account the directory says is disabled. */
export const disabled = (node: ModelNode | undefined): boolean => node !== undefined && node.props.enabled === false && (node.kind === 'User' || node.kind === 'ServiceAccount' || node.kind === 'Host');

const strings = (v: PropValue | undefined): string[] => (typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

interface Target { svc: string | null; host: string; facts: StoredEdge[] }

/** Shared state of one derivation pass. */
class Deriver {
  readonly internet: string;
  private readonly policy: ScoringPolicy;
  private readonly ancestors = new Map<string, string[]>();

  constructor(private readonly b: ModelBuilder, private readonly facts: FactIndex, private readonly memberships: Map<string, string[]>) {
    this.policy = b.policy;
    // The one unrestricted Internet; other Internet nodes are the Internet restricted to an address range.
    const existing = b.nodes.find((n) => n.kind === 'Internet' && n.id !== ROOT_ID && typeof n.props.cidr !== 'string');
    this.internet = existing?.id ?? b.nodes[b.addNode({ id: 'internet', kind: 'Internet', name: 'Internet', domain: 'it', criticality: 0, exposure: 'internet', purdueLevel: null, props: {} })]!.id;
  }

  /** The Internet, or the Internet restricted to an address range (AWS security groups). */
  private isInternet(id: string): boolean {
    return id === this.internet || (id !== ROOT_ID && this.b.node(id)?.kind === 'Internet');
  }

  private name(id: string): string { return this.b.node(id)?.name ?? id; }

  private stamps(edges: StoredEdge[]): { sources: string[]; firstSeen: string | null } {
    const sources = new Set<string>();
    let firstSeen: string | null = null;
    for (const e of edges) {
      for (const s of e.sources) sources.add(s);
      if (!firstSeen || e.firstSeen > firstSeen) firstSeen = e.firstSeen;
    }
    return { sources: [...sources], firstSeen };
  }

  // R1 ------------------------------------------------------------------------------------------
  imported(e: StoredEdge): void {
    if (!this.policy.traverseDisabled && (disabled(this.b.node(e.from)) || disabled(this.b.node(e.to)))) return;
    const spec: EdgeKindSpec = EDGE_KINDS[e.kind];
    let p = e.p ?? spec.p;
    let explain = e.p !== null ? `p ${e.p} asserted by ${e.sources.join(', ')}` : `${e.kind} default p ${spec.p}`;
    const fixIds = [this.edgeFix(e)].filter((x): x is string => x !== null);
    const to = this.b.node(e.to);
    if (e.kind === 'ReadsUntrusted' && to?.kind === 'AiAgent') fixIds.push(this.agentInputFix(to));
    if (e.kind === 'VendorAccess' && to?.kind === 'RemoteAccess') {
      const { mfa, alwaysOn } = to.props;
      if (e.p === null && mfa === true) { p *= DERIVED_P.vendorMfaFactor; explain += ` × ${DERIVED_P.vendorMfaFactor} (MFA)`; }
      if (e.p === null && alwaysOn === false) { p *= DERIVED_P.vendorOnRequestFactor; explain += ` × ${DERIVED_P.vendorOnRequestFactor} (on request)`; }
      if (mfa === false) {
        fixIds.push(this.b.fix({ id: `mfa-access:${e.to}`, family: 'mfa', action: `Enforce MFA on ${to.name}`, cost: fixCost('VendorAccess') + 1, factor: DERIVED_P.vendorMfaFactor }));
      }
    }
    this.b.step({ eid: e.eid, kind: e.kind, from: e.from, to: e.to, key: e.key, p, explain, facts: [e.eid], sources: [...e.sources], firstSeen: e.firstSeen, derived: false, fixIds });
  }

  /** The per-edge fix; none for steps inside Tier Zero (control of the domain by its own admins is not a finding). */
  private edgeFix(e: StoredEdge): string | null {
    const from = this.b.node(e.from)!, to = this.b.node(e.to)!;
    if (from.tierZero && to.tierZero) return null;
    const f = from.name, t = to.name;
    const actions: Partial<Record<EdgeKind, string>> = {
      VendorAccess: `Revoke ${f}'s access through ${t}`,
      ProvidesAccess: `Restrict ${f} so it no longer reaches ${t}`,
      MemberOf: `Remove ${f} from ${t}`,
      HasSession: `Stop ${t} logging on to ${f} (tiered administration)`,
      CredentialOn: `Remove the stored credential of ${t} from ${f}`,
      CanInvoke: `Remove tool ${t} from agent ${f}`,
      ReadsUntrusted: `Stop ${t} reading untrusted input from ${f}${e.key ? ` (${e.key})` : ''}`,
      RunsAs: `Run ${f} as a less privileged identity than ${t}`,
      HasPermission: `Remove ${f}'s permission${e.key ? ` ${e.key}` : ''} on ${t}`,
      CanAssumeRole: `Remove ${f} from the trust policy of ${t}`,
      Controls: `Restrict ${f} from commanding ${t}`,
      Manages: `Restrict ${f} from managing ${t}`,
    };
    const spec: EdgeKindSpec = EDGE_KINDS[e.kind];
    return this.b.fix({ id: `edge:${e.eid}`, family: spec.fixFamily, action: actions[e.kind] ?? `Remove ${e.kind} of ${f} on ${t}`, cost: fixCost(e.kind), factor: null });
  }

  // R2 ------------------------------------------------------------------------------------------
  /** Every group a principal is in, transitively (memoised per group). */
  private groupsOf(id: string, seen = new Set<string>()): string[] {
    const memo = this.ancestors.get(id);
    if (memo) return memo;
    const out: string[] = [];
    seen.add(id);
    for (const g of this.memberships.get(id) ?? []) {
      if (seen.has(g)) continue;
      out.push(g);
      for (const a of this.groupsOf(g, seen)) if (!out.includes(a)) out.push(a);
    }
    if (seen.size === 1) this.ancestors.set(id, out); // only a complete walk is memoised
    return out;
  }

  /** Does a policy selector (node id, SID, name, or `rid:<n>`) name this node? */
  private matches(selector: string, id: string): boolean {
    const node = this.b.node(id);
    if (!node) return false;
    const s = selector.toLowerCase();
    if (s.startsWith('rid:')) return typeof node.props.objectId === 'string' && node.props.objectId.endsWith(`-${s.slice(4)}`);
    return node.id.toLowerCase() === s || node.name.toLowerCase() === s || (typeof node.props.objectId === 'string' && node.props.objectId.toLowerCase() === s);
  }

  /** p₀ and its reason for a phishable user: own p₀, else the first matching group rule, else the default. */
  private phishingP0(node: ModelNode): { p0: number; why: string } {
    const own = typeof node.props.p0 === 'number' && node.props.p0 > 0 && node.props.p0 <= 1 ? node.props.p0 : null;
    if (own !== null) return { p0: own, why: `own p₀ ${own}` };
    const rules = this.policy.entries.phishable.groups;
    if (rules.length) {
      const groups = this.groupsOf(node.id);
      for (const rule of rules) {
        const g = groups.find((x) => this.matches(rule.group, x));
        if (g) return { p0: rule.p0, why: `member of ${this.name(g)}: p₀ ${rule.p0} (${rule.reason})` };
      }
    }
    return { p0: this.policy.entries.phishable.p0, why: `policy default p₀ ${this.policy.entries.phishable.p0}` };
  }

  entries(markers: readonly NodeMarker[], injected: ReadonlySet<string>): void {
    const pol = this.policy.entries;
    for (const node of this.b.nodes) {
      if (node.id === ROOT_ID) continue;
      if (!this.policy.traverseDisabled && disabled(node)) continue;
      let exposure = node.kind === 'Internet' ? 'internet' : node.kind === 'Vendor' ? (node.exposure ?? 'vendor') : node.exposure;
      let reason = '';
      if ((!exposure || exposure === 'phishable') && pol.phishable.fromDirectory && phishableInDirectory(node)) {
        exposure = 'phishable'; reason = `enabled user with ${typeof node.props.email === 'string' && node.props.email.includes('@') ? 'a mailbox' : 'interactive logons'}`;
      }
      if (!exposure || exposure === 'none') continue;
      if (exposure === 'internet' && node.kind !== 'Internet') continue; // reachable, not owned: R2b below
      // One injection is one route: an agent whose untrusted inputs are imported is entered through them.
      if (exposure === 'untrusted-input' && injected.has(node.id)) continue;
      const own = typeof node.props.p0 === 'number' && node.props.p0 > 0 && node.props.p0 <= 1 ? node.props.p0 : null;
      let p0: number, why: string;
      const cidr = typeof node.props.cidr === 'string' ? node.props.cidr : null;
      if (exposure === 'phishable') ({ p0, why } = this.phishingP0(node));
      else if (own !== null) { p0 = own; why = `own p₀ ${own}`; }
      else if (node.kind === 'Internet' && cidr) {
        const bits = Number(cidr.split('/')[1] ?? (cidr.includes(':') ? 128 : 32));
        const wide = bits <= (cidr.includes(':') ? pol.publicCidr.widePrefix + 24 : pol.publicCidr.widePrefix);
        p0 = wide ? pol.publicCidr.wideP0 : pol.publicCidr.p0;
        why = `open to ${cidr} only: p₀ ${p0} (policy, ${wide ? 'a wide range' : 'a narrow range'})`;
      } else {
        p0 = exposure === 'internet' ? pol.internet.p0 : exposure === 'vendor' ? pol.vendor.p0 : pol.untrustedInput.p0;
        why = `policy p₀ ${p0}`;
      }
      const fixIds: string[] = [];
      if (exposure === 'phishable') {
        const groups = this.memberships.get(node.id) ?? [];
        for (const g of groups) fixIds.push(this.b.fix({ id: `mfa-group:${g}`, family: 'mfa', action: `Enforce phishing-resistant MFA for members of ${this.name(g)}`, cost: 3, factor: DERIVED_P.phishingMfaFactor }));
        if (groups.length === 0) fixIds.push(this.b.fix({ id: `mfa-user:${node.id}`, family: 'mfa', action: `Enforce phishing-resistant MFA for ${node.name}`, cost: 1, factor: DERIVED_P.phishingMfaFactor }));
      }
      if (exposure === 'untrusted-input' && node.kind === 'AiAgent') fixIds.push(this.agentInputFix(node));
      this.b.step({
        eid: `entry|${node.id}`, kind: 'Entry', from: ROOT_ID, to: node.id, key: exposure, p: p0,
        explain: `entry point (${EXPOSURES[exposure].label}${reason ? `: ${reason}` : ''}): ${why}`,
        facts: [`node:${node.id}`], sources: [], firstSeen: null, derived: true, fixIds,
      });
    }
    // Assume breach: an owned node is a foothold (p₀ 1); the step merges with its policy entry, if any.
    for (const m of markers) {
      if (m.marker !== 'owned' || !this.b.node(m.nodeId)) continue;
      this.b.step({
        eid: `entry|${m.nodeId}`, kind: 'Entry', from: ROOT_ID, to: m.nodeId, key: 'owned', p: 1,
        explain: `assumed breach: marked owned by ${m.by} at ${m.at} (p₀ 1)`,
        facts: [`node:${m.nodeId}`], sources: [], firstSeen: null, derived: true, fixIds: [],
      });
    }
  }

  private agentInputFix(agent: ModelNode): string {
    return this.b.fix({ id: `agent-input:${agent.id}`, family: 'agent-guardrails', action: `Require human approval before ${agent.name} acts on untrusted input`, cost: 2, factor: null });
  }

  // R3–R5 -----------------------------------------------------------------------------------------
  /** What a reach to `target` exposes: services with the machines that run them (zones expand to members). */
  private behind(target: string, via: StoredEdge[], depth = 0): Target[] {
    const node = this.b.node(target);
    if (!node) return [];
    if (node.kind === 'Service') return (this.facts.runBy.get(target) ?? []).map((r) => ({ svc: target, host: r.other, facts: [...via, r.edge] }));
    if (MACHINE.has(node.kind)) {
      return [{ svc: null, host: target, facts: via },
        ...(this.facts.servicesOf.get(target) ?? []).map((s) => ({ svc: s.other, host: target, facts: [...via, s.edge] }))];
    }
    if (node.kind === 'Zone' && depth === 0) return (this.facts.membersOf.get(target) ?? []).flatMap((m) => this.behind(m.other, [...via, m.edge], 1));
    return [];
  }

  /** The network fix that cuts a derived step from `from` to `host`'s service. */
  private networkFix(from: string, host: string, svc: string | null): string | null {
    const target = svc ?? host;
    if (this.isInternet(from)) {
      if (this.constrained('mustStayExposed', host) || (svc !== null && this.constrained('mustStayExposed', svc))) return null;
      const cost = this.policy.costs.closeInternet;
      if (from === this.internet) return this.b.fix({ id: `close-internet:${target}`, family: 'segment', action: `Remove Internet exposure of ${this.name(target)}`, cost, factor: null });
      return this.b.fix({ id: `close-internet:${from}|${target}`, family: 'segment', action: `Remove exposure of ${this.name(target)} to ${this.name(from)}`, cost, factor: null });
    }
    const fromNode = this.b.node(from)!;
    const fromZone = fromNode.kind === 'Zone' ? from : this.facts.zonesOf.get(from)?.[0]?.other;
    const toZone = this.facts.zonesOf.get(host)?.[0]?.other;
    if (fromZone && toZone && fromZone !== toZone) {
      return this.b.fix({ id: `segment:${fromZone}|${toZone}`, family: 'segment', action: `Segment ${this.name(fromZone)} from ${this.name(toZone)} (filter the flows between them)`, cost: 5, factor: null });
    }
    return this.b.fix({ id: `filter:${from}|${target}`, family: 'segment', action: `Filter flows from ${fromNode.name} to ${this.name(target)}`, cost: 1, factor: null });
  }

  /** Does a policy constraint (or the node's own inventory flag) apply to this node? */
  constrained(which: 'cannotPatch' | 'mustStayExposed', id: string): boolean {
    const node = this.b.node(id);
    if (!node) return false;
    if (flag(node.props[which === 'cannotPatch' ? 'cannot_patch' : 'must_stay_exposed'])) return true;
    const zones = (this.facts.zonesOf.get(id) ?? []).map((z) => z.other);
    return this.policy.constraints[which].some((sel) => sel === id || zones.includes(sel) || sel === `kind:${node.kind}`);
  }

  reach(from: string, target: string, via: StoredEdge[], writes: number, why: string): void {
    const fromNode = this.b.node(from);
    if (!fromNode) return;
    for (const t of this.behind(target, via)) {
      if (t.host === from) continue;
      const { sources, firstSeen } = this.stamps(t.facts);
      const reachFacts = t.facts.map((f) => f.eid);
      if (why) reachFacts.push(why);
      const network = this.networkFix(from, t.host, t.svc);
      // R3
      for (const v of this.facts.vulnsOf.get(t.svc ?? t.host) ?? []) {
        const vuln = this.b.node(v.other);
        const estimate = vuln ? exploitProbability(vuln.props) : null;
        if (!vuln || !estimate) continue;
        this.b.step({
          eid: edgeId('CanExploit', from, t.host, vuln.id), kind: 'CanExploit', from, to: t.host, key: vuln.id, p: estimate.p,
          explain: `${fromNode.name} reaches ${this.name(t.svc ?? t.host)}, which has ${vuln.name}: ${estimate.explain}`,
          facts: [...reachFacts, v.eid], sources: [...new Set([...sources, ...v.edge.sources])], firstSeen: max(firstSeen, v.edge.firstSeen), derived: true,
          fixIds: [
            ...(this.constrained('cannotPatch', t.host) ? [] : [this.b.fix({ id: `patch:${vuln.id}`, family: 'patch', action: `Patch ${vuln.name} everywhere`, cost: fixCost('CanExploit'), factor: null })]),
            ...(network ? [network] : []),
          ],
        });
      }
      if (t.svc === null) continue;
      const svc = this.b.node(t.svc)!;
      const port = typeof svc.props.port === 'number' ? svc.props.port : null;
      // R4
      const login = port !== null ? LOGIN_PORTS[port] : undefined;
      if (this.isInternet(from) && login) {
        this.b.step({
          eid: edgeId('CanExploit', from, t.host, `exposed-login:${t.svc}`), kind: 'CanExploit', from, to: t.host, key: `exposed-login:${login}`, p: DERIVED_P.exposedLogin,
          explain: `${login} on ${this.name(t.host)} is reachable from ${this.name(from)}: password spraying / credential stuffing (T1133, T1110), p ${DERIVED_P.exposedLogin}`,
          facts: reachFacts, sources, firstSeen, derived: true, fixIds: network ? [network] : [],
        });
      }
      // R5
      const protocol = industrialProtocol(port, [...strings(svc.props.service), ...strings(svc.props.services)]);
      if (protocol) {
        const station = fromNode.kind === 'Hmi' || fromNode.kind === 'EngineeringWorkstation';
        const p = station || writes > 0 ? DERIVED_P.controlFromStation : DERIVED_P.controlFromElsewhere;
        const fixIds = network ? [network] : [];
        if (!station) fixIds.push(this.b.fix({ id: `ot-allowlist:${t.host}`, family: 'ot-command-control', action: `Allow only authorised engineering stations and HMIs to command ${this.name(t.host)}`, cost: 4, factor: null }));
        this.b.step({
          eid: edgeId('Controls', from, t.host, protocol), kind: 'Controls', from, to: t.host, key: protocol, p,
          explain: `${fromNode.name} speaks ${protocol} to ${this.name(t.host)}${writes > 0 ? ` (${writes} write/command operations observed)` : ''}; ${station ? 'an HMI/EWS' : writes > 0 ? 'commands observed' : 'unauthenticated protocol'} → p ${p}`,
          facts: reachFacts, sources, firstSeen, derived: true, fixIds,
        });
      }
    }
  }

  // R7 ------------------------------------------------------------------------------------------
  /** Members of a zone that reaches something are on its segment (OnSegment, p 1; the fixes sit on the reach steps). */
  onSegment(zone: string): void {
    for (const m of this.facts.membersOf.get(zone) ?? []) {
      const member = this.b.node(m.other);
      if (!member || member.kind === 'Zone' || member.kind === 'Service') continue;
      this.b.step({
        eid: edgeId('OnSegment', m.other, zone), kind: 'OnSegment', from: m.other, to: zone, key: null, p: 1,
        explain: `${member.name} sits in ${this.name(zone)} (InZone), so it reaches what was seen from there`,
        facts: [m.eid], sources: [...m.edge.sources], firstSeen: m.edge.firstSeen, derived: true, fixIds: [],
      });
    }
  }

  // A1 ------------------------------------------------------------------------------------------
  /**
   * In a zone no scan or flow covers (no reach fact from it, to or from its machines), assume its machines
   * reach each other's management ports: CanExploit keyed `assumed:zone-lateral`, p 0.2 (credential reuse),
   * marked as an assumption. Zones of more than ZONE_ASSUMPTION_CAP machines are left out (n² steps).
   */
  assumeZoneLateral(): void {
    const touched = new Set<string>();
    for (const e of this.facts.reach) {
      touched.add(e.from); touched.add(e.to);
      for (const r of this.facts.runBy.get(e.to) ?? []) touched.add(r.other);
    }
    for (const [zone, members] of this.facts.membersOf) {
      const machines = members.map((m) => m.other).filter((id) => MACHINE.has(this.b.node(id)?.kind as NodeKind));
      if (machines.length < 2 || machines.length > ZONE_ASSUMPTION_CAP || touched.has(zone) || machines.some((m) => touched.has(m))) continue;
      for (const a of machines) for (const z of machines) {
        if (a === z) continue;
        this.b.step({
          eid: edgeId('CanExploit', a, z, 'assumed:zone-lateral'), kind: 'CanExploit', from: a, to: z, key: 'assumed:zone-lateral', p: DERIVED_P.assumedLateral,
          explain: `ASSUMPTION (no scan or flow covers ${this.name(zone)}): ${this.name(a)} reaches ${this.name(z)}'s management ports in a flat segment; credential reuse p ${DERIVED_P.assumedLateral}`,
          facts: [`node:${zone}`], sources: [], firstSeen: null, derived: true, assumed: true, fixIds: [],
        });
      }
    }
  }

  /**
   * On a computer with no observed session, assume the users of the groups that administer it or may RDP
   * to it have sessions there (HasSession keyed `assumed:group-sessions`, p 0.3), marked as an assumption.
   */
  assumeGroupSessions(attack: readonly StoredEdge[]): void {
    const observed = new Set(attack.filter((e) => e.kind === 'HasSession').map((e) => e.from));
    const usersOf = new Map<string, string[]>();
    for (const [user, groups] of this.memberships) {
      if (this.b.node(user)?.kind !== 'User') continue;
      for (const g of groups) usersOf.set(g, [...(usersOf.get(g) ?? []), user]);
    }
    for (const e of attack) {
      if ((e.kind !== 'AdminTo' && e.kind !== 'CanRdp') || observed.has(e.to) || this.b.node(e.to)?.kind !== 'Host') continue;
      const users = this.b.node(e.from)?.kind === 'User' ? [e.from] : (usersOf.get(e.from) ?? []);
      for (const user of users.slice(0, ZONE_ASSUMPTION_CAP)) {
        if (!this.policy.traverseDisabled && disabled(this.b.node(user))) continue;
        this.b.step({
          eid: edgeId('HasSession', e.to, user, 'assumed:group-sessions'), kind: 'HasSession', from: e.to, to: user, key: 'assumed:group-sessions', p: DERIVED_P.assumedSession,
          explain: `ASSUMPTION (no session observed on ${this.name(e.to)}): ${this.name(user)} may log on to it (${e.kind} via ${this.name(e.from)}); p ${DERIVED_P.assumedSession}`,
          facts: [e.eid], sources: [], firstSeen: null, derived: true, assumed: true, fixIds: [],
        });
      }
    }
  }

  // R8 ------------------------------------------------------------------------------------------
  sharedStorage(): void {
    for (const e of this.facts.mounts) {
      const host = this.b.node(e.from), share = this.b.node(e.to);
      if (!host || !share) continue;
      const executes = flag(e.props.executes);
      const p = executes ? DERIVED_P.shareExecutes : DERIVED_P.shareMounted;
      this.b.step({
        eid: edgeId('TaintSharedContent', e.to, e.from), kind: 'TaintSharedContent', from: e.to, to: e.from, key: null, p,
        explain: `${host.name} mounts ${share.name}${executes ? ' and runs code from it' : ''}: whoever controls the share plants code there (T1080), p ${p}`,
        facts: [e.eid], sources: [...e.sources], firstSeen: e.firstSeen, derived: true,
        fixIds: [this.b.fix({ id: `mount-readonly:${e.eid}`, family: 'harden-config', action: `Mount ${share.name} read-only/noexec on ${host.name}`, cost: 1, factor: null })],
      });
    }
  }
}

export function max(a: string | null, b: string): string { return a === null || b > a ? b : a; }

function industrialProtocol(port: number | null, names: string[]): string | null {
  for (const name of names) if (INDUSTRIAL_NAME.test(name)) return name.toLowerCase().replace(/_(tcp|udp)$/, '');
  return port !== null ? INDUSTRIAL_PORTS[port] ?? null : null;
}

/** Items between two yields of the cooperative build (a yield is a chance for the server to answer requests). */
export const SLICE = 2000;

/** Runs every rule: imported attack edges, entries, then reach-based derivations. Yields every SLICE items. */
export function* deriveSteps(b: ModelBuilder, facts: FactIndex, attack: StoredEdge[], markers: readonly NodeMarker[] = [], assume: readonly Assumption[] = []): Generator<void, void> {
  const memberships = new Map<string, string[]>();
  for (const e of attack) if (e.kind === 'MemberOf') { const list = memberships.get(e.from); if (list) list.push(e.to); else memberships.set(e.from, [e.to]); }
  const d = new Deriver(b, facts, memberships);
  const zonesEntered = new Set<string>();
  const injected = new Set<string>();
  let i = 0;
  for (const e of attack) {
    if (++i % SLICE === 0) yield;
    d.imported(e);
    if (b.node(e.to)?.kind === 'Zone') zonesEntered.add(e.to);
    if (e.kind === 'ReadsUntrusted' && b.node(e.to)?.kind === 'AiAgent') injected.add(e.to);
  }
  d.entries(markers, injected);
  const internetReached = new Set<string>();
  for (const e of facts.reach) {
    if (++i % SLICE === 0) yield;
    if (e.from === d.internet) internetReached.add(e.to);
    const writes = typeof e.props.writes === 'number' ? e.props.writes : 0;
    d.reach(e.from, e.to, [e], writes, '');
  }
  // R2b: exposure facts the scanners did not record as reach.
  for (const node of b.nodes) {
    if (node.exposure !== 'internet' || internetReached.has(node.id) || !(node.kind === 'Service' || MACHINE.has(node.kind))) continue;
    d.reach(d.internet, node.id, [], 0, `node:${node.id}`);
  }
  // R6
  for (const zone of zonesEntered) d.reach(zone, zone, [], 0, `node:${zone}`);
  // R7
  const vantage = new Set<string>();
  for (const e of facts.reach) if (b.node(e.from)?.kind === 'Zone') vantage.add(e.from);
  for (const zone of vantage) d.onSegment(zone);
  // R8
  d.sharedStorage();
  // A1 (assumption, off by default)
  if (assume.includes('zone-lateral')) d.assumeZoneLateral();
  if (assume.includes('group-sessions')) d.assumeGroupSessions(attack);
}
