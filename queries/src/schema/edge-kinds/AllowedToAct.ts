/** AllowedToAct: The principal is allowed to act on behalf of other identities to the machine (RBCD). */
import { defineEdgeKind } from '../edge-kind.js';
import { AD_PRINCIPALS, MACHINES } from '../kind-sets.js';

export const AllowedToAct = defineEdgeKind({
  role: 'attack',
  p: 0.7,
  techniques: ['T1558'],
  fixFamily: 'harden-config',
  from: AD_PRINCIPALS,
  to: MACHINES,
  description: 'The principal is allowed to act on behalf of other identities to the machine (RBCD).',
  remediation: {
    risk: "Resource-based constrained delegation grants impersonation to the machine's services.",
    abuse: 'The attacker uses S4U to obtain a service ticket as an administrator to the machine.',
    fix: 'Clear msDS-AllowedToActOnBehalfOfOtherIdentity on the machine.',
    references: ['https://attack.mitre.org/techniques/T1558/'],
  },
});
