/** DcSync: The principal holds both GetChanges and GetChangesAll on the domain (directly or through groups). */
import { defineEdgeKind } from '../edge-kind.js';
import { AD_PRINCIPALS } from '../kind-sets.js';

export const DcSync = defineEdgeKind({
  role: 'attack',
  p: 0.95,
  techniques: ['T1003.006'],
  fixFamily: 'remove-privilege',
  from: AD_PRINCIPALS,
  to: ['Domain'],
  description: 'The principal holds both GetChanges and GetChangesAll on the domain (directly or through groups).',
  remediation: {
    risk: "Replication rights disclose every account's password hash, including krbtgt.",
    abuse: 'The attacker runs a DCSync (secretsdump, mimikatz lsadump::dcsync) and forges golden tickets.',
    fix: 'Remove the replication rights from every principal that is not a domain controller.',
    references: ['https://attack.mitre.org/techniques/T1003/006/'],
  },
});
