/**
 * Live signals on attack paths (ADR 0014). Stored signals are attached to nodes through the same ids and
 * aliases imports merge on; an attached signal within `maxAgeDays` has a strength
 *
 *   s = w(severity) · confidence · 0.5^(age / halfLife)
 *
 * and makes its node a suspected foothold: an entry with p₀ = s (the signal-aware scoring starts a route
 * there as well as at the policy's entries). A signal whose technique matches a step that leaves or enters
 * its node (the step kind's ATT&CK techniques, sub-techniques matching their parent) raises that step's p to
 * 1 − (1 − p)(1 − s). Both scorings are reported: without signals (the stored score) and with them.
 *
 * Ranking: each signal is worth s × R(node), where R(node) = max over crown jewels t of P(node ⇝ t) · I(t),
 * the risk of the best route onward from its node (one reverse Dijkstra from every target on the
 * signal-aware weights) — a weak alert two steps from a PLC outranks a strong one on an isolated kiosk.
 *
 * Chains: from each node with a signal, the best onward route is walked; signals on it in attack order
 * (times not decreasing along the route), each at most `chainMaxGap` steps after the previous one, all
 * within `chainWindowHours` of each other and of now, form a chain when there are two or more. A chain
 * names its signals, the steps between them, the rest of the route to the crown jewel and the cheapest
 * fix on that rest that removes a step.
 */
import { EDGE_KINDS, type EdgeKind } from '../schema/index.js';
import type { GraphStore, NodeRef } from '../store/port.js';
import { SIGNALS_PER_DOCUMENT, type SignalChunk, type SignalRow } from '../signals/signal.js';
import { ChokepointError } from '../errors.js';
import type { AnalysisModel } from './model.js';
import { groupRisks, sum, targetRisk, type Scoring } from './score.js';
import { multiSourceDijkstra } from './dijkstra.js';
import { MinHeap } from './heap.js';
import { describeRoute, type RouteStep } from './routes.js';
import { routeFlags, type CrossDomainFlag } from './flags.js';
import { fixCandidates } from './fixes.js';
import type { ScoringPolicy } from './policy.js';
import type { ChainSummary } from './score-runs.js';

export interface StoredSignal extends SignalRow { runId: string; source: string }

/** Every stored signal, oldest first; a signal id read twice (a file imported again) counts once. */
export async function storedSignals(store: GraphStore): Promise<StoredSignal[]> {
  const seen = new Set<string>();
  const out: StoredSignal[] = [];
  for (const doc of await store.listDocuments('signals')) {
    const chunk = doc.body as Partial<SignalChunk> | null;
    if (!chunk || !Array.isArray(chunk.signals) || chunk.signals.length > SIGNALS_PER_DOCUMENT) throw new ChokepointError('STORE_CORRUPT', `signals document ${doc.id} has an unknown shape`);
    for (const s of chunk.signals) {
      if (seen.has(s.id)) continue;
      seen.add(s.id);
      out.push({ ...s, runId: chunk.runId!, source: chunk.source! });
    }
  }
  return out.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0));
}

export interface AttachedSignal { signal: StoredSignal; nodes: string[] }
export interface SignalAttachment { attached: AttachedSignal[]; unattached: Array<{ signal: StoredSignal; reason: string }> }

/** Attaches each signal to the nodes its subjects name (ids or aliases, looked up in slices of 20,000 keys). */
export async function attachSignals(signals: readonly StoredSignal[], lookup: (keys: string[]) => Promise<Map<string, NodeRef>>): Promise<SignalAttachment> {
  const keys = [...new Set(signals.flatMap((s) => s.subjects.map((x) => x.key)))];
  const found = new Map<string, NodeRef>();
  for (let i = 0; i < keys.length; i += 20_000) for (const [k, v] of await lookup(keys.slice(i, i + 20_000))) found.set(k, v);
  const out: SignalAttachment = { attached: [], unattached: [] };
  for (const signal of signals) {
    const nodes = [...new Set(signal.subjects.map((x) => found.get(x.key)?.id).filter((id): id is string => id !== undefined))];
    if (nodes.length) out.attached.push({ signal, nodes });
    else out.unattached.push({ signal, reason: `no node is known as ${signal.subjects.map((x) => x.key).join(' or ')}` });
  }
  return out;
}

const HOUR = 3_600_000;

/** A signal's strength at `now` (0 when older than maxAgeDays; a time in the future counts as now). */
export function signalStrength(signal: SignalRow, now: number, policy: ScoringPolicy['signals']): number {
  return strengthAt(Date.parse(signal.time), signal, now, policy);
}

function strengthAt(time: number, signal: SignalRow, now: number, policy: ScoringPolicy['signals']): number {
  const age = Math.max(0, now - time);
  if (age > policy.maxAgeDays * 24 * HOUR) return 0;
  return policy.severity[signal.severity] * signal.confidence * 0.5 ** (age / HOUR / policy.halfLifeHours);
}

const base = (t: string) => t.split('.')[0]!;
function techniqueMatches(signal: readonly string[], step: readonly string[]): boolean {
  return signal.some((a) => step.some((b) => a === b || base(a) === b || a === base(b)));
}

export interface SignalNode { id: string; name: string; kind: string; domain: string }
export interface RankedSignal {
  id: string; time: string; product: string; rule: string; severity: string; confidence: number; techniques: string[];
  evidence: string; summary: string | null; source: string; runId: string;
  node: SignalNode;
  /** Every node the signal attached to. */
  nodes: string[];
  strength: number;
  /** Risk of the best route onward from its node to a crown jewel (0: none). */
  routeRisk: number;
  score: number;
  target: { id: string; name: string } | null;
  hopsLeft: number | null;
  flags: CrossDomainFlag[];
}

export interface SignalChain {
  id: string;
  score: number;
  /** Risk of the route on from the last signal to the crown jewel. */
  risk: number;
  strength: number;
  target: { id: string; name: string };
  from: string; to: string;
  signals: Array<{ id: string; time: string; rule: string; severity: string; product: string; node: SignalNode; strength: number }>;
  /** The steps from the first signal's node to the last one's. */
  between: RouteStep[];
  /** The steps an attacker would take next: from the last signal's node to the crown jewel. */
  next: RouteStep[];
  flags: CrossDomainFlag[];
  fix: { fixId: string; action: string; cost: number } | null;
  explain: string;
}

export interface SignalAnalysis {
  now: string;
  signals: number;
  attached: number;
  unattached: number;
  /** Attached signals younger than maxAgeDays (the ones that count). */
  current: number;
  scoreWithout: number;
  scoreWith: number;
  uplift: number;
  ranked: RankedSignal[];
  unattachedSignals: Array<{ id: string; time: string; rule: string; product: string; subjects: string[]; reason: string }>;
  /** The strongest chains (SignalOptions.chains); `chainCount` says how many were found. */
  chains: SignalChain[];
  chainCount: number;
}

export interface SignalOptions {
  now?: Date;
  /** At most this many ranked and unattached signals (default 100). */
  limit?: number;
  /** At most this many chains, the strongest (default 50). */
  chains?: number;
}

/** Everything `chokepoint signals` and GET /api/signals answer, from a scored model and the attached signals. */
export function analyseSignals(model: AnalysisModel, scoring: Scoring, attachment: SignalAttachment, options: SignalOptions = {}): SignalAnalysis {
  const policy = model.policy.signals;
  const now = (options.now ?? new Date()).getTime();
  const limit = options.limit ?? 100;
  const { graph, nodes } = model;
  // Current signals with their strength and node indexes.
  const current: Array<{ a: AttachedSignal; s: number; at: number[]; t: number }> = [];
  for (const a of attachment.attached) {
    const t = Date.parse(a.signal.time);
    const s = strengthAt(t, a.signal, now, policy);
    if (s <= 0) continue;
    const at = a.nodes.map((id) => model.indexOf.get(id)).filter((i): i is number => i !== undefined && i !== model.root);
    if (at.length) current.push({ a, s, at, t });
  }
  // Signal-aware weights: technique-matched steps at a signal's node get p' = 1 − (1 − p)(1 − s), with the
  // strongest signal per node and technique (signals are grouped per node first: a node has many).
  const weights = Float64Array.from(graph.weights);
  const footholds = new Map<number, number>(); // node → strongest signal
  const byTechnique = new Map<number, Map<string, number>>(); // node → technique → strongest signal
  for (const { a, s, at } of current) {
    for (const u of at) {
      if (s > (footholds.get(u) ?? 0)) footholds.set(u, s);
      if (a.signal.techniques.length === 0) continue;
      let m = byTechnique.get(u);
      if (!m) byTechnique.set(u, (m = new Map()));
      for (const t of a.signal.techniques) if (s > (m.get(t) ?? 0)) m.set(t, s);
    }
  }
  const kindTechniques = new Map<string, readonly string[]>();
  const techniquesOf = (pos: number) => {
    const kind = model.steps[graph.edgeOf[pos]!]!.kind;
    let list = kindTechniques.get(kind);
    if (!list) kindTechniques.set(kind, (list = EDGE_KINDS[kind as EdgeKind]?.techniques ?? []));
    return list;
  };
  for (const [u, m] of byTechnique) {
    const touch = (pos: number) => {
      const step = techniquesOf(pos);
      if (step.length === 0) return;
      let s = 0;
      for (const [t, strength] of m) if (strength > s && techniqueMatches([t], step)) s = strength;
      if (s > 0) weights[pos] = Math.min(weights[pos]!, -Math.log(1 - (1 - Math.exp(-graph.weights[pos]!)) * (1 - s)));
    };
    for (let k = graph.offsets[u]!; k < graph.offsets[u + 1]!; k++) touch(k);
    for (let r = graph.rOffsets[u]!; r < graph.rOffsets[u + 1]!; r++) touch(graph.rPositions[r]!);
  }
  // The scoring with signals: footholds are entries with p₀ = s.
  const paths = multiSourceDijkstra(graph, [{ node: model.root, cost: 0 }, ...[...footholds].map(([node, s]) => ({ node, cost: -Math.log(s) }))], weights);
  const risk = new Float64Array(nodes.length);
  for (const t of model.targets) risk[t] = targetRisk(model, paths.dist[t]!, t);
  const scoreWith = sum(groupRisks(model, risk));
  // Onward: the best route from every node to any crown jewel, R = P · I (keys −ln(I/10) keep them ≥ 0).
  const onward = onwardRoutes(model, weights);
  const routeRisk = (u: number) => (onward.dist[u] === Infinity ? 0 : 10 * Math.exp(-onward.dist[u]!));
  const onwardPositions = (u: number): number[] => {
    const out: number[] = [];
    for (let k = onward.next[u]!; k !== -1; k = onward.next[graph.targets[k]!]!) { out.push(k); if (out.length > graph.n) break; }
    return out;
  };
  const describeNode = (u: number): SignalNode => ({ id: nodes[u]!.id, name: nodes[u]!.name, kind: nodes[u]!.kind, domain: nodes[u]!.domain });

  // Ranking: the best of a signal's nodes; only the top `limit` are kept (a bounded insertion, not a full sort).
  const better = (x: { score: number; s: number; id: string }, y: { score: number; s: number; id: string }) => x.score > y.score || (x.score === y.score && (x.s > y.s || (x.s === y.s && x.id < y.id)));
  const scored: Array<{ a: AttachedSignal; s: number; u: number; r: number; score: number; id: string }> = [];
  for (const { a, s, at } of limit > 0 ? current : []) {
    let best = at[0]!;
    for (const u of at) if (routeRisk(u) > routeRisk(best)) best = u;
    const r = routeRisk(best);
    const item = { a, s, u: best, r, score: s * r, id: a.signal.id };
    if (scored.length === limit && !better(item, scored[limit - 1]!)) continue;
    let i = scored.length === limit ? limit - 1 : scored.length;
    while (i > 0 && better(item, scored[i - 1]!)) i--;
    scored.splice(i, 0, item);
    if (scored.length > limit) scored.pop();
  }
  const flagsCache = new Map<number, { flags: CrossDomainFlag[]; hops: number | null; target: { id: string; name: string } | null }>();
  const onwardFacts = (u: number) => {
    let f = flagsCache.get(u);
    if (!f) {
      const pos = onwardPositions(u);
      const visited = [nodes[u]!, ...pos.map((k) => nodes[graph.targets[k]!]!)];
      const t = onward.target[u]!;
      f = { flags: pos.length ? routeFlags(visited).flags : [], hops: onward.dist[u] === Infinity ? null : pos.length, target: t >= 0 ? { id: nodes[t]!.id, name: nodes[t]!.name } : null };
      flagsCache.set(u, f);
    }
    return f;
  };
  const ranked: RankedSignal[] = scored.map(({ a, s, u, r, score }) => {
    const f = onwardFacts(u);
    const x = a.signal;
    return {
      id: x.id, time: x.time, product: x.product, rule: x.rule, severity: x.severity, confidence: x.confidence, techniques: x.techniques,
      evidence: x.evidence, summary: x.summary ?? null, source: x.source, runId: x.runId, node: describeNode(u), nodes: a.nodes,
      strength: s, routeRisk: r, score, target: f.target, hopsLeft: f.hops, flags: f.flags,
    };
  });

  const { chains, count: chainCount } = findChains(model, weights, onward, onwardPositions, routeRisk, current, now, describeNode, options.chains ?? 50);
  return {
    now: new Date(now).toISOString(), signals: attachment.attached.length + attachment.unattached.length, attached: attachment.attached.length,
    unattached: attachment.unattached.length, current: current.length,
    scoreWithout: scoring.total, scoreWith, uplift: scoreWith - scoring.total, ranked,
    unattachedSignals: attachment.unattached.slice(0, limit).map(({ signal, reason }) => ({ id: signal.id, time: signal.time, rule: signal.rule, product: signal.product, subjects: signal.subjects.map((x) => x.key), reason })),
    chains, chainCount,
  };
}

interface Onward { dist: Float64Array; next: Int32Array; target: Int32Array }

/** Reverse Dijkstra from every target at once: the best route onward from each node (next step position and the target it reaches). */
function onwardRoutes(model: AnalysisModel, weights: Float64Array): Onward {
  const { graph } = model;
  const dist = new Float64Array(graph.n).fill(Infinity);
  const next = new Int32Array(graph.n).fill(-1);
  const target = new Int32Array(graph.n).fill(-1);
  const heap = new MinHeap(model.targets.length * 2);
  for (const t of model.targets) {
    const impact = model.impact[t]!;
    if (!(impact > 0)) continue;
    const key = -Math.log(Math.min(impact, 10) / 10);
    if (key < dist[t]!) { dist[t] = key; target[t] = t; heap.push(t, key); }
  }
  while (heap.size > 0) {
    const key = heap.peekKey();
    const v = heap.pop();
    if (key > dist[v]!) continue;
    for (let r = graph.rOffsets[v]!; r < graph.rOffsets[v + 1]!; r++) {
      const k = graph.rPositions[r]!, u = graph.sources[k]!;
      if (u === model.root) continue;
      const d = key + weights[k]!;
      if (d < dist[u]!) { dist[u] = d; next[u] = k; target[u] = target[v]!; heap.push(u, d); }
    }
  }
  return { dist, next, target };
}

type Timed = { a: AttachedSignal; s: number; t: number };
/** The earliest signal of a time-sorted list at or after `from` and by `until`, not already picked (binary search). */
function firstFrom(list: readonly Timed[] | undefined, from: number, until: number, picked: ReadonlyArray<{ sig: Timed }>): Timed | undefined {
  if (!list) return undefined;
  let lo = 0, hi = list.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (list[mid]!.t < from) lo = mid + 1; else hi = mid; }
  for (let i = lo; i < list.length && list[i]!.t <= until; i++) {
    const x = list[i]!;
    if (!picked.some((p) => p.sig.a === x.a)) return x; // one signal on two nodes of the route counts once
  }
  return undefined;
}

/** Tolerance for clocks of different sensors when checking attack order. */
const SKEW_MS = 5 * 60_000;

function findChains(
  model: AnalysisModel, weights: Float64Array, onward: Onward, onwardPositions: (u: number) => number[], routeRisk: (u: number) => number,
  current: ReadonlyArray<{ a: AttachedSignal; s: number; at: number[]; t: number }>, now: number, describeNode: (u: number) => SignalNode, limit: number,
): { chains: SignalChain[]; count: number } {
  const policy = model.policy.signals;
  const window = policy.chainWindowHours * HOUR;
  const { graph, nodes } = model;
  const byNode = new Map<number, Array<{ a: AttachedSignal; s: number; t: number }>>();
  for (const { a, s, at, t } of current) {
    if (now - t > window) continue;
    for (const u of at) { const list = byNode.get(u) ?? []; list.push({ a, s, t }); byNode.set(u, list); }
  }
  for (const list of byNode.values()) list.sort((x, y) => x.t - y.t || (x.a.signal.id < y.a.signal.id ? -1 : 1));
  const removing = new Map<number, { fixId: string; action: string; cost: number }>();
  for (const fix of fixCandidates(model).values()) {
    if (fix.factor !== null) continue;
    for (const p of fix.positions) { const known = removing.get(p); if (!known || fix.cost < known.cost || (fix.cost === known.cost && fix.id < known.fixId)) removing.set(p, { fixId: fix.id, action: fix.action, cost: fix.cost }); }
  }
  // Candidates first (cheap), described only for the best `limit` after dropping sub-chains.
  interface Candidate { start: number; positions: number[]; route: number[]; picked: Array<{ i: number; sig: { a: AttachedSignal; s: number; t: number } }>; score: number; strength: number; risk: number; key: string }
  const candidates: Candidate[] = [];
  for (const [start, list] of byNode) {
    if (onward.dist[start] === Infinity) continue;
    const positions = onwardPositions(start);
    const route = [start, ...positions.map((k) => graph.targets[k]!)];
    for (const first of list) {
      const picked: Candidate['picked'] = [{ i: 0, sig: first }];
      for (let i = 1; i < route.length; i++) {
        const last = picked[picked.length - 1]!;
        if (i - last.i > policy.chainMaxGap) break;
        const here = firstFrom(byNode.get(route[i]!), last.sig.t - SKEW_MS, first.t + window, picked);
        if (here) picked.push({ i, sig: here });
      }
      if (picked.length < 2) continue;
      const strength = 1 - picked.reduce((acc, p) => acc * (1 - p.sig.s), 1);
      const r = routeRisk(route[picked[picked.length - 1]!.i]!);
      candidates.push({ start, positions, route, picked, strength, risk: r, score: strength * r, key: picked.map((p) => p.sig.a.signal.id).join('+') });
    }
  }
  // Keep the longest: a chain whose signals all belong to a kept chain is part of it (kept chains indexed by signal).
  candidates.sort((a, b) => b.picked.length - a.picked.length || b.score - a.score || (a.key < b.key ? -1 : 1));
  const kept: Candidate[] = [];
  const bySignal = new Map<string, Candidate[]>();
  for (const c of candidates) {
    const ids = c.picked.map((p) => p.sig.a.signal.id);
    if ((bySignal.get(ids[0]!) ?? []).some((k) => ids.every((id) => k.picked.some((p) => p.sig.a.signal.id === id)))) continue;
    kept.push(c);
    for (const id of ids) { const l = bySignal.get(id) ?? []; l.push(c); bySignal.set(id, l); }
  }
  kept.sort((a, b) => b.score - a.score || (a.key < b.key ? -1 : 1));
  const chains = kept.slice(0, limit).map((c): SignalChain => {
    const lastAt = c.picked[c.picked.length - 1]!.i;
    const targetIndex = onward.target[c.start]!;
    const between = lastAt > 0 ? describeRoute(model, c.positions.slice(0, lastAt), weights).steps : [];
    const rest = c.positions.slice(lastAt);
    const next = rest.length ? describeRoute(model, rest, weights).steps : [];
    const fix = rest.map((k) => removing.get(k)).filter((f) => f !== undefined).sort((x, y) => x.cost - y.cost || (x.fixId < y.fixId ? -1 : 1))[0] ?? null;
    const signals = c.picked.map((p) => ({ id: p.sig.a.signal.id, time: p.sig.a.signal.time, rule: p.sig.a.signal.rule, severity: p.sig.a.signal.severity, product: p.sig.a.signal.product, node: describeNode(c.route[p.i]!), strength: p.sig.s }));
    return {
      id: c.key, score: c.score, risk: c.risk, strength: c.strength,
      target: { id: nodes[targetIndex]!.id, name: nodes[targetIndex]!.name },
      from: signals[0]!.time, to: signals[signals.length - 1]!.time, signals, between, next,
      flags: routeFlags(c.route.map((u) => nodes[u]!)).flags, fix,
      explain: `${signals.map((x) => `${x.rule} on ${x.node.name} (${x.time})`).join(' → ')}; next: ${next.length ? next.map((st) => `${st.kind} → ${st.toName}`).join(', ') : 'the crown jewel is reached'}; strength ${fmt(c.strength)} × onward risk ${fmt(c.risk)} = ${fmt(c.score)}${fix ? `; cut it with: ${fix.action}` : ''}`,
    };
  });
  return { chains, count: kept.length };
}

const fmt = (x: number) => (x === 0 ? '0' : x >= 0.001 ? String(Math.round(x * 1000) / 1000) : x.toExponential(2));

/** Stored signals attached to the store's nodes (CLI and server read them the same way). */
export async function attachStoredSignals(store: GraphStore): Promise<SignalAttachment> {
  return attachSignals(await storedSignals(store), (keys) => store.lookup(keys));
}

/** The chains of an analysis as a score run keeps them (ids, scores, targets), for diffs and events. */
export function chainSummaries(analysis: SignalAnalysis): ChainSummary[] {
  return analysis.chains.map((c) => ({ id: c.id, score: c.score, target: c.target.id, targetName: c.target.name, signals: c.signals.map((s) => s.id), explain: c.explain }));
}
