/** ReadsUntrusted: The agent consumes content the attacker can write (inbound email, web pages, tickets). */
import { defineEdgeKind } from '../edge-kind.js';

export const ReadsUntrusted = defineEdgeKind({
  role: 'attack',
  p: 0.6,
  techniques: ['AML.T0051'],
  fixFamily: 'agent-guardrails',
  from: ['Internet', 'Vendor', 'Service', 'DataStore', 'CloudResource'],
  to: ['AiAgent'],
  description: 'The agent consumes content the attacker can write (inbound email, web pages, tickets).',
  remediation: {
    risk: 'Untrusted content can carry instructions the agent follows (prompt injection).',
    abuse: 'The attacker plants instructions in content the agent reads.',
    fix: 'Isolate untrusted content from tool-using agents; strip or quarantine instructions; require approval.',
    references: ['https://atlas.mitre.org/techniques/AML.T0051'],
  },
});
