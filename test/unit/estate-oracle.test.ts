/**
 * The engine against an independent oracle (test/helpers/estate-oracle.ts) on 400 random converged
 * estates that use the derivation rules, parallel routes, disabled accounts, Tier Zero and plant target
 * groups: per-target risk and grouped totals; top-k under step caps and entry restrictions, plain and
 * with interchangeable entries grouped; what-if; and the plan against the exhaustive optimum over fix
 * sets within a budget (its ratio is reported and asserted). The oracle brute-forces simple routes and
 * applies fixes to its own steps — it never calls the engine's scoring, top-k, plan or what-if.
 */
import { describe, expect, it } from 'vitest';
import { buildModel, fixCandidates, remediationPlan, scoreModel, topKPaths, whatIf, type AnalysisModel } from '@chokepoint/queries';
import { lcg } from '../helpers/model.js';
import { EstateOracle, randomEstate } from '../helpers/estate-oracle.js';

const ROUNDS = 400;
const round9 = (x: number) => Math.round(x * 1e9) + 0; // + 0: no −0

/** The oracle's step index for each CSR position of the engine's model (by the documented step ids). */
function stepMap(model: AnalysisModel, oracle: EstateOracle): Int32Array {
  const out = new Int32Array(model.graph.targets.length).fill(-1);
  for (let pos = 0; pos < out.length; pos++) out[pos] = oracle.indexOf(model.steps[model.graph.edgeOf[pos]!]!.eid);
  return out;
}

describe('engine vs an independent oracle on random estates', () => {
  it('scores, top-k (caps, entry restrictions, grouped entries), what-if and the plan agree; the plan is near the optimum', () => {
    const rand = lcg(1313);
    const ratios: number[] = [];
    let routesChecked = 0, groupedChecked = 0, parallel = 0, skippedOptimum = 0, stalls = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const estate = randomEstate(rand);
      const oracle = new EstateOracle(estate);
      const model = buildModel(estate.nodes, estate.edges);
      const scoring = scoreModel(model);
      const map = stepMap(model, oracle);
      // Same steps: every engine step is an oracle step with the same probability, and none is missing.
      const engineSteps = [...map].filter((i) => i >= 0);
      expect([...map].every((i) => i >= 0), `round ${round}: engine steps ${model.steps.filter((_, s) => map[model.positionOf[s]!]! < 0).map((s) => s.eid).join(', ')} unknown to the oracle`).toBe(true);
      expect(new Set(engineSteps).size).toBe(oracle.steps.length);
      for (let pos = 0; pos < map.length; pos++) expect(Math.exp(-model.graph.weights[pos]!)).toBeCloseTo(oracle.steps[map[pos]!]!.p, 12);

      // Risk per target and the grouped total.
      const all = new Map([...oracle.targets.keys()].map((t) => [t, oracle.routes(t)]));
      const { total, risk } = oracle.total(all);
      expect(scoring.total, `round ${round}`).toBeCloseTo(total, 9);
      for (const [t, r] of risk) expect(scoring.risk[model.indexOf.get(t)!]).toBeCloseTo(r, 9);
      expect(model.targets.map((t) => model.nodes[t]!.id).sort()).toEqual([...oracle.targets.keys()].sort());

      // Top-k with a step cap and (half the time) an entry restriction, to any reachable node.
      // Any node the attacker can reach (not only crown jewels) may be asked for.
      const nodes = estate.nodes.map((n) => n.id).filter((id) => scoring.paths.dist[model.indexOf.get(id)!]! < Infinity);
      for (let q = 0; q < 4 && nodes.length > 0; q++) {
        const target = nodes[Math.floor(rand() * nodes.length)]!;
        const cap = 1 + Math.floor(rand() * 4), k = 1 + Math.floor(rand() * 4);
        const entryIds = [...oracle.entries].filter(() => rand() < 0.5);
        const restrict = rand() < 0.5 && entryIds.length > 0 ? new Set(entryIds) : undefined;
        const expected = oracle.routes(target, cap, restrict).map((r) => oracle.cost(r)).sort((a, b) => a - b);
        const got = topKPaths(model, model.indexOf.get(target)!, k, { maxSteps: cap, ...(restrict ? { entries: new Set([...restrict].map((id) => model.indexOf.get(id)!)) } : {}) });
        expect(got.map((p) => round9(p.cost)), `round ${round} top-${k} to ${target} cap ${cap}`).toEqual(expected.slice(0, k).map(round9));
        for (const p of got) {
          const steps = p.positions.map((pos) => map[pos]!);
          expect(steps.length - 1).toBeLessThanOrEqual(cap);
          const visited = steps.map((i) => oracle.steps[i]!.to);
          expect(new Set(visited).size).toBe(visited.length); // simple
          steps.slice(1).forEach((i, j) => expect(oracle.steps[i]!.from).toBe(visited[j])); // connected
          if (restrict) expect(restrict.has(visited[0]!)).toBe(true);
          expect(round9(oracle.cost(steps))).toBe(round9(p.cost));
        }
        routesChecked += got.length;

        // Grouped: routes that differ only by an interchangeable entry count once.
        const groups = new Map<string, number>();
        for (const r of oracle.routes(target, cap)) {
          const key = r.length < 2 ? `solo:${r.join(',')}` : `${oracle.steps[r[1]!]!.kind}>${oracle.steps[r[1]!]!.to}|${r.slice(2).join(',')}`;
          groups.set(key, Math.min(groups.get(key) ?? Infinity, oracle.cost(r)));
        }
        const grouped = topKPaths(model, model.indexOf.get(target)!, k, { maxSteps: cap, groupEntries: true });
        expect(grouped.map((p) => round9(p.cost)), `round ${round} grouped`).toEqual([...groups.values()].sort((a, b) => a - b).slice(0, k).map(round9));
        for (const p of grouped) {
          if (p.positions.length < 2) continue;
          const first = oracle.steps[map[p.positions[1]!]!]!;
          const onRoute = new Set(p.positions.map((pos) => oracle.steps[map[pos]!]!.to));
          const alike = new Set(oracle.steps.filter((s) => s.kind === first.kind && s.to === first.to && oracle.entries.has(s.from) && !onRoute.has(s.from)).map((s) => s.from));
          expect(p.alike.map((i) => model.nodes[i]!.id).sort()).toEqual([...alike].sort());
          groupedChecked++;
        }
      }

      // What-if and the plan: fixes act on the oracle's own steps.
      const candidates = [...fixCandidates(model).values()];
      const stepsOf = (ids: readonly string[]) => {
        const removed = new Set<number>(), factor = new Map<number, number>();
        for (const id of ids) {
          const fix = candidates.find((c) => c.id === id)!;
          for (const pos of fix.positions) {
            if (fix.factor === null) removed.add(map[pos]!);
            else factor.set(map[pos]!, Math.min(factor.get(map[pos]!) ?? 1, fix.factor));
          }
        }
        return (i: number) => (removed.has(i) ? Infinity : -Math.log(factor.get(i) ?? 1));
      };
      const some = candidates.filter(() => rand() < 0.3).map((c) => c.id);
      expect(whatIf(model, { fixes: some }).after, `round ${round} what-if`).toBeCloseTo(oracle.total(all, stepsOf(some)).total, 9);

      const budget = 2 + Math.floor(rand() * 6);
      const plan = remediationPlan(model, { budget, steps: 50 });
      const chosen = plan.rows.map((r) => r.fixId);
      expect(plan.rows.reduce((s, r) => s + r.cost, 0)).toBeLessThanOrEqual(budget + 1e-9);
      const planAfter = oracle.total(all, stepsOf(chosen)).total;
      expect(plan.totalAfter, `round ${round} plan total`).toBeCloseTo(planAfter, 9);
      // The exhaustive optimum over the fixes that touch some route's step.
      const used = new Set([...all.values()].flat(2));
      const relevant = candidates.filter((c) => c.positions.some((pos) => used.has(map[pos]!)) && c.cost <= budget);
      if (relevant.length > 14) { skippedOptimum++; continue; }
      let best = 0;
      const search = (from: number, picked: string[], spent: number) => {
        if (picked.length) best = Math.max(best, total - oracle.total(all, stepsOf(picked)).total);
        for (let i = from; i < relevant.length; i++) if (spent + relevant[i]!.cost <= budget + 1e-9) search(i + 1, [...picked, relevant[i]!.id], spent + relevant[i]!.cost);
      };
      search(0, [], 0);
      const removed = total - planAfter;
      expect(removed).toBeLessThanOrEqual(best + 1e-9);
      if (best > 1e-9) {
        ratios.push(removed / best);
        if (removed < 1e-9) stalls++;
      }
      if (estate.edges.filter((e) => e.kind === 'VendorAccess').length > 1) parallel++;
    }
    const mean = ratios.reduce((a, b) => a + b, 0) / ratios.length;
    const worst = Math.min(...ratios);
    const optimal = ratios.filter((r) => r > 1 - 1e-9).length / ratios.length;
    console.log(`plan / optimum over ${ratios.length} estates (${parallel} with parallel vendor grants; ${skippedOptimum} too many fixes to brute-force): mean ${mean.toFixed(3)}, worst ${worst.toFixed(3)}, optimal in ${(optimal * 100).toFixed(1)} %, stalls ${stalls}; ${routesChecked} routes and ${groupedChecked} grouped routes checked`);
    expect(ratios.length).toBeGreaterThanOrEqual(300);
    expect(parallel).toBeGreaterThan(100);
    expect(routesChecked).toBeGreaterThan(1000);
    expect(groupedChecked).toBeGreaterThan(300);
    expect(stalls).toBe(0); // the plan never removes nothing where something can be removed
    expect(mean).toBeGreaterThan(0.99);
    expect(optimal).toBeGreaterThan(0.97);
    expect(worst).toBeGreaterThan(0.7);
  });
});
