/** ReadLapsPassword: The principal can read the machine's LAPS local administrator password. */
import { defineEdgeKind } from '../edge-kind.js';
import { AD_PRINCIPALS } from '../kind-sets.js';

export const ReadLapsPassword = defineEdgeKind({
  role: 'attack',
  p: 0.9,
  techniques: ['T1555'],
  fixFamily: 'credential-hygiene',
  from: AD_PRINCIPALS,
  to: ['Host'],
  description: "The principal can read the machine's LAPS local administrator password.",
  remediation: {
    risk: 'The LAPS password is local administrator on the machine.',
    abuse: 'The attacker reads ms-Mcs-AdmPwd / msLAPS-Password and logs on as local admin.',
    fix: 'Restrict LAPS read rights to the admin tier that owns the machine.',
    references: ['https://attack.mitre.org/techniques/T1555/'],
  },
});
