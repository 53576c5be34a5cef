/** Choke points and what-if on a hand-built graph with exact answers. */
import { describe, expect, it } from 'vitest';
import { buildModel, chokePoints, scoreModel, whatIf } from '@chokepoint/queries';
import { edge, node } from '../helpers/model.js';

// Two phishable users reach two crown jewels through one helpdesk group; a weaker bypass exists to t1.
const model = buildModel([
  node('a', 'User', { exposure: 'phishable', props: { p0: 0.5 } }), node('b', 'User', { exposure: 'phishable', props: { p0: 0.4 } }),
  node('g', 'Group'), node('t1', 'User', { criticality: 10 }), node('t2', 'User', { criticality: 8 }),
], [
  edge('MemberOf', 'a', 'g'), edge('MemberOf', 'b', 'g'),
  edge('GenericAll', 'g', 't1', { p: 0.8 }), edge('GenericAll', 'g', 't2', { p: 0.5 }),
  edge('ForceChangePassword', 'b', 't1', { p: 0.1 }),
]);
const scoring = scoreModel(model);

describe('choke points', () => {
  it('rank by the risk that really disappears when re-scored (the bypass keeps some), not by the risk crossing', () => {
    expect(scoring.total).toBeCloseTo(0.5 * 0.8 * 10 + 0.5 * 0.5 * 8, 12);
    const { nodes, edges } = chokePoints(model, scoring);
    expect(nodes.map((c) => c.id)).toEqual(['g']); // entries and targets are not choke points
    expect(nodes[0]!.crossingRisk).toBeCloseTo(6, 12);
    expect(nodes[0]!.routes).toBe(2);
    expect(nodes[0]!.riskRemoved).toBeCloseTo(6 - 0.4 * 0.1 * 10, 12);
    expect(nodes[0]!.explain).toMatch(/other routes take over the rest/);
    // a's membership carries the most risk (6) but b takes over through g, so removing it removes only 1.2.
    expect(edges.map((c) => c.id)).toEqual(['GenericAll|g|t1', 'GenericAll|g|t2', 'MemberOf|a|g']);
    expect(edges.map((c) => c.riskRemoved)).toEqual([expect.closeTo(4 - 0.4 * 0.1 * 10, 12), expect.closeTo(2, 12), expect.closeTo(6 - (0.4 * 0.8 * 10 + 0.4 * 0.5 * 8), 12)]);
    expect(edges[2]!.crossingRisk).toBeCloseTo(6, 12);
  });
});

describe('what-if', () => {
  it('re-scores with fixes and removals on a copy: the model is unchanged; unknown ids are named', () => {
    const weights = model.graph.weights.slice();
    const r = whatIf(model, { fixes: ['edge:MemberOf|a|g'], removeEdges: ['MemberOf|b|g'] });
    expect(r.after).toBeCloseTo(0.4 * 0.1 * 10, 12);
    expect(r.targets.map((t) => t.id)).toEqual(['t1', 't2']);
    expect(whatIf(model, { removeNodes: ['g'] }).after).toBeCloseTo(0.04 * 10, 12);
    expect(model.graph.weights).toEqual(weights);
    expect(scoreModel(model).total).toBeCloseTo(scoring.total, 12);
    expect(() => whatIf(model, { fixes: ['edge:nope'] })).toThrow(/unknown fix id: edge:nope/);
    expect(() => whatIf(model, { removeNodes: ['zz'] })).toThrow(/unknown node id\(s\): zz/);
    expect(() => whatIf(model, { removeEdges: ['x|y|z'] })).toThrow(/unknown attack step id\(s\): x\|y\|z/);
  });
});
