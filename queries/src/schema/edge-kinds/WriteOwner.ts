/** WriteOwner: The principal can make itself the owner of the object. */
import { defineEdgeKind } from '../edge-kind.js';
import { AD_OBJECTS, AD_PRINCIPALS } from '../kind-sets.js';

export const WriteOwner = defineEdgeKind({
  role: 'attack',
  p: 0.8,
  techniques: ['T1222.001'],
  fixFamily: 'remove-privilege',
  from: AD_PRINCIPALS,
  to: AD_OBJECTS,
  description: 'The principal can make itself the owner of the object.',
  remediation: {
    risk: 'Owners implicitly can rewrite the DACL.',
    abuse: 'The attacker takes ownership, grants itself GenericAll, then abuses it.',
    fix: "Remove the ACE from the object's DACL.",
    references: ['https://attack.mitre.org/techniques/T1222/001/'],
  },
});
