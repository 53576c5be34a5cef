/**
 * What a scored model says about tracked fixes (fix lifecycle, ADR 0013): whether the fix is still a
 * candidate (its steps are still in the graph), the stored edges it acts on, the owner of the asset it
 * changes, and its SLA tier from the targets whose best routes it cuts.
 */
import type { AnalysisModel } from './model.js';
import type { Scoring } from './score.js';
import { fixCandidates, type FixCandidate } from './fixes.js';
import type { ScoringPolicy } from './policy.js';

export interface FixSla {
  tier: string;
  days: number;
}

export interface FixEvidence {
  fixId: string;
  /** false: no step of the model carries this fix any more — the edges it acted on are gone. */
  present: boolean;
  action: string | null;
  family: string | null;
  /** Stored edge ids behind its steps (derived facts such as `node:…` left out). */
  facts: string[];
  sources: string[];
  /** The `owner` property of the asset its first step changes (inventory), if any. */
  owner: string | null;
  /** Targets whose current best route crosses one of its steps, most critical first. */
  protects: Array<{ id: string; name: string; criticality: number; risk: number }>;
  sla: FixSla;
}

function ownerProp(model: AnalysisModel, node: number | undefined): string | null {
  if (node === undefined) return null;
  const owner = model.nodes[node]!.props.owner;
  return typeof owner === 'string' && owner !== '' ? owner : null;
}

/** The owner of the asset a fix changes: the target of its first step, else that step's source. */
export function fixOwner(model: AnalysisModel, fix: FixCandidate | undefined): string | null {
  const first = fix?.positions[0];
  if (first === undefined) return null;
  return ownerProp(model, model.graph.targets[first]) ?? ownerProp(model, model.graph.sources[first]);
}

/** The SLA tier: the first rule whose conditions all hold, else the last rule. */
export function slaTier(policy: ScoringPolicy, protects: FixEvidence['protects'], groupsOf: (targetId: string) => string[]): FixSla {
  const rules = policy.sla.rules;
  const maxCriticality = Math.max(0, ...protects.map((t) => t.criticality));
  const risk = protects.reduce((s, t) => s + t.risk, 0);
  for (const rule of rules) {
    if (rule.minCriticality !== undefined && maxCriticality < rule.minCriticality) continue;
    if (rule.minRisk !== undefined && risk < rule.minRisk) continue;
    if (rule.groups) {
      const wanted = new Set(rule.groups.map((g) => g.toLowerCase()));
      if (!protects.some((t) => [t.id, ...groupsOf(t.id)].some((g) => wanted.has(g.toLowerCase())))) continue;
    }
    return { tier: rule.name, days: rule.days };
  }
  const last = rules[rules.length - 1]!;
  return { tier: last.name, days: last.days };
}

export function fixEvidence(model: AnalysisModel, scoring: Scoring, ids: readonly string[]): Map<string, FixEvidence> {
  const candidates = fixCandidates(model);
  // Which targets' best routes cross each step position (walked once for all fixes).
  const crossing = new Map<number, number[]>();
  const { via } = scoring.paths;
  for (const t of model.targets) {
    if (scoring.risk[t]! <= 0) continue;
    for (let k = via[t]!; k !== -1; k = via[model.graph.sources[k]!]!) {
      const list = crossing.get(k);
      if (list) list.push(t); else crossing.set(k, [t]);
    }
  }
  const groupsOf = (targetId: string): string[] => {
    const at = model.indexOf.get(targetId);
    const g = at === undefined ? -1 : model.groupOf[at]!;
    return g < 0 ? [] : [model.groups[g]!.id, model.groups[g]!.name];
  };
  const out = new Map<string, FixEvidence>();
  for (const id of ids) {
    const fix = candidates.get(id);
    const facts = new Set<string>(), sources = new Set<string>(), protectedTargets = new Set<number>();
    for (const p of fix?.positions ?? []) {
      const step = model.steps[model.graph.edgeOf[p]!]!;
      for (const f of step.facts) if (!f.startsWith('node:')) facts.add(f);
      for (const s of step.sources) sources.add(s);
      for (const t of crossing.get(p) ?? []) protectedTargets.add(t);
    }
    const protects = [...protectedTargets].map((t) => ({ id: model.nodes[t]!.id, name: model.nodes[t]!.name, criticality: model.impact[t]!, risk: scoring.risk[t]! }))
      .sort((a, b) => b.criticality - a.criticality || b.risk - a.risk || (a.id < b.id ? -1 : 1));
    out.set(id, {
      fixId: id, present: fix !== undefined, action: fix?.action ?? null, family: fix?.family ?? null,
      facts: [...facts].sort(), sources: [...sources].sort(), owner: fixOwner(model, fix), protects,
      sla: slaTier(model.policy, protects, groupsOf),
    });
  }
  return out;
}
