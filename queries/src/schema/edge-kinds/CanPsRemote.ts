/** CanPsRemote: The principal may open a PowerShell remoting (WinRM) session on the machine. */
import { defineEdgeKind } from '../edge-kind.js';
import { AD_PRINCIPALS, MACHINES } from '../kind-sets.js';

export const CanPsRemote = defineEdgeKind({
  role: 'attack',
  p: 0.8,
  techniques: ['T1021.006'],
  fixFamily: 'remove-privilege',
  from: AD_PRINCIPALS,
  to: MACHINES,
  description: 'The principal may open a PowerShell remoting (WinRM) session on the machine.',
  remediation: {
    risk: 'Remote PowerShell runs arbitrary commands on the machine as the principal.',
    abuse: 'The attacker runs Enter-PSSession / Invoke-Command against the machine.',
    fix: 'Remove the principal from Remote Management Users; restrict WinRM with JEA endpoints.',
    references: ['https://attack.mitre.org/techniques/T1021/006/'],
  },
});
