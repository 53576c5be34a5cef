/** ReadGmsaPassword: The principal can retrieve the managed service account's password. */
import { defineEdgeKind } from '../edge-kind.js';
import { AD_PRINCIPALS } from '../kind-sets.js';

export const ReadGmsaPassword = defineEdgeKind({
  role: 'attack',
  p: 0.9,
  techniques: ['T1555'],
  fixFamily: 'credential-hygiene',
  from: AD_PRINCIPALS,
  to: ['User', 'ServiceAccount', 'Host'],
  description: "The principal can retrieve the managed service account's password.",
  remediation: {
    risk: 'The gMSA password is the account itself.',
    abuse: 'The attacker reads msDS-ManagedPassword and authenticates as the service account.',
    fix: 'Restrict PrincipalsAllowedToRetrieveManagedPassword to the hosts that run the service.',
    references: ['https://attack.mitre.org/techniques/T1555/'],
  },
});
