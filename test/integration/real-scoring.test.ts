/**
 * Scoring a real estate from real files (embedded store, real importers and loader): SharpHound users
 * become entries by the directory policy (expected set computed from the JSON here, not by the
 * importer), a DC is a Tier Zero target, a KEV → KEV chain through a zone-vantage scan scores, and two
 * vendor grants into one workstation get a plan that removes all their risk. Each failed before the
 * scoring-a-real-estate changes (no AD entry at all; DC at criticality 3; the chain scored 0; "no fix
 * removes any risk").
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeRoute, loadModel, remediationPlan, resolveNode, routeTo, scoreModel } from '@chokepoint/queries';
import { findImporter, loadBatch, openInput } from '@chokepoint/importers';
import { embedded, freshStorePerTest } from '../helpers/stores.js';
import { FIXTURES, importFixture, parseFixture } from '../helpers/fixtures.js';

let dir: string;
beforeAll(async () => { dir = await mkdtemp(join(tmpdir(), 'chokepoint-real-scoring-')); });
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

/** Writes a small input file of our own (inventory, a scan of a given vantage) and imports it as its own source. */
async function importWritten(store: Parameters<typeof loadBatch>[0], format: string, name: string, text: string, options: Record<string, string | boolean> = {}) {
  const path = join(dir, name);
  await writeFile(path, text);
  // One source per vantage point: a complete re-import cleans up per source (issue 14 makes scopes finer).
  return loadBatch(store, await findImporter(format)!.parse([await openInput(path)], { options, source: `${format}/${name}` }));
}

const nmapXml = (ip: string, port: number, service: string) => `<?xml version="1.0"?>
<nmaprun scanner="nmap" args="nmap -sV ${ip}" start="1733011200" version="7.95" xmloutputversion="1.05">
<host><status state="up" reason="syn-ack"/><address addr="${ip}" addrtype="ipv4"/>
<ports><port protocol="tcp" portid="${port}"><state state="open" reason="syn-ack"/><service name="${service}"/></port></ports></host>
<runstats><finished time="1733011260"/><hosts up="1" down="0" total="1"/></runstats></nmaprun>
`;

describe('scoring real files (embedded store)', () => {
  const { store } = freshStorePerTest(embedded);

  it('SharpHound alone: enabled users with a mailbox or logon are entries, the DC is a Tier Zero target, an AD route scores', async () => {
    const folder = 'real/sharphound/v6-ingest';
    await importFixture(store(), 'sharphound', ['users', 'groups', 'computers', 'domains', 'ous', 'gpos', 'containers'].map((t) => `${folder}/${t}.json`));
    // The expected entries, read from the collector's JSON directly.
    const users = JSON.parse((await readFile(join(FIXTURES, folder, 'users.json'), 'utf8')).replace(/^\uFEFF/, '')) as { data: Array<{ ObjectIdentifier: string; Properties: Record<string, unknown> }> };
    const phishable = users.data.filter(({ Properties: p }) => p.enabled === true
      && ((typeof p.email === 'string' && p.email.includes('@')) || Number(p.lastlogon) > 0 || Number(p.lastlogontimestamp) > 0))
      .map((u) => `ad:${u.ObjectIdentifier.toUpperCase()}`).sort();
    expect(phishable.length).toBeGreaterThan(0);
    const model = await loadModel(store());
    const entries = model.steps.filter((s) => s.kind === 'Entry' && s.key === 'phishable').map((s) => model.nodes[s.to]!.id).sort();
    expect(entries).toEqual(phishable);
    const dc = resolveNode(model, 'PRIMARY.TESTLAB.LOCAL');
    expect(model.nodes[dc]!.tierZero).toMatch(/member of DOMAIN CONTROLLERS@TESTLAB\.LOCAL/);
    expect(model.impact[dc]).toBe(10);
    const scoring = scoreModel(model);
    const tier0 = model.groups.find((g) => g.id.startsWith('tier0:'))!;
    expect(tier0.name).toBe('Tier Zero of TESTLAB.LOCAL');
    expect(tier0.members).toContain(dc);
    expect(scoring.groupRisk[model.groups.indexOf(tier0)]).toBeGreaterThan(0);
    expect(scoring.reachableTargets).toBeGreaterThan(0);
  });

  it('a KEV → KEV chain through a zone-vantage scan scores: Internet → web (KEV) → its zone → the FTP server', async () => {
    // Two scans, two sources (a complete re-import cleans up per source).
    await loadBatch(store(), { ...await parseFixture('nessus', 'real/nessus/defectdojo-nessus_with_cvssv3.nessus'), source: 'nessus/internet-facing' });
    await loadBatch(store(), { ...await parseFixture('nessus', 'real/nessus/ruby-nessus-example_v3.nessus'), source: 'nessus/core' });
    await importFixture(store(), 'kev', 'real/kev/known_exploited_vulnerabilities-2025.08.25.json');
    await importWritten(store(), 'nmap', 'from-internet.xml', nmapXml('44.228.249.3', 80, 'http'), { internet: true });
    await importWritten(store(), 'nmap', 'from-dmz.xml', nmapXml('10.0.0.1', 21, 'ftp'), { from: 'dmz' });
    await importWritten(store(), 'inventory', 'assets.csv', 'name,kind,ip,zone,criticality\nweb,server,44.228.249.3,dmz,\nftp,server,10.0.0.1,core,9\n');
    const model = await loadModel(store());
    const scoring = scoreModel(model);
    const ftp = resolveNode(model, '10.0.0.1');
    const route = describeRoute(model, routeTo(model.graph, scoring.paths, ftp)!);
    expect(route.steps.map((s) => [s.kind, s.key])).toEqual([['CanExploit', 'cve:CVE-2012-1823'], ['OnSegment', null], ['CanExploit', 'nessus:55523']]);
    expect(route.risk).toBeCloseTo(0.9 * 0.95 * 1 * 0.7 * 9, 9);
  });

  it('two vendors with equally likely grants into one workstation: the plan takes both and removes all their risk', async () => {
    await importWritten(store(), 'inventory', 'ws.csv', 'name,kind,ip,criticality\neng-ws,workstation,10.20.0.5,9\n');
    await importWritten(store(), 'vendor-access', 'grants.csv', 'vendor,method,targets,access,mfa\nAcme,vpn,10.20.0.5,Acme VPN,false\nBeta,remote-support,10.20.0.5,Beta support,false\n');
    const model = await loadModel(store());
    const plan = remediationPlan(model);
    expect(plan.totalBefore).toBeGreaterThan(0);
    expect(plan.totalAfter).toBe(0);
    expect(plan.rows.length).toBe(2);
    expect(plan.rows[0]!.together).toEqual([plan.rows[1]!.fixId]);
    expect(plan.rows.map((r) => r.action).join(' | ')).toMatch(/Acme.*\| .*Beta|Beta.*\| .*Acme/);
  });
});
