/** AddMember: The principal can add members to the group. */
import { defineEdgeKind } from '../edge-kind.js';
import { AD_PRINCIPALS } from '../kind-sets.js';

export const AddMember = defineEdgeKind({
  role: 'attack',
  p: 0.9,
  techniques: ['T1098.007'],
  fixFamily: 'remove-privilege',
  from: AD_PRINCIPALS,
  to: ['Group'],
  description: 'The principal can add members to the group.',
  remediation: {
    risk: 'Adding oneself to a group grants oneself every right of that group.',
    abuse: 'The attacker adds its own account to the group.',
    fix: 'Remove the write-members right from the principal.',
    references: ['https://attack.mitre.org/techniques/T1098/007/'],
  },
});
