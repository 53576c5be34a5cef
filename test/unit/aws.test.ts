/** AWS CLI JSON: IAM authorization details, EC2 instances and security groups — exact counts and edge semantics. */
import { describe, expect, it } from 'vitest';
import { buildModel, describeRoute, routeTo, scoreModel, type BatchEdge, type GraphBatch, type StoredEdge, type StoredNode } from '@chokepoint/queries';
import { iamMatch, inCidr } from '@chokepoint/importers';
import { parseFixture, tally as count } from '../helpers/fixtures.js';
import { edge, node } from '../helpers/model.js';

const edgeKey = (e: BatchEdge) => `${e.kind} ${e.from} -> ${e.to}${e.key ? ` ${e.key}` : ''}`;

describe('aws importer', () => {
  it('the cloudsplaining GAAD + a custodian recording: principals, trusts, dangerous permissions and SG reachability pairs', async () => {
    const b = await parseFixture('aws', ['real/aws/cloudsplaining-example.json', 'real/aws/custodian-multi-enis/ec2.DescribeInstances_1.json', 'real/aws/custodian-multi-enis/ec2.DescribeSecurityGroups_1.json']);
    expect(b.complete).toBe(true);
    // CloudResource: 3 accounts, 2 "any role in the account" and 2 "all S3 buckets" nodes (per-action targets).
    expect(count(b.nodes, (n) => `${n.kind}${n.ref ? '(ref)' : ''}`)).toEqual({ Role: 78, Group: 5, User: 44, 'Role(ref)': 1, CloudResource: 7, Host: 3, 'Internet(ref)': 1 });
    expect(b.nodes.filter((n) => n.kind === 'CloudResource').map((n) => n.id).sort()).toEqual([
      'aws:account/012345678901', 'aws:account/012345678901/roles', 'aws:account/012345678901/s3',
      'aws:account/072528804237', 'aws:account/200611803367', 'aws:account/200611803367/roles', 'aws:account/200611803367/s3',
    ]);
    const trusts = b.edges.filter((e) => e.kind === 'CanAssumeRole' && !e.from.startsWith('aws:account/'));
    expect(trusts).toHaveLength(45); // 47 AWS-principal trusts, 2 of them of an account root (below)
    expect(b.edges.map(edgeKey)).toEqual(expect.arrayContaining([
      'CanAssumeRole aws:account/072528804237 -> aws:arn:aws:iam::200611803367:role/OrganizationAccountAccessRole',
      'CanAssumeRole aws:account/200611803367 -> aws:arn:aws:iam::200611803367:role/privesc-permissive-role-trust',
    ]));
    // Assumed-role principals resolve to the role (its path included) rather than a placeholder.
    expect(trusts.filter((e) => e.from.includes('AWSReservedSSO_AdministratorAccess'))).toHaveLength(40);
    // Control of the account reaches its 75 roles (the file also holds 3 roles of account 012345678901).
    expect(b.edges.filter((e) => e.kind === 'CanAssumeRole' && e.from === 'aws:account/200611803367')).toHaveLength(75);
    expect(b.rejected).toEqual({ 'trust of a Service principal (not modelled)': 38, 'trust of a Federated principal (not modelled)': 2 });
    expect(b.edges.filter((e) => e.kind === 'MemberOf')).toHaveLength(6);
    // HasPermission by action: counted by test/fixtures/real/oracle.py (real-corpus.test.ts).
    // The public SG (0.0.0.0/0, all traffic) admits the Internet to two instances; the private /16 lets all three reach each other.
    const reach = b.edges.filter((e) => e.kind === 'CanReach').map(edgeKey).sort();
    expect(reach).toEqual([
      'CanReach aws:instance/i-03b80590af6c5000d -> aws:instance/i-0a3bdbed1708220a1 all',
      'CanReach aws:instance/i-03b80590af6c5000d -> aws:instance/i-0e424ef402485a38f all',
      'CanReach aws:instance/i-0a3bdbed1708220a1 -> aws:instance/i-03b80590af6c5000d all',
      'CanReach aws:instance/i-0a3bdbed1708220a1 -> aws:instance/i-0e424ef402485a38f all',
      'CanReach aws:instance/i-0e424ef402485a38f -> aws:instance/i-03b80590af6c5000d all',
      'CanReach aws:instance/i-0e424ef402485a38f -> aws:instance/i-0a3bdbed1708220a1 all',
      'CanReach internet -> aws:instance/i-0a3bdbed1708220a1 all',
      'CanReach internet -> aws:instance/i-0e424ef402485a38f all',
    ]);
    const host = b.nodes.find((n) => n.id === 'aws:instance/i-0a3bdbed1708220a1')!;
    expect(host).toMatchObject({ kind: 'Host', domain: 'cloud' });
    expect(host.aliases).toEqual(expect.arrayContaining(['instance:i-0a3bdbed1708220a1', 'ip:10.0.2.155', 'ip:10.0.1.115']));
  });

  it('a trust of "AWS": "*" is an Internet entry whose route reaches the bucket; URL-encoded documents; AttachmentCount ignored', async () => {
    const b: GraphBatch = await parseFixture('aws', ['cloud/aws/trust-star-gaad.json', 'cloud/aws/web-instances.json', 'cloud/aws/web-security-groups.json']);
    expect(b.edges.map(edgeKey).sort()).toEqual([
      'CanAssumeRole internet -> aws:arn:aws:iam::111122223333:role/public-reader',
      'CanReach internet -> svc:aws:instance/i-0web:tcp/443 tcp/443',
      // SSH from 10.9.0.0/16, a private range with no instance of this import inside: a network we have not collected.
      'CanReach zone:10.9.0.0/16 -> svc:aws:instance/i-0web:tcp/22 tcp/22',
      'HasPermission aws:arn:aws:iam::111122223333:group/devs -> aws:arn:aws:iam::111122223333:role/public-reader iam:PassRole',
      'HasPermission aws:arn:aws:iam::111122223333:role/public-reader -> aws:arn:aws:s3:::customer-data s3:GetObject',
      'MemberOf aws:arn:aws:iam::111122223333:user/dev -> aws:arn:aws:iam::111122223333:group/devs',
      'Runs aws:instance/i-0web -> svc:aws:instance/i-0web:tcp/22',
      'Runs aws:instance/i-0web -> svc:aws:instance/i-0web:tcp/443',
      'RunsAs aws:instance/i-0web -> aws:arn:aws:iam::111122223333:role/public-reader',
    ]);
    // Scored: the Internet reaches the bucket through the trust.
    const stamps = { sources: ['aws'], sourceRuns: ['aws@r'], firstSeen: 't', lastSeen: 't', runId: 'r' };
    const nodes: StoredNode[] = b.nodes.map((n) => node(n.id, n.kind, { name: n.name, exposure: n.exposure ?? null, criticality: n.id.includes('customer-data') ? 9 : null }));
    const edges: StoredEdge[] = b.edges.map((e) => edge(e.kind, e.from, e.to, { key: e.key ?? null, ...stamps }));
    const model = buildModel(nodes, edges);
    const scoring = scoreModel(model);
    const route = describeRoute(model, routeTo(model.graph, scoring.paths, model.indexOf.get('aws:arn:aws:s3:::customer-data')!)!);
    expect(route.entry).toBe('internet');
    expect(route.steps.map((s) => s.kind)).toEqual(['CanAssumeRole', 'HasPermission']);
  });

  it('matches IAM wildcards case-insensitively and IPv4 CIDRs', () => {
    expect(iamMatch('iam:Pass*', 'iam:PassRole')).toBe(true);
    expect(iamMatch('S3:get*', 's3:GetObject')).toBe(true);
    expect(iamMatch('s3:Put*', 's3:GetObject')).toBe(false);
    expect(iamMatch('arn:aws:iam::1:role/public-*', 'arn:aws:iam::1:role/public-reader')).toBe(true);
    expect(inCidr('10.0.2.87', '10.0.0.0/16')).toBe(true);
    expect(inCidr('10.1.2.87', '10.0.0.0/16')).toBe(false);
    expect(inCidr('192.168.1.1', '0.0.0.0/0')).toBe(true);
  });
});
