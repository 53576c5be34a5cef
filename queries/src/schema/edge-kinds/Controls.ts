/** Controls: The source sends control commands (Modbus, S7, DNP3, CIP writes) to the controller. */
import { defineEdgeKind } from '../edge-kind.js';

export const Controls = defineEdgeKind({
  role: 'attack',
  p: 0.9,
  techniques: ['T0855', 'T0831'],
  fixFamily: 'ot-command-control',
  from: ['Hmi', 'EngineeringWorkstation', 'Host'],
  to: ['Controller', 'Device'],
  description: 'The source sends control commands (Modbus, S7, DNP3, CIP writes) to the controller.',
  remediation: {
    risk: 'Controllers execute unauthenticated commands from whoever can talk to them.',
    abuse: 'The attacker issues writes, stops the CPU or downloads new logic from the source.',
    fix: 'Restrict which hosts may send write/program commands (protocol-aware firewall, CPU key in RUN).',
    references: ['https://attack.mitre.org/techniques/T0855/', 'https://attack.mitre.org/techniques/T0831/'],
  },
});
