/** OnSegment: Derived: a machine the attacker controls sits in a zone, so it reaches what was seen from that zone. */
import { defineEdgeKind } from '../edge-kind.js';
import { MACHINES } from '../kind-sets.js';

export const OnSegment = defineEdgeKind({
  role: 'attack',
  p: 1.0,
  techniques: ['T1046'],
  fixFamily: 'segment',
  from: [...MACHINES, 'CloudResource', 'DataStore', 'RemoteAccess'],
  to: ['Zone'],
  derived: true,
  description: 'Derived: a machine the attacker controls sits in a zone (InZone), so it reaches what a scan from that zone (--from) recorded.',
  remediation: {
    risk: 'Whatever a zone reaches, every machine in it reaches: one foothold inherits the zone\'s view of the network.',
    abuse: 'From a compromised machine the attacker scans and connects to what the zone can reach.',
    fix: 'Filter the flows the zone\'s reach rests on (the steps after this one); split the zone.',
    references: ['https://attack.mitre.org/techniques/T1046/'],
  },
});
