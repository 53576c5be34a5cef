/**
 * KEV and EPSS enrich the Vulnerability nodes scanners imported — on both stores — without creating
 * nodes for CVEs nobody saw, without claiming ownership, and with bad files refused by path or line.
 */
import { describe, expect, it } from 'vitest';
import { loadBatch } from '@chokepoint/importers';
import { STORE_FACTORIES, freshStorePerTest, type StoreFactory } from '../helpers/stores.js';
import { importFixture, parseFixture } from '../helpers/fixtures.js';
import { graphTuples } from '../helpers/graph-state.js';


describe('KEV and EPSS files', () => {
  it('the KEV slice reads as 50 enrichment records, 5 of them known ransomware', async () => {
    const b = await parseFixture('kev', 'intel/kev_first50_2025.08.25.json');
    expect(b.enrich).toBe(true);
    expect(b.nodes).toHaveLength(50);
    expect(new Set(b.nodes.map((n) => n.id)).size).toBe(50);
    expect(b.nodes.filter((n) => n.props?.kevRansomware === true)).toHaveLength(5);
    expect(b.nodes[0]).toMatchObject({ id: 'cve:CVE-2025-48384', props: { kev: true, kevDateAdded: '2025-08-25', kevCatalogVersion: '2025.08.25' } });
  });

  it.each([
    ['kev', 'intel/kev-bad-enum.json', /kev-bad-enum\.json \(\$\.vulnerabilities\[0\]\.knownRansomwareCampaignUse\): "Maybe" is not a known value; expected Known or Unknown/],
    ['kev', 'intel/kev-wrong-shape.json', /kev-wrong-shape\.json \(\$\.vulnerabilities\): missing or not an array/],
    ['epss', 'intel/epss-bad-value.csv', /epss-bad-value\.csv:2:2 \(epss\): "1\.5" is not valid; expected a probability from 0 to 1/],
    ['epss', 'intel/epss-bad-header.csv', /epss-bad-header\.csv:1: the header is "cve_id,score"; expected the header cve,epss,percentile/],
  ])('%s refuses %s', async (format, file, message) => {
    await expect(parseFixture(format, file)).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(message) });
  });
});

describe.each(STORE_FACTORIES)('enrichment on $name', (factory: StoreFactory) => {
  const { why, store } = freshStorePerTest(factory);

  it.skipIf(why)('no KEV match is an empty join, not an error, and changes nothing', async () => {
    await importFixture(store(), 'nessus', 'real/nessus/ruby-nessus-example_v3.nessus');
    const before = await graphTuples(store());
    const report = await importFixture(store(), 'kev', 'intel/kev_first50_2025.08.25.json');
    expect(report.nodes).toEqual({ read: 50, written: 0 });
    expect(report.warnings).toEqual(['50 of 50 records matched no stored node (nothing to enrich)']);
    expect(await graphTuples(store())).toEqual(before);
  });

  it.skipIf(why)('KEV and EPSS add their facts to the scanned CVE only, claim nothing, and leave with it', async () => {
    await importFixture(store(), 'nessus', 'real/nessus/ruby-nessus-example_v3.nessus');
    const kev = await importFixture(store(), 'kev', 'intel/kev-unrealircd.json');
    expect(kev.nodes).toEqual({ read: 2, written: 1 });
    const epss = await importFixture(store(), 'epss', 'intel/epss-sample.csv');
    expect(epss.nodes).toEqual({ read: 3, written: 1 });
    const vuln = await store().getNode('cve:CVE-2010-2075');
    expect(vuln?.props).toMatchObject({ kev: true, kevRansomware: true, kevDueDate: '2099-01-22', epss: 0.94321, epssPercentile: 0.99912, epssModel: 'v2025.03.14', cvss2: 10 });
    expect(vuln?.sources).toEqual(['nessus']);
    expect(await store().getNode('cve:CVE-2099-0001')).toBeNull();
    // The scanner's newer (empty) complete run removes the CVE: enrichment never kept it alive.
    await loadBatch(store(), { source: 'nessus', format: 'nessus', complete: true, nodes: [], edges: [] });
    expect(await store().getNode('cve:CVE-2010-2075')).toBeNull();
    expect((await store().listRuns()).map((r) => r.source)).toEqual(['nessus', 'kev', 'epss', 'nessus']);
  });
});
