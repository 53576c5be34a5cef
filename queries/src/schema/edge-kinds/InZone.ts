/** InZone: The asset sits in the network zone. */
import { defineEdgeKind } from '../edge-kind.js';
import { MACHINES } from '../kind-sets.js';

export const InZone = defineEdgeKind({
  role: 'context',
  p: 1.0,
  techniques: ['T1046'],
  fixFamily: 'segment',
  from: [...MACHINES, 'Service', 'CloudResource', 'DataStore', 'RemoteAccess', 'Zone'],
  to: ['Zone'],
  description: 'The asset sits in the network zone.',
  remediation: {
    risk: 'Assets in one zone usually reach each other freely.',
    abuse: 'After a foothold in the zone, the attacker moves laterally inside it.',
    fix: 'Split the zone or add host-based filtering.',
    references: ['https://attack.mitre.org/techniques/T1046/'],
  },
});
