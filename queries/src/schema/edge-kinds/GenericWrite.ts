/** GenericWrite: The principal can write any non-protected attribute of the object. */
import { defineEdgeKind } from '../edge-kind.js';
import { AD_OBJECTS, AD_PRINCIPALS } from '../kind-sets.js';

export const GenericWrite = defineEdgeKind({
  role: 'attack',
  p: 0.8,
  techniques: ['T1098'],
  fixFamily: 'remove-privilege',
  from: AD_PRINCIPALS,
  to: AD_OBJECTS,
  description: 'The principal can write any non-protected attribute of the object.',
  remediation: {
    risk: 'Writing attributes such as servicePrincipalName, scriptPath or msDS-KeyCredentialLink leads to takeover.',
    abuse: 'The attacker sets an SPN and Kerberoasts the account, or writes shadow credentials.',
    fix: "Remove the ACE from the object's DACL.",
    references: ['https://attack.mitre.org/techniques/T1098/'],
  },
});
