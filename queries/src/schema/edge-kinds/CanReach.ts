/** CanReach: Network reachability from the source to the target (with protocol and port). */
import { defineEdgeKind } from '../edge-kind.js';
import { MACHINES } from '../kind-sets.js';

export const CanReach = defineEdgeKind({
  role: 'context',
  p: 1.0,
  techniques: ['T1046'],
  fixFamily: 'segment',
  from: ['Internet', 'Zone', 'RemoteAccess', 'Vendor', ...MACHINES, 'CloudResource', 'AiAgent'],
  to: ['Service', 'Zone', 'CloudResource', 'DataStore', ...MACHINES],
  description: 'Network reachability from the source to the target (with protocol and port).',
  remediation: {
    risk: 'Every reachable service is attack surface.',
    abuse: 'The attacker scans for and connects to reachable services.',
    fix: 'Filter the flow at a firewall or security group; segment the zones.',
    references: ['https://attack.mitre.org/techniques/T1046/'],
  },
});
