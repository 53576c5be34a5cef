/** RunsAs: The machine, agent or service runs with the identity's credentials (instance profile, service account). */
import { defineEdgeKind } from '../edge-kind.js';
import { MACHINES } from '../kind-sets.js';

export const RunsAs = defineEdgeKind({
  role: 'attack',
  p: 0.8,
  techniques: ['T1552.005'],
  fixFamily: 'cloud-iam',
  from: [...MACHINES, 'AiAgent', 'CloudResource', 'Service'],
  to: ['Role', 'ServiceAccount', 'User'],
  description: "The machine, agent or service runs with the identity's credentials (instance profile, service account).",
  remediation: {
    risk: "Code execution on the workload yields the identity's credentials.",
    abuse: 'The attacker reads credentials from the instance metadata service or the process environment.',
    fix: 'Give the workload a least-privilege identity; require IMDSv2.',
    references: ['https://attack.mitre.org/techniques/T1552/005/'],
  },
});
