/** CanAssumeRole: The principal is trusted by the role's trust policy and may assume it. */
import { defineEdgeKind } from '../edge-kind.js';
import { MACHINES, PRINCIPALS } from '../kind-sets.js';

export const CanAssumeRole = defineEdgeKind({
  role: 'attack',
  p: 0.9,
  techniques: ['T1078.004', 'T1548.005'],
  fixFamily: 'cloud-iam',
  from: [...PRINCIPALS, 'Internet', 'Vendor', 'CloudResource', ...MACHINES],
  to: ['Role'],
  description: "The principal is trusted by the role's trust policy and may assume it.",
  remediation: {
    risk: "A trust policy hands the role's permissions to every principal it names.",
    abuse: "The attacker calls sts:AssumeRole with the trusted principal's credentials.",
    fix: 'Narrow the trust policy to the principals that need it; add conditions (ExternalId, MFA, source).',
    references: ['https://attack.mitre.org/techniques/T1078/004/', 'https://attack.mitre.org/techniques/T1548/005/'],
  },
});
