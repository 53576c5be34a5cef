/** CanInvoke: The agent can call the tool (MCP server, function, API). */
import { defineEdgeKind } from '../edge-kind.js';

export const CanInvoke = defineEdgeKind({
  role: 'attack',
  p: 0.9,
  techniques: ['AML.T0053'],
  fixFamily: 'agent-guardrails',
  from: ['AiAgent'],
  to: ['Service', 'CloudResource', 'DataStore', 'Host', 'Role', 'ServiceAccount'],
  description: 'The agent can call the tool (MCP server, function, API).',
  remediation: {
    risk: "An agent that can be steered by its inputs will use its tools on the attacker's behalf.",
    abuse: 'Injected instructions make the agent call the tool with attacker-chosen arguments.',
    fix: 'Remove the tool, or require human approval for its calls and scope its permissions.',
    references: ['https://atlas.mitre.org/techniques/AML.T0053'],
  },
});
