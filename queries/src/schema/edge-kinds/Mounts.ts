/** Mounts: The machine mounts the share or export (and may run code from it). */
import { defineEdgeKind } from '../edge-kind.js';
import { MACHINES } from '../kind-sets.js';

export const Mounts = defineEdgeKind({
  role: 'context',
  p: 1.0,
  techniques: ['T1080'],
  fixFamily: 'harden-config',
  from: [...MACHINES],
  to: ['DataStore', 'CloudResource'],
  description: 'The machine mounts the share or export; `executes: true` when it runs code from it (scripts, binaries, logon scripts).',
  remediation: {
    risk: 'Content of a shared store that machines execute is code on those machines.',
    abuse: 'Whoever can write to the store plants a script or binary the mounting machines run.',
    fix: 'Mount it read-only or noexec; restrict write access to the store.',
    references: ['https://attack.mitre.org/techniques/T1080/'],
  },
});
