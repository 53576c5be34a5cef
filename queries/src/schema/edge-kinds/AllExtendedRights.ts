/** AllExtendedRights: The principal holds all extended rights on the object (password reset, LAPS read, replication…). */
import { defineEdgeKind } from '../edge-kind.js';
import { AD_OBJECTS, AD_PRINCIPALS } from '../kind-sets.js';

export const AllExtendedRights = defineEdgeKind({
  role: 'attack',
  p: 0.8,
  techniques: ['T1098'],
  fixFamily: 'remove-privilege',
  from: AD_PRINCIPALS,
  to: AD_OBJECTS,
  description: 'The principal holds all extended rights on the object (password reset, LAPS read, replication…).',
  remediation: {
    risk: 'All extended rights include resetting passwords and, on domains, replicating secrets.',
    abuse: 'The attacker uses the strongest extended right the object offers.',
    fix: "Remove the ACE from the object's DACL.",
    references: ['https://attack.mitre.org/techniques/T1098/'],
  },
});
