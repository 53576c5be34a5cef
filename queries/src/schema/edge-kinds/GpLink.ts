/** GpLink: The GPO is linked to the domain or OU and applies to the objects it contains. */
import { defineEdgeKind } from '../edge-kind.js';

export const GpLink = defineEdgeKind({
  role: 'attack',
  p: 0.7,
  techniques: ['T1484.001'],
  fixFamily: 'harden-config',
  from: ['Gpo'],
  to: ['Domain', 'OU'],
  description: 'The GPO is linked to the domain or OU and applies to the objects it contains.',
  remediation: {
    risk: 'Whoever controls a linked GPO runs code on every computer and user it applies to.',
    abuse: 'The attacker edits the GPO to add a scheduled task or startup script.',
    fix: 'Restrict who can edit the GPO, or unlink it from scopes it is not needed in.',
    references: ['https://attack.mitre.org/techniques/T1484/001/'],
  },
});
