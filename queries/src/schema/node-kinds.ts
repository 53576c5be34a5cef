/**
 * Node kinds (DESIGN §2). Every node also carries the Neo4j label `Entity` and a unique `id`.
 * `refines: 'Host'` marks a machine kind that is a more specific Host: when two sources see the
 * same machine, one as a Host and one as, say, a Controller, the merged node takes the specific kind.
 * `shape` is a Cytoscape node shape for the legend; colour comes from the node's domain.
 */
export const NODE_KINDS = {
  Host: {
    label: 'Host', domain: 'it', shape: 'round-rectangle', refines: null, criticality: 3,
    description: 'Any machine with an address: server, workstation, VM or cloud instance.',
  },
  Controller: {
    label: 'Controller', domain: 'ot', shape: 'diamond', refines: 'Host', criticality: 9,
    description: 'PLC, RTU or safety controller that drives a physical process.',
  },
  Hmi: {
    label: 'HMI', domain: 'ot', shape: 'round-diamond', refines: 'Host', criticality: 6,
    description: 'Human-machine interface that operators use to supervise and command controllers.',
  },
  EngineeringWorkstation: {
    label: 'Engineering workstation', domain: 'ot', shape: 'round-pentagon', refines: 'Host', criticality: 7,
    description: 'Workstation that programs controllers (project files, download/upload of logic).',
  },
  Device: {
    label: 'IoT device', domain: 'iot', shape: 'round-triangle', refines: 'Host', criticality: 3,
    description: 'Camera, badge reader, sensor, BMS/EMS unit or other embedded networked device.',
  },
  CloudResource: {
    label: 'Cloud resource', domain: 'cloud', shape: 'round-hexagon', refines: null, criticality: 5,
    description: 'Bucket, database, function, key vault or other managed cloud service.',
  },
  DataStore: {
    label: 'Data store', domain: 'it', shape: 'barrel', refines: null, criticality: 7,
    description: 'A database or file share whose contents matter in their own right.',
  },
  User: {
    label: 'User', domain: 'identity', shape: 'ellipse', refines: null, criticality: 2,
    description: 'A human account: AD, IAM or application user.',
  },
  Group: {
    label: 'Group', domain: 'identity', shape: 'round-octagon', refines: null, criticality: 2,
    description: 'A group of principals (AD or IAM group).',
  },
  ServiceAccount: {
    label: 'Service account', domain: 'identity', shape: 'ellipse', refines: null, criticality: 4,
    description: 'A non-human account used by software (gMSA, service principal, API key owner).',
  },
  Role: {
    label: 'Role', domain: 'identity', shape: 'tag', refines: null, criticality: 4,
    description: 'An assumable role (IAM role, cloud RBAC role).',
  },
  AiAgent: {
    label: 'AI agent', domain: 'ai', shape: 'star', refines: null, criticality: 4,
    description: 'An LLM-driven agent that reads inputs and calls tools on its own.',
  },
  Domain: {
    label: 'AD domain', domain: 'identity', shape: 'hexagon', refines: null, criticality: 10,
    description: 'An Active Directory domain; control of it is control of every object in it.',
  },
  OU: {
    label: 'Organisational unit', domain: 'identity', shape: 'rectangle', refines: null, criticality: 3,
    description: 'An AD organisational unit; GPOs linked to it apply to what it contains.',
  },
  Gpo: {
    label: 'Group Policy object', domain: 'identity', shape: 'cut-rectangle', refines: null, criticality: 5,
    description: 'An AD Group Policy object; whoever edits it runs code on every object it applies to.',
  },
  Container: {
    label: 'AD container', domain: 'identity', shape: 'rectangle', refines: null, criticality: 2,
    description: 'An AD container (CN=Users, CN=Computers, …).',
  },
  Vendor: {
    label: 'Vendor', domain: 'vendor', shape: 'vee', refines: null, criticality: 0,
    description: 'A third party (integrator, maintainer, MSP) with some access into the estate.',
  },
  RemoteAccess: {
    label: 'Remote access', domain: 'vendor', shape: 'rhomboid', refines: null, criticality: 5,
    description: 'A remote-access path: VPN, jump host, RDP gateway, vendor portal, remote-support tool.',
  },
  Service: {
    label: 'Service', domain: 'it', shape: 'round-tag', refines: null, criticality: 0,
    description: 'A listening network service (protocol/port) on a host.',
  },
  Vulnerability: {
    label: 'Vulnerability', domain: 'it', shape: 'triangle', refines: null, criticality: 0,
    description: 'A CVE or scanner finding.',
  },
  Zone: {
    label: 'Zone', domain: 'it', shape: 'round-rectangle', refines: null, criticality: 0,
    description: 'A network segment: VLAN, subnet, VPC, Purdue level or conduit.',
  },
  Internet: {
    label: 'Internet', domain: 'it', shape: 'concave-hexagon', refines: null, criticality: 0,
    description: 'The outside world: the source of internet reachability.',
  },
  External: {
    label: 'External object', domain: 'it', shape: 'octagon', refines: null, criticality: 2,
    description: 'An object from another collector (BloodHound OpenGraph) with no Chokepoint kind; its own kinds are kept in ogKinds.',
  },
} as const satisfies Record<string, NodeKindSpec>;

/** The shape every node kind declaration has. */
export interface NodeKindSpec {
  readonly label: string;
  readonly domain: 'it' | 'ot' | 'iot' | 'cloud' | 'identity' | 'vendor' | 'ai';
  readonly shape: string;
  /** The more general kind this one refines (a Controller is a Host), or null. */
  readonly refines: string | null;
  /** Default criticality 0–10 when a source says nothing (crown jewels are ≥ 8). */
  readonly criticality: number;
  readonly description: string;
}

export type NodeKind = keyof typeof NODE_KINDS;
export const NODE_KIND_IDS = Object.keys(NODE_KINDS) as NodeKind[];

/** Kinds that are machines: Host and everything that refines it. */
export const MACHINE_KINDS = NODE_KIND_IDS.filter(
  (k) => k === 'Host' || NODE_KINDS[k].refines === 'Host',
);
/** Identity kinds: principals that can hold rights. */
export const PRINCIPAL_KINDS: readonly NodeKind[] = ['User', 'Group', 'ServiceAccount', 'Role', 'AiAgent'];
