/** ForceChangePassword: The principal can reset the user's password without knowing it. */
import { defineEdgeKind } from '../edge-kind.js';
import { AD_PRINCIPALS } from '../kind-sets.js';

export const ForceChangePassword = defineEdgeKind({
  role: 'attack',
  p: 0.85,
  techniques: ['T1098'],
  fixFamily: 'remove-privilege',
  from: AD_PRINCIPALS,
  to: ['User', 'ServiceAccount'],
  description: "The principal can reset the user's password without knowing it.",
  remediation: {
    risk: 'A password reset hands the account to whoever performs it.',
    abuse: 'The attacker resets the password and logs on as the user.',
    fix: 'Remove the User-Force-Change-Password extended right from the principal.',
    references: ['https://attack.mitre.org/techniques/T1098/'],
  },
});
