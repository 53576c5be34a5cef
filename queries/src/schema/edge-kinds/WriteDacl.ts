/** WriteDacl: The principal can rewrite the object's access control list. */
import { defineEdgeKind } from '../edge-kind.js';
import { AD_OBJECTS, AD_PRINCIPALS } from '../kind-sets.js';

export const WriteDacl = defineEdgeKind({
  role: 'attack',
  p: 0.8,
  techniques: ['T1222.001'],
  fixFamily: 'remove-privilege',
  from: AD_PRINCIPALS,
  to: AD_OBJECTS,
  description: "The principal can rewrite the object's access control list.",
  remediation: {
    risk: 'Whoever can write the DACL can grant itself any right on the object.',
    abuse: 'The attacker grants itself GenericAll, then abuses it.',
    fix: 'Remove the ACE; only Domain Admins should hold WRITE_DAC on sensitive objects.',
    references: ['https://attack.mitre.org/techniques/T1222/001/'],
  },
});
