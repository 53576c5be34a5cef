/** Controls: The source sends control commands (Modbus, S7, DNP3, CIP writes) to the controller. */
import { defineEdgeKind } from '../edge-kind.js';
import { MACHINES } from '../kind-sets.js';

export const Controls = defineEdgeKind({
  role: 'attack',
  p: 0.9,
  techniques: ['T0855', 'T0831', 'T0836', 'T0843'],
  fixFamily: 'ot-command-control',
  // Derived from flows too (scoring rule R5): any machine, a zone position or a remote access may speak the protocol.
  from: [...MACHINES, 'Zone', 'RemoteAccess', 'Internet'],
  to: [...MACHINES],
  description: 'The source sends control commands (Modbus, S7, DNP3, CIP writes) to the controller.',
  remediation: {
    risk: 'Controllers execute unauthenticated commands from whoever can talk to them.',
    abuse: 'The attacker issues writes, stops the CPU or downloads new logic from the source.',
    fix: 'Restrict which hosts may send write/program commands (protocol-aware firewall, CPU key in RUN).',
    references: ['https://attack.mitre.org/techniques/T0855/', 'https://attack.mitre.org/techniques/T0831/', 'https://attack.mitre.org/techniques/T0836/', 'https://attack.mitre.org/techniques/T0843/'],
  },
});
