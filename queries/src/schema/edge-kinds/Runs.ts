/** Runs: The host runs the service or data store. */
import { defineEdgeKind } from '../edge-kind.js';
import { MACHINES } from '../kind-sets.js';

export const Runs = defineEdgeKind({
  role: 'context',
  p: 1.0,
  techniques: ['T1046'],
  fixFamily: 'segment',
  from: [...MACHINES, 'CloudResource'],
  to: ['Service', 'DataStore'],
  description: 'The host runs the service or data store.',
  remediation: {
    risk: 'A compromised service usually means a compromised host, and vice versa.',
    abuse: 'The attacker pivots between the service and its host.',
    fix: 'Isolate the service (container, dedicated account, least privilege).',
    references: ['https://attack.mitre.org/techniques/T1046/'],
  },
});
