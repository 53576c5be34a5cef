/** TaintSharedContent: Derived: control of a share or export a machine executes from runs code on that machine. */
import { defineEdgeKind } from '../edge-kind.js';
import { MACHINES } from '../kind-sets.js';

export const TaintSharedContent = defineEdgeKind({
  role: 'attack',
  p: 0.6,
  techniques: ['T1080'],
  fixFamily: 'harden-config',
  from: ['DataStore', 'CloudResource'],
  to: [...MACHINES],
  derived: true,
  description: 'Derived (MulVAL\'s shared-storage rule): whoever controls a share or export that a machine mounts runs code on that machine (p 0.9 when it executes from it, else 0.6).',
  remediation: {
    risk: 'A writable share that machines mount or execute from is a code path into each of them.',
    abuse: 'The attacker writes a trojaned script, binary or shortcut to the share; a mounting machine runs it.',
    fix: 'Mount the share read-only/noexec on machines that do not need to write; restrict who can write to it.',
    references: ['https://attack.mitre.org/techniques/T1080/'],
  },
});
