/** HasSession: The user has (or recently had) a logon session on the machine. */
import { defineEdgeKind } from '../edge-kind.js';
import { MACHINES } from '../kind-sets.js';

export const HasSession = defineEdgeKind({
  role: 'attack',
  p: 0.8,
  techniques: ['T1003.001'],
  fixFamily: 'credential-hygiene',
  from: MACHINES,
  to: ['User', 'ServiceAccount'],
  description: 'The user has (or recently had) a logon session on the machine.',
  remediation: {
    risk: "Credentials of a logged-on user stay in the machine's memory.",
    abuse: "Whoever controls the machine dumps LSASS memory and reuses the user's credentials or tickets.",
    fix: 'Stop privileged accounts logging on to lower-tier machines; enable Credential Guard and Protected Users.',
    references: ['https://attack.mitre.org/techniques/T1003/001/'],
  },
});
