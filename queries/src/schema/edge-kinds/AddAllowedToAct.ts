/** AddAllowedToAct: The principal can configure resource-based constrained delegation on the machine. */
import { defineEdgeKind } from '../edge-kind.js';
import { AD_PRINCIPALS, MACHINES } from '../kind-sets.js';

export const AddAllowedToAct = defineEdgeKind({
  role: 'attack',
  p: 0.7,
  techniques: ['T1098'],
  fixFamily: 'remove-privilege',
  from: AD_PRINCIPALS,
  to: MACHINES,
  description: 'The principal can configure resource-based constrained delegation on the machine.',
  remediation: {
    risk: 'Writing msDS-AllowedToActOnBehalfOfOtherIdentity leads to impersonation of admins to the machine.',
    abuse: "The attacker adds a computer account it controls to the machine's RBCD list, then abuses it.",
    fix: 'Remove the write right on msDS-AllowedToActOnBehalfOfOtherIdentity.',
    references: ['https://attack.mitre.org/techniques/T1098/'],
  },
});
