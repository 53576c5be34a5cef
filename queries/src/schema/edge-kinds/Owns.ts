/** Owns: The principal owns the object. */
import { defineEdgeKind } from '../edge-kind.js';
import { AD_OBJECTS, AD_PRINCIPALS } from '../kind-sets.js';

export const Owns = defineEdgeKind({
  role: 'attack',
  p: 0.85,
  techniques: ['T1222.001'],
  fixFamily: 'remove-privilege',
  from: AD_PRINCIPALS,
  to: AD_OBJECTS,
  description: 'The principal owns the object.',
  remediation: {
    risk: 'Owners implicitly hold WRITE_DAC on what they own.',
    abuse: 'The attacker, as owner, grants itself full control and abuses it.',
    fix: 'Transfer ownership of the object to Domain Admins.',
    references: ['https://attack.mitre.org/techniques/T1222/001/'],
  },
});
