/** VendorAccess: The vendor holds a remote-access grant. */
import { defineEdgeKind } from '../edge-kind.js';
import { MACHINES } from '../kind-sets.js';

export const VendorAccess = defineEdgeKind({
  role: 'attack',
  p: 0.6,
  techniques: ['T1133', 'T0822'],
  fixFamily: 'vendor-access',
  from: ['Vendor'],
  to: ['RemoteAccess', ...MACHINES, 'Zone'],
  description: 'The vendor holds a remote-access grant.',
  remediation: {
    risk: "A third party's compromise becomes yours through its standing access.",
    abuse: 'The attacker compromises the vendor (or its credentials) and uses its remote access.',
    fix: 'Make vendor access on request, time-bound and MFA-protected; revoke grants that are not used.',
    references: ['https://attack.mitre.org/techniques/T1133/', 'https://attack.mitre.org/techniques/T0822/'],
  },
});
