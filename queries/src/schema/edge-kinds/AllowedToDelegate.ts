/** AllowedToDelegate: The principal is trusted for constrained delegation to a service on the machine. */
import { defineEdgeKind } from '../edge-kind.js';
import { AD_PRINCIPALS, MACHINES } from '../kind-sets.js';

export const AllowedToDelegate = defineEdgeKind({
  role: 'attack',
  p: 0.7,
  techniques: ['T1558'],
  fixFamily: 'harden-config',
  from: AD_PRINCIPALS,
  to: MACHINES,
  description: 'The principal is trusted for constrained delegation to a service on the machine.',
  remediation: {
    risk: 'Constrained delegation lets the principal impersonate any user to the target service.',
    abuse: 'The attacker performs S4U2Self/S4U2Proxy to obtain a ticket as an administrator for the target.',
    fix: "Remove the delegation, or mark privileged accounts 'sensitive and cannot be delegated'.",
    references: ['https://attack.mitre.org/techniques/T1558/'],
  },
});
