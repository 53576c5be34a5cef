/** SharpHound CE collector JSON (v5, v6, zip): exact counts from the BloodHound CE test fixtures. */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { GraphBatch } from '@chokepoint/queries';
import { findImporter, openInput } from '@chokepoint/importers';
import { FIXTURES, parseFixture, tally as count } from '../helpers/fixtures.js';
import { makeZip } from '../helpers/zip-writer.js';

const V6 = ['computers', 'containers', 'domains', 'gpos', 'groups', 'ous', 'users'].map((t) => `real/sharphound/v6-ingest/${t}.json`);
const edgesOf = (b: GraphBatch, kind: string) => b.edges.filter((e) => e.kind === kind).map((e) => `${e.from} → ${e.to}`).sort();
const DOMAIN = 'S-1-5-21-3130019616-2776909439-2417379446';

describe('sharphound importer', () => {
  it('v6: every object kind, ACL steps, DCSync, de-duplicated sessions, local groups and placeholders', async () => {
    const b = await parseFixture('sharphound', V6);
    expect(b.complete).toBe(true);
    expect(count(b.nodes.filter((n) => !n.ref), (n) => n.kind)).toEqual({ Host: 4, Container: 23, Domain: 1, Gpo: 7, Group: 30, OU: 2, User: 17 });
    expect(count(b.nodes.filter((n) => n.ref), (n) => n.kind)).toEqual({ User: 2, Group: 10, Host: 1 });
    for (const n of b.nodes.filter((x) => x.ref)) expect(n.props).toMatchObject({ placeholder: true });
    expect(count(b.edges, (e) => e.kind)).toEqual({
      MemberOf: 44, HasSession: 4, AdminTo: 2, CanRdp: 1, ExecuteDcom: 1, CanPsRemote: 1, AllowedToDelegate: 2, AllowedToAct: 1,
      Owns: 81, GenericAll: 150, WriteDacl: 129, WriteOwner: 129, GenericWrite: 86, Contains: 41, AddAllowedToAct: 1,
      AllExtendedRights: 24, GpLink: 6, ReadGmsaPassword: 1, DcSync: 2,
    });
    expect(edgesOf(b, 'DcSync')).toEqual([`ad:${DOMAIN}-2122 → ad:${DOMAIN}`, `ad:TESTLAB.LOCAL-S-1-5-32-544 → ad:${DOMAIN}`]);
    // Three session lists name (1104, 1105) twice and (1104, 500), (1104, 1107), (1104, 1108) once: four sessions.
    const sessions = b.edges.filter((e) => e.kind === 'HasSession');
    expect(sessions.map((e) => e.to).sort()).toEqual([`ad:${DOMAIN}-1105`, `ad:${DOMAIN}-1107`, `ad:${DOMAIN}-1108`, `ad:${DOMAIN}-500`]);
    expect(sessions.find((e) => e.to.endsWith('-1107'))!.props).toEqual({ bhEdge: 'HasSession', sessionKinds: ['PrivilegedSessions'] });
    expect(edgesOf(b, 'AdminTo')).toEqual([`ad:${DOMAIN}-1105 → ad:${DOMAIN}-1104`, `ad:${DOMAIN}-512 → ad:${DOMAIN}-1104`]);
    for (const e of b.edges) expect(typeof e.props?.bhEdge).toBe('string');
    const win10 = b.nodes.find((n) => n.id === `ad:${DOMAIN}-1104`)!;
    expect(win10).toMatchObject({ kind: 'Host', name: 'WIN10.TESTLAB.LOCAL' });
    expect(win10.aliases).toEqual([`sid:${DOMAIN}-1104`, 'fqdn:win10.testlab.local']);
    expect(b.rejected).toEqual({ 'domain trust (not modelled)': 7, 'GetChanges or GetChangesAll alone (no DCSync)': 5 });
  });

  it('a zip bomb of many members each under the member limit is refused while inflating; a written zip of the real files reads', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sharphound-zip-'));
    try {
      const blank = Buffer.alloc(40 * 1024 * 1024, 0x20); // 40 MB of spaces: valid JSON whitespace, deflates ~1000×
      const bomb = join(dir, 'bomb.zip');
      await writeFile(bomb, makeZip(['a', 'b', 'c'].map((n) => ({ name: `${n}_users.json`, data: blank }))));
      const parseFile = async (path: string) => findImporter('sharphound')!.parse([await openInput(path)], {});
      await expect(parseFile(bomb)).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(/bomb\.zip: the archive inflates beyond 200× its \d+ bytes/) });
      const good = join(dir, 'good.zip');
      await writeFile(good, makeZip(await Promise.all(['computers', 'users'].map(async (t) => ({ name: `20261201_${t}.json`, data: await readFile(join(FIXTURES, `real/sharphound/v6-ingest/${t}.json`)) })))));
      const zipped = await parseFile(good);
      const plain = await parseFixture('sharphound', ['computers', 'users'].map((t) => `real/sharphound/v6-ingest/${t}.json`));
      expect(zipped.nodes).toEqual(plain.nodes);
    } finally { await rm(dir, { recursive: true, force: true }); }
  });

  it('reads the collector zip to the same batch as the files', async () => {
    const files = await parseFixture('sharphound', V6);
    const zip = await parseFixture('sharphound', 'identity/sharphound/v6-collection.zip');
    expect(zip.nodes).toEqual(files.nodes);
    expect(zip.edges).toEqual(files.edges);
    expect(zip.files).toEqual([expect.stringMatching(/v6-collection\.zip$/)]);
  });

  it('v5 (meta without version): a partial collection covers only what it listed; ChildObjects become Contains', async () => {
    const b = await parseFixture('sharphound', ['real/sharphound/v5-ingest/computers.json', 'real/sharphound/v5-ingest/domains.json']);
    expect(b.warnings).toContain('partial collection (not all of users, groups, computers, domains): only what it collected is re-confirmed; the rest stays as imported before');
    // Its scopes: the two object types it listed, ACLs of the listed objects, local groups of the computers that
    // report them collected — no users, no groups' members; sessions are observations.
    expect(b.scopes!.filter((s) => s.nodeKinds).map((s) => s.nodeKinds)).toEqual([['Host'], ['Domain']]);
    expect(b.scopes!.some((s) => s.edgeKinds?.includes('MemberOf'))).toBe(false);
    expect(b.observations).toEqual({ edgeKinds: ['HasSession'], retentionDays: 7 });
    expect(edgesOf(b, 'Contains')).toHaveLength(6);
    expect(edgesOf(b, 'DcSync')).toHaveLength(2);
    expect(edgesOf(b, 'HasSession')).toHaveLength(4);
  });

  it('records that repeat an object id across files merge into one node', async () => {
    const whole = await parseFixture('sharphound', 'real/sharphound/v6-ingest/users.json');
    const split = await parseFixture('sharphound', ['identity/sharphound/users-part1.json', 'identity/sharphound/users-part2.json']);
    expect(split.nodes.filter((n) => !n.ref).map((n) => n.id).sort()).toEqual(whole.nodes.filter((n) => !n.ref).map((n) => n.id).sort());
    expect(split.edges.length).toBe(whole.edges.length);
  });
});
