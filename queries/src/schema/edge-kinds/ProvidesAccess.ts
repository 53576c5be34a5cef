/** ProvidesAccess: The remote-access path lands its users on the target host or zone. */
import { defineEdgeKind } from '../edge-kind.js';
import { MACHINES } from '../kind-sets.js';

export const ProvidesAccess = defineEdgeKind({
  role: 'attack',
  p: 0.9,
  techniques: ['T1133', 'T0886'],
  fixFamily: 'vendor-access',
  from: ['RemoteAccess'],
  to: [...MACHINES, 'Zone', 'Service'],
  description: 'The remote-access path lands its users on the target host or zone.',
  remediation: {
    risk: 'Whoever passes the VPN or jump host reaches what it lands on.',
    abuse: 'The attacker uses the remote-access path to reach internal hosts.',
    fix: 'Restrict the remote-access path to the specific hosts and ports a grant needs.',
    references: ['https://attack.mitre.org/techniques/T1133/', 'https://attack.mitre.org/techniques/T0886/'],
  },
});
