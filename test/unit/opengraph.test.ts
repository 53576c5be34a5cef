/** BloodHound OpenGraph JSON (GitHound samples): kinds kept, traversable flags, mapping file, collector bugs reported. */
import { describe, expect, it } from 'vitest';
import { parseFixture, tally as count } from '../helpers/fixtures.js';


describe('opengraph importer', () => {
  it('without a mapping: External nodes and Traverses edges keeping their kinds; duplicate id, repeated edge and dangling endpoints reported', async () => {
    const b = await parseFixture('opengraph', 'real/opengraph/githound_example_2025-08.json');
    expect(b.source).toBe('opengraph/ghbase');
    expect(b.nodes).toHaveLength(47); // 48 records, two branches share one id
    expect(count(b.nodes, (n) => String((n.props!.ogKinds as string[])[0]))).toEqual({ GHRepoRole: 14, GHOrgRole: 10, GHTeamRole: 8, GHUser: 6, GHTeam: 4, GHBranch: 2, GHRepository: 2, GHOrganization: 1 });
    expect(b.edges).toHaveLength(129); // 133 − 1 repeated − 3 dangling
    expect(b.edges.every((e) => e.kind === 'Traverses' && e.p === 0.5 && e.props!.traversable === true && typeof e.props!.ogKind === 'string')).toBe(true);
    expect(b.rejected).toEqual({ 'repeated edge': 1, 'edge with an endpoint not in the file(s)': 3 });
    expect(b.warnings![0]).toMatch(/node id 581ba7f1403496187f0d6a61fb2cad3b0d33b8c5 appears more than once/);
    expect(b.warnings![1]).toMatch(/^3 edge\(s\) left out: .*SyncedToGHUser \(start id 6821804e-/);
    const org = b.nodes.find((n) => n.id === 'og:O_kgDOCoV2OQ')!;
    expect(org).toMatchObject({ kind: 'External', name: 'SpecterOps Testing', props: { login: 'SpecterTst', og_id: 176518713, ogKinds: ['GHOrganization', 'GHBase'] } });
  });

  it('with a mapping: kinds mapped, traversable flags honoured, name matching and hybrid edges across files', async () => {
    const b = await parseFixture('opengraph', ['real/opengraph/githound_example_2025-08.json', 'real/opengraph/githound_saml_O_kgDOCoV2OQ.json'], { mapping: `${import.meta.dirname}/../fixtures/opengraph/githound-mapping.yaml` });
    expect(count(b.nodes, (n) => n.kind)).toEqual({ CloudResource: 3, User: 6, Group: 4, External: 36 });
    expect(b.nodes.find((n) => n.id === 'og:O_kgDOCoV2OQ')).toMatchObject({ kind: 'CloudResource', domain: 'cloud', criticality: 8 });
    expect(count(b.edges, (e) => e.kind)).toEqual({ MemberOf: 1, Traverses: 126, RelatesTo: 5 });
    // GH_HasSamlIdentityProvider joins the org of the other file (hybrid); GH_SyncedTo's Okta user (match_by name) is not here.
    expect(b.edges.find((e) => e.props!.ogKind === 'GH_HasSamlIdentityProvider')).toMatchObject({ kind: 'RelatesTo', from: 'og:O_kgDOCoV2OQ', to: 'og:OIP_kwDOCoV2Oc2WFg' });
    expect(b.edges.filter((e) => e.props!.ogKind === 'GHHasBranch').every((e) => e.kind === 'RelatesTo')).toBe(true);
    expect(b.edges.filter((e) => e.props!.ogKind === 'GHAdminTo').map((e) => e.p)).toEqual([0.95, 0.95]);
    expect(b.edges.filter((e) => e.kind === 'Traverses' && e.props!.ogKind !== 'GHAdminTo').every((e) => e.p === 0.6)).toBe(true);
    expect(b.rejected!['edge with an endpoint not in the file(s)']).toBe(5);
  });
});
