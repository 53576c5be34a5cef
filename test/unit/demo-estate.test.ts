/** The demo estate: deterministic, valid at any size, and carrying the planted routes it documents. */
import { describe, expect, it } from 'vitest';
import { batchIssues, EDGE_KINDS } from '@chokepoint/queries';
import { generateDemoEstate } from '@chokepoint/importers';

describe('demo estate generator', () => {
  it('is deterministic by seed', () => {
    expect(JSON.stringify(generateDemoEstate({ size: 500, seed: 4 }))).toBe(JSON.stringify(generateDemoEstate({ size: 500, seed: 4 })));
    expect(JSON.stringify(generateDemoEstate({ size: 500, seed: 4 }))).not.toBe(JSON.stringify(generateDemoEstate({ size: 500, seed: 5 })));
  });

  it.each([150, 2_000, 60_000])('emits valid batches at size %i, scaling with it', (size) => {
    const estate = generateDemoEstate({ size });
    for (const batch of estate.batches) expect(batchIssues(batch).slice(0, 3)).toEqual([]);
    const ids = new Set(estate.batches.flatMap((b) => b.nodes.map((n) => n.id)));
    expect(ids.size).toBeGreaterThan(size * 0.9);
  });

  it('covers every domain the design names', () => {
    const estate = generateDemoEstate({ size: 300 });
    const kinds = new Set(estate.batches.flatMap((b) => b.nodes.map((n) => n.kind)));
    for (const k of ['Domain', 'User', 'Group', 'Host', 'Controller', 'Hmi', 'EngineeringWorkstation', 'Device', 'CloudResource', 'Role', 'Vendor', 'RemoteAccess', 'AiAgent', 'DataStore', 'Zone', 'Internet', 'Vulnerability', 'Service']) {
      expect(kinds).toContain(k);
    }
  });

  it('plants each documented route as real edges (derived steps as the facts they derive from)', () => {
    const estate = generateDemoEstate({ size: 300 });
    const edges = new Set(estate.batches.flatMap((b) => b.edges.map((e) => `${e.kind}|${e.from}|${e.to}`)));
    expect(estate.planted.map((r) => r.name)).toEqual([
      'vendor-vpn-to-cooling-plc', 'phishing-to-domain-admin', 'internet-to-customer-bucket', 'prompt-injection-to-finance-db', 'hvac-vendor-to-crac',
    ]);
    for (const route of estate.planted) {
      expect(route.steps[0]!.from).toBe(route.entry);
      expect(route.steps.at(-1)!.to).toBe(route.target);
      route.steps.forEach((step, i) => {
        if (i > 0) expect(step.from).toBe(route.steps[i - 1]!.to);
        if (step.derived) expect('derived' in EDGE_KINDS[step.kind]).toBe(true);
        else expect(edges).toContain(`${step.kind}|${step.from}|${step.to}`);
      });
    }
  });
});
