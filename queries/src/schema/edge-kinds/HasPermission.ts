/** HasPermission: The principal holds a dangerous permission on the target (iam:PassRole, s3:GetObject, *, …). */
import { defineEdgeKind } from '../edge-kind.js';
import { MACHINES, PRINCIPALS } from '../kind-sets.js';

export const HasPermission = defineEdgeKind({
  role: 'attack',
  p: 0.7,
  techniques: ['T1078.004', 'T1098.003'],
  fixFamily: 'cloud-iam',
  from: PRINCIPALS,
  to: ['CloudResource', 'Role', 'User', 'Group', 'DataStore', ...MACHINES],
  description: 'The principal holds a dangerous permission on the target (iam:PassRole, s3:GetObject, *, …).',
  remediation: {
    risk: 'Dangerous IAM actions give control of, or data from, the target resource.',
    abuse: 'The attacker uses the permission directly (read the bucket, pass a privileged role, edit a policy).',
    fix: 'Remove the action from the policy or scope its Resource and Condition.',
    references: ['https://attack.mitre.org/techniques/T1078/004/', 'https://attack.mitre.org/techniques/T1098/003/'],
  },
});
