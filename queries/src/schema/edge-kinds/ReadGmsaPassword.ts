/** ReadGmsaPassword: The principal can retrieve the managed service account's password. */
import { defineEdgeKind } from '../edge-kind.js';

export const ReadGmsaPassword = defineEdgeKind({
  role: 'attack',
  p: 0.9,
  techniques: ['T1555'],
  fixFamily: 'credential-hygiene',
  from: ['User', 'Group', 'Host', 'ServiceAccount'],
  to: ['User', 'ServiceAccount', 'Host'],
  description: "The principal can retrieve the managed service account's password.",
  remediation: {
    risk: 'The gMSA password is the account itself.',
    abuse: 'The attacker reads msDS-ManagedPassword and authenticates as the service account.',
    fix: 'Restrict PrincipalsAllowedToRetrieveManagedPassword to the hosts that run the service.',
    references: ['https://attack.mitre.org/techniques/T1555/'],
  },
});
