/** Contains: The container holds the object; policies and inheritable ACEs flow down to it. */
import { defineEdgeKind } from '../edge-kind.js';
import { AD_OBJECTS } from '../kind-sets.js';

export const Contains = defineEdgeKind({
  role: 'attack',
  p: 0.7,
  techniques: ['T1484.001'],
  fixFamily: 'harden-config',
  from: ['Domain', 'OU', 'Container'],
  to: AD_OBJECTS,
  description: 'The container holds the object; policies and inheritable ACEs flow down to it.',
  remediation: {
    risk: 'Control of a container extends to what it contains through inheritance and GPOs.',
    abuse: 'The attacker adds an inheritable ACE or links a GPO at the container.',
    fix: 'Tighten rights on the container; block inheritance where tiers mix.',
    references: ['https://attack.mitre.org/techniques/T1484/001/'],
  },
});
