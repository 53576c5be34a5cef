/** CredentialOn: A credential of the identity is stored on the machine (file, script, config, browser store). */
import { defineEdgeKind } from '../edge-kind.js';

export const CredentialOn = defineEdgeKind({
  role: 'attack',
  p: 0.7,
  techniques: ['T1552.001'],
  fixFamily: 'credential-hygiene',
  from: ['Host', 'Controller', 'Hmi', 'EngineeringWorkstation', 'Device', 'DataStore', 'CloudResource'],
  to: ['User', 'Group', 'ServiceAccount', 'Role', 'AiAgent'],
  description: 'A credential of the identity is stored on the machine (file, script, config, browser store).',
  remediation: {
    risk: 'Stored credentials are recovered by whoever controls the machine.',
    abuse: 'The attacker searches files and credential stores and reuses what it finds.',
    fix: 'Remove the stored credential; use a vault with short-lived secrets.',
    references: ['https://attack.mitre.org/techniques/T1552/001/'],
  },
});
