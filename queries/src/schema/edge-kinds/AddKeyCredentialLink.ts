/** AddKeyCredentialLink: The principal can write msDS-KeyCredentialLink on the object (shadow credentials). */
import { defineEdgeKind } from '../edge-kind.js';
import { AD_PRINCIPALS } from '../kind-sets.js';

export const AddKeyCredentialLink = defineEdgeKind({
  role: 'attack',
  p: 0.8,
  techniques: ['T1556'],
  fixFamily: 'remove-privilege',
  from: AD_PRINCIPALS,
  to: ['User', 'Host', 'ServiceAccount'],
  description: 'The principal can write msDS-KeyCredentialLink on the object (shadow credentials).',
  remediation: {
    risk: 'A planted key credential lets the attacker authenticate as the object with PKINIT.',
    abuse: 'The attacker adds a key credential (Whisker) and requests a TGT as the target.',
    fix: 'Remove the write right; monitor msDS-KeyCredentialLink changes.',
    references: ['https://attack.mitre.org/techniques/T1556/'],
  },
});
