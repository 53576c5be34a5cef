/** ExecuteDcom: The principal may start DCOM objects on the machine. */
import { defineEdgeKind } from '../edge-kind.js';
import { AD_PRINCIPALS, MACHINES } from '../kind-sets.js';

export const ExecuteDcom = defineEdgeKind({
  role: 'attack',
  p: 0.7,
  techniques: ['T1021.003'],
  fixFamily: 'remove-privilege',
  from: AD_PRINCIPALS,
  to: MACHINES,
  description: 'The principal may start DCOM objects on the machine.',
  remediation: {
    risk: 'DCOM lets the principal instantiate COM objects that run commands remotely.',
    abuse: 'The attacker instantiates MMC20.Application or ShellWindows remotely to execute code.',
    fix: 'Remove the principal from Distributed COM Users.',
    references: ['https://attack.mitre.org/techniques/T1021/003/'],
  },
});
