/** Cross-domain flags and Purdue-level jumps of a route (DESIGN §3), from the nodes it visits in order. */
import { PURDUE_LEVELS } from '../schema/index.js';
import type { ModelNode } from './model.js';

export type CrossDomainFlag = 'it→ot' | 'iot→ot' | 'cloud→on-prem' | 'on-prem→cloud' | 'vendor→ot' | 'via-ai-agent';

export interface PurdueJump {
  from: string;
  to: string;
  fromLevel: number;
  toLevel: number;
}

const ON_PREM = new Set(['it', 'ot', 'iot', 'identity']);

/** Flags in a fixed order; identity (AD) counts as IT; the Internet and zones count as no domain. */
export function routeFlags(nodes: readonly ModelNode[]): { flags: CrossDomainFlag[]; purdueJumps: PurdueJump[] } {
  const flags = new Set<CrossDomainFlag>();
  const seen = new Set<string>();
  for (const node of nodes) {
    const d = node.domain;
    if (d === 'ot' && (seen.has('it') || seen.has('identity'))) flags.add('it→ot');
    if (d === 'ot' && seen.has('iot')) flags.add('iot→ot');
    if (d === 'ot' && seen.has('vendor')) flags.add('vendor→ot');
    if (ON_PREM.has(d) && seen.has('cloud')) flags.add('cloud→on-prem');
    if (d === 'cloud' && [...ON_PREM].some((x) => seen.has(x))) flags.add('on-prem→cloud');
    if (node.kind === 'AiAgent') flags.add('via-ai-agent');
    if (node.kind !== 'Internet' && node.kind !== 'Zone') seen.add(d); // the outside world and network segments are no asset's domain

  }
  const order: CrossDomainFlag[] = ['it→ot', 'iot→ot', 'cloud→on-prem', 'on-prem→cloud', 'vendor→ot', 'via-ai-agent'];
  const purdueJumps: PurdueJump[] = [];
  let last: ModelNode | null = null;
  for (const node of nodes) {
    if (node.purdueLevel === null) continue;
    if (last && last.purdueLevel !== null) {
      const a = PURDUE_LEVELS.indexOf(last.purdueLevel as (typeof PURDUE_LEVELS)[number]), b = PURDUE_LEVELS.indexOf(node.purdueLevel as (typeof PURDUE_LEVELS)[number]);
      if (a >= 0 && b >= 0 && Math.abs(a - b) > 1) purdueJumps.push({ from: last.id, to: node.id, fromLevel: last.purdueLevel, toLevel: node.purdueLevel });
    }
    last = node;
  }
  return { flags: order.filter((f) => flags.has(f)), purdueJumps };
}
