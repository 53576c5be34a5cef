/** CanRdp: The principal may log on to the machine over Remote Desktop. */
import { defineEdgeKind } from '../edge-kind.js';
import { AD_PRINCIPALS, MACHINES } from '../kind-sets.js';

export const CanRdp = defineEdgeKind({
  role: 'attack',
  p: 0.7,
  techniques: ['T1021.001'],
  fixFamily: 'remove-privilege',
  from: AD_PRINCIPALS,
  to: MACHINES,
  description: 'The principal may log on to the machine over Remote Desktop.',
  remediation: {
    risk: 'Interactive logon gives a foothold on the machine and a chance to escalate locally.',
    abuse: "The attacker opens an RDP session with the principal's credentials.",
    fix: 'Remove the principal from Remote Desktop Users; restrict RDP to jump hosts with MFA.',
    references: ['https://attack.mitre.org/techniques/T1021/001/'],
  },
});
