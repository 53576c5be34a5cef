/** RelatesTo: a non-traversable relationship imported from another collector (BloodHound OpenGraph). */
import { defineEdgeKind } from '../edge-kind.js';
import { NODE_KIND_IDS } from '../node-kinds.js';

export const RelatesTo = defineEdgeKind({
  role: 'context',
  p: 1.0,
  techniques: ['T1087'],
  fixFamily: 'harden-config',
  from: NODE_KIND_IDS,
  to: NODE_KIND_IDS,
  description: 'A relationship from another collector (BloodHound OpenGraph) marked not traversable; kept for context, never a step. Its own kind is kept in ogKind.',
  remediation: {
    risk: 'On its own, none: the collector reports it as context.',
    abuse: 'Attackers use such relationships for discovery (who belongs to what).',
    fix: "Nothing to fix by itself; review it with the collector's documentation.",
    references: ['https://bloodhound.specterops.io/opengraph/overview', 'https://attack.mitre.org/techniques/T1087/'],
  },
});
