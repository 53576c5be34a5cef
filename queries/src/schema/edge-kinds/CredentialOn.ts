/** CredentialOn: A credential of the identity is stored on the machine (file, script, config, browser store). */
import { defineEdgeKind } from '../edge-kind.js';
import { MACHINES, PRINCIPALS } from '../kind-sets.js';

export const CredentialOn = defineEdgeKind({
  role: 'attack',
  p: 0.7,
  techniques: ['T1552.001'],
  fixFamily: 'credential-hygiene',
  from: [...MACHINES, 'DataStore', 'CloudResource'],
  to: PRINCIPALS,
  description: 'A credential of the identity is stored on the machine (file, script, config, browser store).',
  remediation: {
    risk: 'Stored credentials are recovered by whoever controls the machine.',
    abuse: 'The attacker searches files and credential stores and reuses what it finds.',
    fix: 'Remove the stored credential; use a vault with short-lived secrets.',
    references: ['https://attack.mitre.org/techniques/T1552/001/'],
  },
});
