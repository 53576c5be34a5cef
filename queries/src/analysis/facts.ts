/** Context edges (facts) indexed the ways the derivation rules ask for them. */
import type { StoredEdge } from '../store/port.js';

export interface Fact {
  eid: string;
  other: string;
  edge: StoredEdge;
}

function push(map: Map<string, Fact[]>, key: string, fact: Fact): void {
  const list = map.get(key);
  if (list) list.push(fact); else map.set(key, [fact]);
}

export class FactIndex {
  /** Service → the machines that run it (Runs). */
  readonly runBy = new Map<string, Fact[]>();
  /** Machine → the services it runs. */
  readonly servicesOf = new Map<string, Fact[]>();
  /** Host or service → its findings (HasVulnerability). */
  readonly vulnsOf = new Map<string, Fact[]>();
  /** Node → the zones it is in; zone → its members (InZone). */
  readonly zonesOf = new Map<string, Fact[]>();
  readonly membersOf = new Map<string, Fact[]>();
  /** Network reachability (CanReach), as stored. */
  readonly reach: StoredEdge[] = [];
  /** Machines mounting shares or exports (Mounts), as stored. */
  readonly mounts: StoredEdge[] = [];

  add(e: StoredEdge): void {
    switch (e.kind) {
      case 'Runs': push(this.runBy, e.to, { eid: e.eid, other: e.from, edge: e }); push(this.servicesOf, e.from, { eid: e.eid, other: e.to, edge: e }); break;
      case 'HasVulnerability': push(this.vulnsOf, e.from, { eid: e.eid, other: e.to, edge: e }); break;
      case 'InZone': push(this.zonesOf, e.from, { eid: e.eid, other: e.to, edge: e }); push(this.membersOf, e.to, { eid: e.eid, other: e.from, edge: e }); break;
      case 'CanReach': this.reach.push(e); break;
      case 'Mounts': this.mounts.push(e); break;
      default: break; // StoresData and future context kinds: no rule reads them yet
    }
  }
}
