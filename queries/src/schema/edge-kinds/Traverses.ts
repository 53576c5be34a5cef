/** Traverses: a traversable relationship imported from another collector (BloodHound OpenGraph). */
import { defineEdgeKind } from '../edge-kind.js';
import { NODE_KIND_IDS } from '../node-kinds.js';

export const Traverses = defineEdgeKind({
  role: 'attack',
  p: 0.5,
  techniques: ['T1078', 'T1098'],
  fixFamily: 'remove-privilege',
  from: NODE_KIND_IDS,
  to: NODE_KIND_IDS,
  description: 'A traversable relationship from another collector (BloodHound OpenGraph) with no Chokepoint kind; its own kind is kept in ogKind.',
  remediation: {
    risk: 'The collector that reported it marks it as a way to gain control of the target.',
    abuse: "The attacker uses the right the collector describes (see the edge's ogKind and the collector's documentation).",
    fix: 'Remove the permission or relationship in the system the collector read (or map the kind to a Chokepoint kind for a precise fix).',
    references: ['https://bloodhound.specterops.io/opengraph/overview', 'https://attack.mitre.org/techniques/T1078/'],
  },
});
