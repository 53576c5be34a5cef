/** AdminTo: The principal is a local administrator of the machine. */
import { defineEdgeKind } from '../edge-kind.js';
import { AD_PRINCIPALS, MACHINES } from '../kind-sets.js';

export const AdminTo = defineEdgeKind({
  role: 'attack',
  p: 0.95,
  techniques: ['T1021.002', 'T1078.002'],
  fixFamily: 'remove-privilege',
  from: AD_PRINCIPALS,
  to: MACHINES,
  description: 'The principal is a local administrator of the machine.',
  remediation: {
    risk: 'Local administrators fully control a machine, including the credentials of everyone logged on to it.',
    abuse: 'The attacker authenticates as the principal over SMB/WinRM and executes code as SYSTEM (PsExec-style).',
    fix: "Remove the principal from the machine's local Administrators group; use tiered admin accounts and LAPS.",
    references: ['https://attack.mitre.org/techniques/T1021/002/', 'https://attack.mitre.org/techniques/T1078/002/'],
  },
});
