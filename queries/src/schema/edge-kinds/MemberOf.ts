/** MemberOf: The principal is a member of the group and inherits every right of the group. */
import { defineEdgeKind } from '../edge-kind.js';
import { AD_OBJECTS } from '../kind-sets.js';

export const MemberOf = defineEdgeKind({
  role: 'attack',
  p: 1.0,
  techniques: ['T1078.002'],
  fixFamily: 'remove-privilege',
  from: [...AD_OBJECTS, 'Role'],
  to: ['Group', 'Role'],
  description: 'The principal is a member of the group and inherits every right of the group.',
  remediation: {
    risk: 'Group membership silently extends every right the group holds to every member.',
    abuse: "Controlling a member is controlling the group's rights.",
    fix: "Remove the membership, or remove the group's excessive rights.",
    references: ['https://attack.mitre.org/techniques/T1078/002/'],
  },
});
