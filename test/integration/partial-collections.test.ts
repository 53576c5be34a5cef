/**
 * Unknown is not absent (ADR 0011), on both stores: a SharpHound collection that did not collect sessions
 * or local groups keeps the earlier ones; a re-collection of the same scope still removes what is gone;
 * a Zeek capture of one protocol keeps what an earlier capture of another saw; observations leave only by
 * `expire`, after their retention. Real files: the SharpHound v6 test collection (its computers file is
 * varied in memory to say "not collected", as an ACL-only or DC-only run writes it) and ICSNPP captures.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeCoverage, type GraphStore, type StoredEdge } from '@chokepoint/queries';
import { expireObservations, findImporter, loadBatch, openInput } from '@chokepoint/importers';
import { STORE_FACTORIES, freshStorePerTest } from '../helpers/stores.js';
import { FIXTURES } from '../helpers/fixtures.js';

const V6 = join(FIXTURES, 'real/sharphound/v6-ingest');
const OBJECT_FILES = ['users', 'groups', 'domains', 'ous', 'gpos', 'containers'].map((t) => join(V6, `${t}.json`));
const LOCAL_KINDS = ['AdminTo', 'CanRdp', 'CanPsRemote', 'ExecuteDcom'];

let dir: string;
beforeAll(async () => { dir = await mkdtemp(join(tmpdir(), 'chokepoint-partial-')); });
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

async function importFiles(store: GraphStore, format: string, paths: string[], source: string, now?: Date) {
  const batch = await findImporter(format)!.parse(await Promise.all(paths.map((p) => openInput(p))), { source });
  return loadBatch(store, batch, now ? { now: () => now } : {});
}

async function edges(store: GraphStore, kinds: string[]): Promise<StoredEdge[]> {
  const out: StoredEdge[] = [];
  for await (const page of store.streamEdges()) out.push(...page.filter((e) => kinds.includes(e.kind)));
  return out.sort((a, b) => a.eid.localeCompare(b.eid));
}

/** The real computers file, rewritten the way a collection that skipped sessions and local groups writes it. */
async function computersWithout(name: string, change: (c: Record<string, unknown>) => void): Promise<string> {
  const doc = JSON.parse((await readFile(join(V6, 'computers.json'), 'utf8')).replace(/^\uFEFF/, '')) as { data: Array<Record<string, unknown>> };
  for (const c of doc.data) change(c);
  const path = join(dir, name);
  await writeFile(path, JSON.stringify(doc));
  return path;
}

for (const factory of STORE_FACTORIES) {
  describe(`partial collections on '${factory.name}'`, () => {
    const { why, store } = freshStorePerTest(factory);

    it.skipIf(why)('an ACL-only SharpHound run keeps sessions and local groups; a re-collection of the same scope removes what is gone', async () => {
      const t0 = new Date('2026-11-01T00:00:00Z');
      await importFiles(store(), 'sharphound', [...OBJECT_FILES, join(V6, 'computers.json'), join(V6, 'sessions.json')], 'sharphound', t0);
      const before = await edges(store(), ['HasSession', ...LOCAL_KINDS]);
      expect(before.filter((e) => e.kind === 'HasSession').length).toBeGreaterThan(0);
      expect(before.filter((e) => e.kind === 'AdminTo').length).toBeGreaterThan(0);

      const aclOnly = await computersWithout('acl-only-computers.json', (c) => {
        for (const k of ['Sessions', 'PrivilegedSessions', 'RegistrySessions']) c[k] = { Results: [], Collected: false, FailureReason: 'not collected' };
        c.LocalGroups = []; c.UserRights = [];
      });
      const partial = await importFiles(store(), 'sharphound', [...OBJECT_FILES, aclOnly], 'sharphound', new Date('2026-11-02T00:00:00Z'));
      const kept = await edges(store(), ['HasSession', ...LOCAL_KINDS]);
      expect(kept).toEqual(before.map((e) => expect.objectContaining({ eid: e.eid, kind: e.kind })));
      expect(partial.cleanup).toMatchObject({ edgesDeleted: 0 });
      // Reported as kept but not re-confirmed by the latest run.
      const cov = (await storeCoverage(store())).sources.find((x) => x.source === 'sharphound')!;
      expect(cov.notReconfirmed.edges).toBeGreaterThanOrEqual(before.length);

      // The same scope collected again without one administrator: that AdminTo goes, the rest stays.
      const admin = before.find((e) => e.kind === 'AdminTo')!;
      const computerSid = admin.to.slice(3);
      const memberSid = admin.from.slice(3);
      const fewer = await computersWithout('one-admin-less.json', (c) => {
        if (String(c.ObjectIdentifier).toUpperCase() !== computerSid) return;
        for (const g of c.LocalGroups as Array<{ ObjectIdentifier?: string; Results: Array<{ ObjectIdentifier: string }> }>) {
          if (g.ObjectIdentifier?.endsWith('-544')) g.Results = g.Results.filter((m) => m.ObjectIdentifier.toUpperCase() !== memberSid);
        }
      });
      await importFiles(store(), 'sharphound', [...OBJECT_FILES, fewer], 'sharphound', new Date('2026-11-03T00:00:00Z'));
      const after = await edges(store(), ['AdminTo']);
      expect(after.map((e) => e.eid)).toEqual(before.filter((e) => e.kind === 'AdminTo' && e.eid !== admin.eid).map((e) => e.eid));

      // Sessions are observations: not removed by these runs, gone only by expiry after 7 days.
      expect((await edges(store(), ['HasSession'])).length).toBe(before.filter((e) => e.kind === 'HasSession').length);
      const early = await expireObservations(store(), new Date('2026-11-05T00:00:00Z'));
      expect(early.result).toEqual({ nodesDeleted: 0, edgesDeleted: 0, nodesReleased: 0, edgesReleased: 0 });
      // The last run (Nov 3) saw the computers' sessions again: they are current until Nov 10.
      const late = await expireObservations(store(), new Date('2026-11-11T00:00:00Z'));
      expect(late.expiredRuns.map((r) => r.startedAt)).toEqual(['2026-11-01T00:00:00.000Z', '2026-11-02T00:00:00.000Z', '2026-11-03T00:00:00.000Z']);
      expect(late.result.edgesDeleted).toBe(before.filter((e) => e.kind === 'HasSession').length);
      expect(await edges(store(), ['HasSession'])).toEqual([]);
      expect((await edges(store(), ['AdminTo'])).length).toBe(after.length); // only observations expire
      expect((await store().listRuns()).filter((r) => r.source === 'expire').map((r) => r.cleanup)).toEqual([early.result, late.result]);
    });

    it.skipIf(why)('an Nmap scan of another range under the same source keeps the first range; a rescan of it drops what closed', async () => {
      const subnet = join(FIXTURES, 'real/nmap/libnmap-os_scan5.xml'); // 192.168.1.0/24, top 1000 ports
      await importFiles(store(), 'nmap', [subnet], 'nmap');
      const first = await edges(store(), ['CanReach', 'Runs']);
      const other = await importFiles(store(), 'nmap', [join(FIXTURES, 'real/nmap/defectdojo-issue4406.xml')], 'nmap'); // 10.250.195.71, all ports
      expect(other.cleanup).toEqual({ nodesDeleted: 0, edgesDeleted: 0, nodesReleased: 0, edgesReleased: 0 });
      const after = await edges(store(), ['CanReach', 'Runs']);
      for (const e of first) expect(after.map((x) => x.eid)).toContain(e.eid);
      // The same /24 scanned again later, with fewer hosts up: what it re-collected and no longer saw goes.
      const rescan = await importFiles(store(), 'nmap', [join(FIXTURES, 'real/nmap/libnmap-fullscan.xml')], 'nmap');
      expect(rescan.cleanup!.nodesDeleted).toBeGreaterThan(0);
      expect(await store().getNode('host:192.168.1.3')).toBeNull();
      expect(await store().getNode('host:10.250.195.71')).not.toBeNull();
    });

    it.skipIf(why)('an IAM-only AWS export keeps instances and security-group reach; an IAM re-export without a user removes that user', async () => {
      const aws = join(FIXTURES, 'real/aws');
      const gaad = join(aws, 'cloudsplaining-example-authz-details.json');
      await importFiles(store(), 'aws', [gaad, join(aws, 'custodian-multi-enis/ec2.DescribeInstances_1.json'), join(aws, 'custodian-multi-enis/ec2.DescribeSecurityGroups_1.json')], 'aws');
      const network = await edges(store(), ['CanReach', 'RunsAs']);
      expect(network.filter((e) => e.kind === 'CanReach').length).toBeGreaterThan(0);
      const iamOnly = await importFiles(store(), 'aws', [gaad], 'aws');
      expect(iamOnly.cleanup).toEqual({ nodesDeleted: 0, edgesDeleted: 0, nodesReleased: 0, edgesReleased: 0 });
      expect((await edges(store(), ['CanReach', 'RunsAs'])).map((e) => e.eid)).toEqual(network.map((e) => e.eid));
      // The same account's IAM re-exported without one user (a copy of the real export, one user taken out).
      const doc = JSON.parse(await readFile(gaad, 'utf8')) as { UserDetailList: Array<{ Arn: string }> };
      const gone = doc.UserDetailList.pop()!;
      const fewer = join(dir, 'gaad-one-user-less.json');
      await writeFile(fewer, JSON.stringify(doc));
      const rerun = await importFiles(store(), 'aws', [fewer], 'aws');
      expect(rerun.cleanup!.nodesDeleted).toBeGreaterThanOrEqual(1);
      expect(await store().getNode(`aws:${gone.Arn}`)).toBeNull();
      expect((await edges(store(), ['CanReach'])).length).toBe(network.filter((e) => e.kind === 'CanReach').length);
    });

    it.skipIf(why)('a Modbus capture after an S7 capture keeps the S7 flows and writes; expiry removes flows past 30 days', async () => {
      const t0 = new Date('2026-11-01T00:00:00Z');
      const s7 = join(FIXTURES, 'real/zeek/s7comm-snap7');
      const s7Run = await importFiles(store(), 'zeek', [join(s7, 'conn.log'), join(s7, 's7comm.log')], 'zeek', t0);
      const flows = await edges(store(), ['CanReach']);
      const writes = flows.reduce((n, e) => n + (typeof e.props.writes === 'number' ? e.props.writes : 0), 0);
      expect(flows.length).toBeGreaterThan(0);
      expect(writes).toBeGreaterThan(0);
      const modbus = join(FIXTURES, 'real/zeek/modbus-basic');
      const report = await importFiles(store(), 'zeek', [join(modbus, 'conn.log'), join(modbus, 'modbus.log')], 'zeek', new Date('2026-11-20T00:00:00Z'));
      expect(report.cleanup).toBeNull();
      const both = await edges(store(), ['CanReach']);
      for (const f of flows) expect(both).toContainEqual(expect.objectContaining({ eid: f.eid, props: f.props }));
      expect(both.length).toBeGreaterThan(flows.length);
      // 30 days after the S7 capture, 11 after the Modbus one: only the S7 flows leave.
      const expiry = await expireObservations(store(), new Date('2026-12-02T00:00:00Z'));
      expect(expiry.expiredRuns).toHaveLength(1);
      const stillS7 = both.filter((e) => e.sourceRuns.includes(`zeek@${s7Run.runId}`)).map((e) => e.eid);
      expect(stillS7.length).toBeGreaterThan(0);
      expect((await edges(store(), ['CanReach'])).map((e) => e.eid)).toEqual(both.filter((e) => !stillS7.includes(e.eid)).map((e) => e.eid));
    });
  });
}
