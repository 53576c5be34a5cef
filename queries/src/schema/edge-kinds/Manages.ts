/** Manages: The management system (BMS/EMS) changes setpoints of the target equipment. */
import { defineEdgeKind } from '../edge-kind.js';

export const Manages = defineEdgeKind({
  role: 'attack',
  p: 0.8,
  techniques: ['T0855', 'T0836'],
  fixFamily: 'ot-command-control',
  from: ['Device', 'Hmi', 'Host', 'Controller'],
  to: ['Controller', 'Device'],
  description: 'The management system (BMS/EMS) changes setpoints of the target equipment.',
  remediation: {
    risk: 'A BMS or EMS can shut down cooling or power to a data centre.',
    abuse: 'The attacker changes setpoints or schedules from the management system.',
    fix: 'Separate the management network; require authenticated, logged setpoint changes.',
    references: ['https://attack.mitre.org/techniques/T0855/', 'https://attack.mitre.org/techniques/T0836/'],
  },
});
