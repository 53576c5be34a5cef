/** Routes as users see them: edge paths with every number traceable to its inputs. */
import { createHash } from 'node:crypto';
import { EDGE_KINDS, type EdgeKind } from '../schema/index.js';
import { routeFlags, type CrossDomainFlag, type PurdueJump } from './flags.js';
import type { AnalysisModel } from './model.js';

export interface RouteStep {
  eid: string;
  kind: EdgeKind;
  from: string;
  to: string;
  fromName: string;
  toName: string;
  key: string | null;
  p: number;
  techniques: string[];
  derived: boolean;
  /** True when the step rests on an assumption (data no source collected), not on a fact. */
  assumed: boolean;
  /** Why p has this value. */
  explain: string;
  /** The stored facts the step rests on. */
  facts: string[];
  sources: string[];
  firstSeen: string | null;
}

export interface Route {
  target: string;
  targetName: string;
  entry: string;
  entryName: string;
  /** Probability of the foothold at the entry. */
  p0: number;
  /** Π p over the steps. */
  likelihood: number;
  criticality: number;
  /** p₀ · Π p · criticality. */
  risk: number;
  steps: RouteStep[];
  /** Stable id of the route: a hash of its step ids. */
  fingerprint: string;
  flags: CrossDomainFlag[];
  purdueJumps: PurdueJump[];
  /** Other entries whose routes differ from this one only in the entry (top-k with groupEntries). */
  alike: Array<{ id: string; name: string }>;
  explain: string;
}

const fmt = (x: number) => (x >= 0.001 || x === 0 ? String(Math.round(x * 1000) / 1000) : x.toExponential(2));

export function fingerprint(eids: readonly string[]): string {
  return createHash('sha256').update(eids.join('\n')).digest('hex').slice(0, 16);
}

/**
 * Describes a route given as CSR positions: from the root (its first step is the Entry step), or from
 * an assumed-breach start (its first step leaves the start; p₀ 1). `weights` are the ones the route was
 * found on (what-if copies change p); `alike` are interchangeable entries (top-k groupEntries).
 */
export function describeRoute(model: AnalysisModel, positions: readonly number[], weights: Float64Array = model.graph.weights, alike: readonly number[] = []): Route {
  const { graph, steps: all, nodes } = model;
  if (positions.length === 0) throw new Error('describeRoute: empty route');
  const pOf = (pos: number) => Math.exp(-weights[pos]!);
  const entryPos = positions[0]!;
  const fromRoot = graph.sources[entryPos] === model.root;
  const entryNode = nodes[fromRoot ? graph.targets[entryPos]! : graph.sources[entryPos]!]!;
  const target = nodes[graph.targets[positions[positions.length - 1]!]!]!;
  const p0 = fromRoot ? pOf(entryPos) : 1;
  const steps: RouteStep[] = (fromRoot ? positions.slice(1) : positions).map((pos) => {
    const s = all[graph.edgeOf[pos]!]!;
    const kind = s.kind as EdgeKind;
    const p = pOf(pos);
    return {
      eid: s.eid, kind, from: nodes[s.from]!.id, to: nodes[s.to]!.id, fromName: nodes[s.from]!.name, toName: nodes[s.to]!.name,
      key: s.key, p, techniques: [...EDGE_KINDS[kind].techniques], derived: s.derived, assumed: s.assumed === true,
      explain: Math.abs(p - s.p) > 1e-12 ? `${s.explain}; what-if: p ${fmt(p)}` : s.explain,
      facts: s.facts, sources: s.sources, firstSeen: s.firstSeen,
    };
  });
  const likelihood = steps.reduce((acc, s) => acc * s.p, 1);
  const criticality = model.impact[graph.targets[positions[positions.length - 1]!]!]! || target.criticality;
  const risk = p0 * likelihood * criticality;
  const visited = [entryNode, ...steps.map((s) => nodes[model.indexOf.get(s.to)!]!)];
  const { flags, purdueJumps } = routeFlags(visited);
  const entryExplain = fromRoot ? all[graph.edgeOf[entryPos]!]!.explain : 'assumed breach: the route starts here (p₀ 1)';
  return {
    target: target.id, targetName: target.name, entry: entryNode.id, entryName: entryNode.name,
    p0, likelihood, criticality, risk, steps,
    fingerprint: fingerprint([fromRoot ? all[graph.edgeOf[entryPos]!]!.eid : `start|${entryNode.id}`, ...steps.map((s) => s.eid)]),
    flags, purdueJumps, alike: alike.map((i) => ({ id: nodes[i]!.id, name: nodes[i]!.name })),
    explain: `${alike.length ? `${alike.length + 1} entries like this (${[entryNode, ...alike.slice(0, 4).map((i) => nodes[i]!)].map((n) => n.name).join(', ')}${alike.length > 4 ? ', …' : ''}); ` : ''}risk = p₀ ${fmt(p0)} [${entryExplain}] × Π p (${steps.map((s) => fmt(s.p)).join(' × ') || '1'}) = ${fmt(p0 * likelihood)} × criticality ${criticality} = ${fmt(risk)}`,
  };
}
