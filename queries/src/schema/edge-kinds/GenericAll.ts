/** GenericAll: The principal has full control over the object. */
import { defineEdgeKind } from '../edge-kind.js';
import { AD_OBJECTS, AD_PRINCIPALS } from '../kind-sets.js';

export const GenericAll = defineEdgeKind({
  role: 'attack',
  p: 0.9,
  techniques: ['T1098'],
  fixFamily: 'remove-privilege',
  from: [...AD_PRINCIPALS, 'Role'],
  to: AD_OBJECTS,
  description: 'The principal has full control over the object.',
  remediation: {
    risk: 'Full control over an AD object allows resetting passwords, adding members, or writing any attribute.',
    abuse: "The attacker resets the target user's password, adds itself to the target group, or configures RBCD on the target computer.",
    fix: "Remove the ACE from the object's DACL; review delegated permissions on OUs.",
    references: ['https://attack.mitre.org/techniques/T1098/'],
  },
});
