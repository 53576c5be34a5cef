/**
 * An independent re-implementation of the scoring rules for small random estates (README "Scoring"),
 * written from the documentation, not from the engine: entries from the policy defaults, imported
 * attack edges, CanExploit / exposed-login / Controls from reach, OnSegment from zone vantage points,
 * Tier Zero by SID, target groups. It enumerates every simple route by brute force and evaluates fix
 * sets by removing or weakening the steps a fix names — it never calls the engine's scoring, top-k,
 * plan or what-if. Step ids follow the documented id format (`Kind|from|to|discriminator`, `entry|node`).
 */
import type { Props, StoredEdge, StoredNode } from '@chokepoint/queries';
import { edge, node } from './model.js';

export interface OracleStep { id: string; from: string; to: string; kind: string; p: number }
export interface OracleEstate { nodes: StoredNode[]; edges: StoredEdge[] }

const KEV_VECTOR = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H';
const pick = <T>(rand: () => number, xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
const p2 = (rand: () => number, lo = 0.05) => Math.round((lo + rand() * (1 - lo)) * 100) / 100;

/**
 * A random converged estate: Internet, two zones, hosts with services and findings, a small AD with a
 * Domain Admins group, users (phishable by mailbox, some disabled), vendors with grants (often two
 * equally likely grants into one host: parallel routes), controllers reached over Modbus, zone scans.
 */
export function randomEstate(rand: () => number): OracleEstate {
  const nodes: StoredNode[] = [], edges = new Map<string, StoredEdge>();
  const addEdge = (e: StoredEdge) => { if (e.from !== e.to && !edges.has(e.eid)) edges.set(e.eid, e); };
  nodes.push(node('internet', 'Internet'));
  const zones = ['zone:a', 'zone:b'];
  for (const z of zones) nodes.push(node(z, 'Zone'));
  const hosts: string[] = [];
  const hostCount = 2 + Math.floor(rand() * 3);
  for (let i = 0; i < hostCount; i++) {
    const id = `host:${i}`;
    const controller = rand() < 0.25;
    const crit = rand() < 0.3 ? 8 + Math.floor(rand() * 3) : undefined;
    nodes.push(node(id, controller ? 'Controller' : 'Host', { ...(crit !== undefined ? { criticality: crit } : {}) }));
    hosts.push(id);
    if (rand() < 0.7) addEdge(edge('InZone', id, pick(rand, zones)));
    for (const port of [22, 80, 502]) {
      if (rand() > (controller && port === 502 ? 0.9 : 0.35)) continue;
      const svc = `svc:${i}:${port}`;
      nodes.push(node(svc, 'Service', { props: { port, protocol: 'tcp' } }));
      addEdge(edge('Runs', id, svc));
      if (port !== 502 && rand() < 0.5) {
        const vuln = `vuln:${i}:${port}`;
        nodes.push(node(vuln, 'Vulnerability', { props: rand() < 0.5 ? { kev: true, cvss3Vector: KEV_VECTOR } : { remote: true, epss: p2(rand, 0.2) } }));
        addEdge(edge('HasVulnerability', svc, vuln));
      }
      if (rand() < 0.35) addEdge(edge('CanReach', 'internet', svc));
      if (rand() < 0.4) addEdge(edge('CanReach', pick(rand, zones), svc));
    }
  }
  // AD: a domain, Domain Admins (RID 512), a helpdesk group, users.
  const sid = 'S-1-5-21-1-2-3';
  nodes.push(node('ad:dom', 'Domain', { name: 'CORP.EXAMPLE', props: { objectId: sid } }));
  nodes.push(node('ad:da', 'Group', { name: 'DOMAIN ADMINS@CORP.EXAMPLE', props: { objectId: `${sid}-512` } }));
  nodes.push(node('ad:help', 'Group', { name: 'HELPDESK@CORP.EXAMPLE', props: { objectId: `${sid}-1105` } }));
  addEdge(edge('GenericAll', 'ad:da', 'ad:dom', { p: 1 }));
  const users: string[] = [];
  for (let i = 0; i < 2 + Math.floor(rand() * 3); i++) {
    const id = `ad:u${i}`;
    const r = rand();
    const props: Props = r < 0.4 ? { email: `u${i}@corp.example`, objectId: `${sid}-${1200 + i}` } : r < 0.55 ? { email: `u${i}@corp.example`, enabled: false } : { objectId: `${sid}-${1200 + i}` };
    nodes.push(node(id, 'User', { props, ...(rand() < 0.2 ? { exposure: 'phishable' as const } : {}) }));
    users.push(id);
    if (rand() < 0.5) addEdge(edge('MemberOf', id, 'ad:help', { p: 1 }));
    if (rand() < 0.15) addEdge(edge('MemberOf', id, 'ad:da', { p: 1 }));
  }
  if (rand() < 0.6) addEdge(edge('AdminTo', 'ad:help', pick(rand, hosts), { p: p2(rand, 0.3) }));
  for (const h of hosts) if (rand() < 0.3) addEdge(edge('HasSession', h, pick(rand, users), { p: p2(rand, 0.3) }));
  // Vendors: often two equally likely grants into one host.
  const ra = 'ra:vpn';
  nodes.push(node(ra, 'RemoteAccess'));
  const vendorHost = pick(rand, hosts);
  const grantP = p2(rand, 0.3);
  for (let v = 0; v < 1 + Math.floor(rand() * 2); v++) {
    nodes.push(node(`vendor:${v}`, 'Vendor'));
    addEdge(edge('VendorAccess', `vendor:${v}`, ra, { key: `grant${v}`, p: rand() < 0.6 ? grantP : p2(rand, 0.3) }));
  }
  addEdge(edge('ProvidesAccess', ra, vendorHost, { p: rand() < 0.5 ? 1 : p2(rand, 0.5) }));
  // A few random attack edges.
  const principals = [...users, 'ad:help', ...hosts];
  for (let i = Math.floor(rand() * 4); i > 0; i--) {
    addEdge(edge(pick(rand, ['GenericAll', 'AdminTo', 'GenericWrite'] as const), pick(rand, principals), pick(rand, [...principals, 'ad:da']), { p: p2(rand) }));
  }
  return { nodes, edges: [...edges.values()] };
}

const DEFAULT_CRITICALITY: Record<string, number> = { Controller: 9, Domain: 10 };

export class EstateOracle {
  readonly steps: OracleStep[] = [];
  readonly targets = new Map<string, number>();
  readonly groupOf = new Map<string, string>();
  readonly entries = new Set<string>();
  private readonly byNode = new Map<string, StoredNode>();

  constructor(readonly estate: OracleEstate) {
    for (const n of estate.nodes) this.byNode.set(n.id, n);
    const disabled = (id: string) => this.byNode.get(id)?.props.enabled === false;
    const steps = new Map<string, OracleStep>();
    const add = (s: OracleStep) => { const old = steps.get(s.id); if (!old || s.p > old.p) steps.set(s.id, s); };
    // Entries: policy defaults (Internet 0.9, vendors 0.6, phishable users: own p₀, else 0.3; mailbox ⇒ phishable).
    for (const n of estate.nodes) {
      if (disabled(n.id)) continue;
      let p0: number | null = null;
      if (n.kind === 'Internet') p0 = 0.9;
      else if (n.kind === 'Vendor') p0 = 0.6;
      else if (n.kind === 'User' && (n.exposure === 'phishable' || String(n.props.email ?? '').includes('@'))) p0 = typeof n.props.p0 === 'number' ? n.props.p0 : 0.3;
      if (p0 !== null) { add({ id: `entry|${n.id}`, from: '@', to: n.id, kind: 'Entry', p: p0 }); this.entries.add(n.id); }
    }
    const context = estate.edges.filter((e) => ['CanReach', 'Runs', 'HasVulnerability', 'InZone'].includes(e.kind));
    for (const e of estate.edges) {
      if (context.includes(e) || disabled(e.from) || disabled(e.to)) continue;
      add({ id: e.eid, from: e.from, to: e.to, kind: e.kind, p: e.p! });
    }
    const runsOn = new Map(context.filter((e) => e.kind === 'Runs').map((e) => [e.to, e.from]));
    for (const r of context.filter((e) => e.kind === 'CanReach')) {
      const host = runsOn.get(r.to)!;
      if (host === r.from) continue;
      for (const v of context.filter((e) => e.kind === 'HasVulnerability' && e.from === r.to)) {
        const props = this.byNode.get(v.to)!.props;
        add({ id: `CanExploit|${r.from}|${host}|${v.to}`, from: r.from, to: host, kind: 'CanExploit', p: props.kev === true ? 0.95 : (props.epss as number) });
      }
      const port = this.byNode.get(r.to)!.props.port;
      if (port === 22 && r.from === 'internet') add({ id: `CanExploit|${r.from}|${host}|exposed-login:${r.to}`, from: r.from, to: host, kind: 'CanExploit', p: 0.2 });
      if (port === 502) add({ id: `Controls|${r.from}|${host}|modbus`, from: r.from, to: host, kind: 'Controls', p: 0.6 });
    }
    // Zone vantage: a machine in a zone something was seen reaching from is on that segment (p 1).
    const vantage = new Set(context.filter((e) => e.kind === 'CanReach' && e.from.startsWith('zone:')).map((e) => e.from));
    for (const z of context.filter((e) => e.kind === 'InZone' && vantage.has(e.to))) add({ id: `OnSegment|${z.from}|${z.to}`, from: z.from, to: z.to, kind: 'OnSegment', p: 1 });
    this.steps.push(...steps.values());
    // Tier Zero: the domain, RID 512, and members of it (transitively); criticality 10 unless rated.
    const tier0 = new Set(estate.nodes.filter((n) => n.kind === 'Domain' || String(n.props.objectId ?? '').endsWith('-512')).map((n) => n.id));
    for (let grew = true; grew;) {
      grew = false;
      for (const e of estate.edges) if (e.kind === 'MemberOf' && tier0.has(e.to) && !tier0.has(e.from)) { tier0.add(e.from); grew = true; }
    }
    const zoneOf = new Map<string, string>();
    for (const e of context) if (e.kind === 'InZone' && !zoneOf.has(e.from)) zoneOf.set(e.from, e.to);
    for (const n of estate.nodes) {
      const crit = n.criticality ?? (tier0.has(n.id) ? 10 : DEFAULT_CRITICALITY[n.kind] ?? 0);
      if (crit < 8) continue;
      this.targets.set(n.id, crit);
      this.groupOf.set(n.id, tier0.has(n.id) ? 'tier0' : n.kind === 'Controller' && zoneOf.has(n.id) ? `plant:${zoneOf.get(n.id)}` : n.id);
    }
  }

  /** Every simple route from the root to `target` (step indexes), with at most `maxSteps` steps after the entry. */
  routes(target: string, maxSteps = Infinity, entries?: ReadonlySet<string>): number[][] {
    const out: number[][] = [];
    const from = new Map<string, number[]>();
    this.steps.forEach((s, i) => { const l = from.get(s.from); if (l) l.push(i); else from.set(s.from, [i]); });
    const walk = (at: string, path: number[], seen: Set<string>) => {
      if (at === target && path.length > 0) { out.push([...path]); return; }
      if (path.length - 1 >= maxSteps) return;
      for (const i of from.get(at) ?? []) {
        const s = this.steps[i]!;
        if (seen.has(s.to) || (at === '@' && entries && !entries.has(s.to))) continue;
        seen.add(s.to); path.push(i);
        walk(s.to, path, seen);
        path.pop(); seen.delete(s.to);
      }
    };
    walk('@', [], new Set(['@']));
    return out;
  }

  cost(route: readonly number[], penalty: (step: number) => number = () => 0): number {
    let c = 0;
    for (const i of route) { const pen = penalty(i); if (pen === Infinity) return Infinity; c += -Math.log(this.steps[i]!.p) + pen; }
    return c;
  }

  /** Σ over target groups of the group's best route risk, with each step's extra weight from `penalty` (∞: removed). */
  total(routesByTarget: ReadonlyMap<string, number[][]>, penalty?: (step: number) => number): { total: number; risk: Map<string, number> } {
    const risk = new Map<string, number>();
    const groups = new Map<string, number>();
    for (const [t, crit] of this.targets) {
      let best = 0;
      for (const r of routesByTarget.get(t) ?? []) best = Math.max(best, Math.exp(-this.cost(r, penalty)) * crit);
      risk.set(t, best);
      const g = this.groupOf.get(t)!;
      groups.set(g, Math.max(groups.get(g) ?? 0, best));
    }
    let total = 0;
    for (const v of groups.values()) total += v;
    return { total, risk };
  }

  indexOf(id: string): number { return this.steps.findIndex((s) => s.id === id); }
}
