/**
 * Coverage as data: per source what was collected and when, and the gaps, on real files (SharpHound v6,
 * an Nmap subnet scan, an ICSNPP capture) and on the demo estate. Expected counts are read from the files
 * or the store directly, not from the report's own code.
 */
import { describe, expect, it } from 'vitest';
import { noRouteReason, routeGaps, storeCoverage, type StoredNode } from '@chokepoint/queries';
import { generateDemoEstate, loadBatch } from '@chokepoint/importers';
import { embedded, freshStorePerTest } from '../helpers/stores.js';
import { importFixture } from '../helpers/fixtures.js';

const V6 = 'real/sharphound/v6-ingest';

describe('coverage (embedded store)', () => {
  const { store } = freshStorePerTest(embedded);

  it('real files: each source with its latest run and scopes; no vulnerability scan, no OT capture and sessions are named as unknown', async () => {
    await importFixture(store(), 'sharphound', ['users', 'groups', 'computers', 'domains', 'ous', 'gpos', 'containers', 'sessions'].map((t) => `${V6}/${t}.json`));
    await importFixture(store(), 'nmap', 'real/nmap/libnmap-os_scan5.xml', { from: 'office' });
    const report = await storeCoverage(store());
    expect(report.sources.map((s) => s.source)).toEqual(['nmap', 'sharphound']);
    const nmap = report.sources.find((s) => s.source === 'nmap')!;
    expect(nmap.scopes).toEqual(expect.arrayContaining([expect.stringMatching(/^reach from zone:office to 1000 port\(s\) of 192\.168\.1\.\*, 4 host\(s\) up$/)]));
    const sharphound = report.sources.find((s) => s.source === 'sharphound')!;
    expect(sharphound.observations).toEqual({ retentionDays: 7, edgeKinds: ['HasSession'] });
    expect(sharphound.scopes).toEqual(expect.arrayContaining(['users (17 listed)', expect.stringMatching(/^AdminTo \(local groups\) of \d+ computers$/)]));
    // Machines: every non-reference Host / OT machine the store holds; none was scanned by Nessus.
    const machines: StoredNode[] = [];
    for await (const page of store().streamNodes()) machines.push(...page.filter((n) => ['Host', 'Controller', 'Hmi', 'EngineeringWorkstation', 'Device'].includes(n.kind) && !n.ref));
    const vuln = report.gaps.find((g) => g.kind === 'vulnerability-scan')!;
    expect(vuln.count).toBe(machines.length);
    expect(vuln.message).toMatch(new RegExp(`^no vulnerability scan \\(Nessus\\) of ${machines.length} of ${machines.length} machines`));
    expect(report.gaps.find((g) => g.kind === 'identity')?.message).toMatch(/no session observed on \d+ of \d+ AD computers/);
    // A scanned host no entry reaches: "no data to decide", naming what is missing, not a plain "no path".
    expect(noRouteReason('host:192.168.1.1', '192.168.1.1', report.byNode)).toBe('no data to decide: no vulnerability scan for 192.168.1.1 — a route may exist through facts no source collected');
    expect(noRouteReason('x', 'x', new Map())).toBe('no path found: no entry reaches x through the collected facts');
    expect(routeGaps(['ad:S-1', 'host:192.168.1.1'], ['user', 'h1'], report.byNode)).toEqual([{ node: 'host:192.168.1.1', name: 'h1', missing: ['no vulnerability scan'] }]);
  });

  it('the demo estate: its sources and the gaps it has (no Nessus, OT traffic not captured)', async () => {
    for (const b of generateDemoEstate({ size: 200, seed: 3 }).batches) await loadBatch(store(), b);
    const report = await storeCoverage(store());
    expect(report.sources.length).toBeGreaterThan(3);
    expect(report.sources.every((s) => s.scopes === null)).toBe(true); // demo batches are whole-source
    expect(report.gaps.map((g) => g.kind)).toEqual(expect.arrayContaining(['vulnerability-scan', 'ot-traffic']));
  });
});
