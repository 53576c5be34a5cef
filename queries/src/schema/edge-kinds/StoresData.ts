/** StoresData: The asset stores the data set. */
import { defineEdgeKind } from '../edge-kind.js';
import { MACHINES } from '../kind-sets.js';

export const StoresData = defineEdgeKind({
  role: 'context',
  p: 1.0,
  techniques: ['T1005', 'T1530'],
  fixFamily: 'segment',
  from: [...MACHINES, 'CloudResource', 'DataStore'],
  to: ['DataStore'],
  description: 'The asset stores the data set.',
  remediation: {
    risk: 'Control of the store is access to the data.',
    abuse: 'The attacker reads or destroys the data from the asset holding it.',
    fix: 'Encrypt at rest with separately held keys; restrict direct access.',
    references: ['https://attack.mitre.org/techniques/T1005/', 'https://attack.mitre.org/techniques/T1530/'],
  },
});
