/**
 * What-if: apply fixes, or remove nodes and steps, hypothetically and re-score — on a copy of the
 * weights; the model and the store are untouched.
 */
import { ChokepointError } from '../errors.js';
import { applyChanges, fixCandidates, fixChanges, resolveFixes, type FixCandidate } from './fixes.js';
import type { WeightChange } from './incremental.js';
import type { AnalysisModel } from './model.js';
import { scoreModel, type Scoring } from './score.js';

export interface WhatIfRequest {
  fixes?: string[];
  removeNodes?: string[];
  /** Step ids (stored edge ids, derived step ids or `entry|<node>`). */
  removeEdges?: string[];
}

export interface WhatIfResult {
  before: number;
  after: number;
  removed: number;
  targets: Array<{ id: string; name: string; before: number; after: number }>;
  scoring: Scoring;
}

export function whatIf(model: AnalysisModel, request: WhatIfRequest, options: { candidates?: Map<string, FixCandidate>; baseline?: Scoring } = {}): WhatIfResult {
  const changes: WeightChange[] = [];
  if (request.fixes?.length) {
    const candidates = options.candidates ?? fixCandidates(model);
    for (const fix of resolveFixes(candidates, request.fixes)) changes.push(...fixChanges(model, fix));
  }
  const { graph } = model;
  const missingNodes = (request.removeNodes ?? []).filter((id) => !model.indexOf.has(id));
  if (missingNodes.length) throw new ChokepointError('NOT_FOUND', `unknown node id(s): ${missingNodes.join(', ')}`);
  for (const id of request.removeNodes ?? []) {
    const v = model.indexOf.get(id)!;
    for (let r = graph.rOffsets[v]!; r < graph.rOffsets[v + 1]!; r++) changes.push({ position: graph.rPositions[r]!, weight: Infinity });
    for (let p = graph.offsets[v]!; p < graph.offsets[v + 1]!; p++) changes.push({ position: p, weight: Infinity });
  }
  if (request.removeEdges?.length) {
    const wanted = new Set(request.removeEdges);
    const found = new Set<string>();
    model.steps.forEach((s, i) => { if (wanted.has(s.eid)) { found.add(s.eid); changes.push({ position: model.positionOf[i]!, weight: Infinity }); } });
    const missing = request.removeEdges.filter((id) => !found.has(id));
    if (missing.length) throw new ChokepointError('NOT_FOUND', `unknown attack step id(s): ${missing.join(', ')}`);
  }
  const baseline = options.baseline ?? scoreModel(model);
  const weights = model.graph.weights.slice();
  applyChanges(weights, changes);
  const scoring = scoreModel(model, weights);
  const targets = model.targets
    .filter((t) => scoring.risk[t] !== baseline.risk[t])
    .map((t) => ({ id: model.nodes[t]!.id, name: model.nodes[t]!.name, before: baseline.risk[t]!, after: scoring.risk[t]! }))
    .sort((a, b) => b.before - b.after - (a.before - a.after));
  return { before: baseline.total, after: scoring.total, removed: baseline.total - scoring.total, targets, scoring };
}
