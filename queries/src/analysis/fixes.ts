/**
 * Fix candidates: concrete actions grouped from the schema's fix families (model.ts FixSpec), each with
 * the steps it removes or weakens, and the compliance references of its family.
 */
import { ChokepointError } from '../errors.js';
import { FIX_FAMILIES, type FixFamily } from '../schema/index.js';
import type { AnalysisModel } from './model.js';
import type { WeightChange } from './incremental.js';
import { runToEnd } from '../cooperative.js';

export interface FixCandidate {
  id: string;
  family: FixFamily;
  action: string;
  /** Effort in person-days. */
  cost: number;
  /** null: removes its steps; else multiplies their p. */
  factor: number | null;
  /** CSR positions of the steps it touches. */
  positions: number[];
  nis2: string;
  /** Section of the Annex to Implementing Regulation (EU) 2024/2690. */
  cir2690: string;
  iec62443: string | null;
}

/** Patching scales with the machines to patch: the family cost plus 10 % per further machine. */
const PER_EXTRA_HOST = 0.1;

const cache = new WeakMap<AnalysisModel, Map<string, FixCandidate>>();

/** Every fix candidate of the model (computed once per model; treat the result as read-only). */
export function fixCandidates(model: AnalysisModel): Map<string, FixCandidate> {
  return cache.get(model) ?? runToEnd(fixCandidateSteps(model));
}

/** The candidates as a cooperative generator (see cooperative.ts); caches its result on the model. */
export function* fixCandidateSteps(model: AnalysisModel): Generator<void, Map<string, FixCandidate>> {
  const cached = cache.get(model);
  if (cached) return cached;
  const out = new Map<string, FixCandidate>();
  let i = 0;
  for (const [id, spec] of model.fixes) {
    if (++i % 20_000 === 0) yield;
    const family = FIX_FAMILIES[spec.family];
    // A literal, not a spread: this runs for hundreds of thousands of fixes.
    out.set(id, { id, family: spec.family, action: spec.action, cost: spec.cost, factor: spec.factor, positions: [], nis2: family.nis2, cir2690: family.cir2690, iec62443: family.iec62443 });
  }
  const steps = model.steps;
  for (let index = 0; index < steps.length; index++) {
    if (index % 20_000 === 0) yield;
    const position = model.positionOf[index]!;
    for (const id of steps[index]!.fixIds) out.get(id)!.positions.push(position);
  }
  const { costs } = model.policy;
  const scaled = Object.keys(costs.nodes).length > 0 || Object.keys(costs.zones).length > 0;
  for (const fix of out.values()) {
    const familyOverride = costs.families[fix.family];
    if (familyOverride !== undefined) fix.cost *= familyOverride / FIX_FAMILIES[fix.family].cost;
    if (scaled) fix.cost *= costFactor(model, fix.positions);
    if (fix.family === 'patch') {
      const hosts = new Set(fix.positions.map((p) => model.graph.targets[p]!)).size;
      fix.cost *= 1 + PER_EXTRA_HOST * Math.max(0, hosts - 1);
      fix.action = `${fix.action} (${hosts} machine${hosts === 1 ? '' : 's'})`;
    }
    fix.cost = Math.max(0.1, Math.round(fix.cost * 10) / 10);
  }
  for (const [id, fix] of out) if (fix.positions.length === 0) out.delete(id); // its only steps were dropped (self-loops)
  cache.set(model, out);
  return out;
}

/** The largest policy multiplier over the nodes a fix acts on (the targets of its steps) and their zones. */
function costFactor(model: AnalysisModel, positions: readonly number[]): number {
  const { nodes: byNode, zones: byZone } = model.policy.costs;
  let factor: number | null = null;
  const take = (f: number | undefined) => { if (f !== undefined) factor = factor === null ? f : Math.max(factor, f); };
  for (const p of positions) {
    const id = model.nodes[model.graph.targets[p]!]!.id;
    take(byNode[id]);
    for (const z of model.zonesOf.get(id) ?? []) take(byZone[z]);
  }
  return factor ?? 1;
}

/**
 * The weights a fix gives its steps. A factor applies to the step's original weight, so two fixes that
 * weaken the same step (MFA for two groups of one user) do not compound.
 */
export function fixChanges(model: AnalysisModel, fix: FixCandidate): WeightChange[] {
  const base = model.graph.weights;
  return fix.positions.map((position) => ({ position, weight: fix.factor === null ? Infinity : base[position]! - Math.log(fix.factor) }));
}

/** Applies changes in place. */
export function applyChanges(weights: Float64Array, changes: readonly WeightChange[]): void {
  for (const c of changes) if (c.weight > weights[c.position]!) weights[c.position] = c.weight;
}

/** Resolves fix ids, failing with every unknown id named. */
export function resolveFixes(candidates: ReadonlyMap<string, FixCandidate>, ids: readonly string[]): FixCandidate[] {
  const unknown = ids.filter((id) => !candidates.has(id));
  if (unknown.length) throw new ChokepointError('NOT_FOUND', `unknown fix id${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')} (see \`chokepoint fixes --format json\` for ids)`);
  return ids.map((id) => candidates.get(id)!);
}
