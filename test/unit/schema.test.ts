/** The schema is complete and self-consistent: every kind carries what the rest of the system derives from it. */
import { describe, expect, it } from 'vitest';
import {
  ATTACK_EDGE_KINDS, CONTEXT_EDGE_KINDS, EDGE_KINDS, EDGE_KIND_IDS, FIX_FAMILIES, NODE_KINDS, NODE_KIND_IDS,
  fixCost, legend, mergedKind, alias, isStrongAlias, edgeId, type EdgeKindSpec, type NodeKind, type EdgeKind,
} from '@chokepoint/queries';
import type { EdgeKindName, NodeKindName } from '../../queries/src/schema/generated/kinds.js';
import { constraintStatements, edgeUpsert, nodeUpsert } from '../../queries/src/cypher/build.js';

type Equal<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
// Compile-time: the generated unions equal the schema's own types (typecheck fails otherwise).
const nodeKindsAgree: Equal<NodeKindName, NodeKind> = true;
const edgeKindsAgree: Equal<EdgeKindName, EdgeKind> = true;

describe('schema', () => {
  it('generated kind unions match the schema', () => {
    expect(nodeKindsAgree && edgeKindsAgree).toBe(true);
  });

  it.each(EDGE_KIND_IDS)('%s has p, techniques, a fix family with cost, endpoints and remediation text', (kind) => {
    const spec: EdgeKindSpec = EDGE_KINDS[kind];
    expect(spec.p).toBeGreaterThan(0);
    expect(spec.p).toBeLessThanOrEqual(1);
    expect(spec.techniques.length).toBeGreaterThan(0);
    for (const t of spec.techniques) expect(t).toMatch(/^(T\d{4}(\.\d{3})?|AML\.T\d{4}(\.\d{3})?)$/);
    expect(FIX_FAMILIES[spec.fixFamily]).toBeDefined();
    expect(fixCost(kind)).toBeGreaterThan(0);
    expect(spec.from.length).toBeGreaterThan(0);
    expect(spec.to.length).toBeGreaterThan(0);
    for (const k of [...spec.from, ...spec.to]) expect(NODE_KIND_IDS).toContain(k);
    for (const section of ['risk', 'abuse', 'fix'] as const) expect(spec.remediation[section].length).toBeGreaterThan(20);
    expect(spec.remediation.references.length).toBeGreaterThanOrEqual(spec.techniques.length);
    expect(spec.description.length).toBeGreaterThan(10);
  });

  it.each(NODE_KIND_IDS)('%s has a label, shape, domain, criticality and description', (kind) => {
    const spec = NODE_KINDS[kind];
    expect(spec.label).not.toBe('');
    expect(spec.shape).not.toBe('');
    expect(spec.criticality).toBeGreaterThanOrEqual(0);
    expect(spec.criticality).toBeLessThanOrEqual(10);
    expect(spec.description.length).toBeGreaterThan(10);
  });

  it('every fix family names its NIS2 Article 21(2) measure and its 2024/2690 Annex section', () => {
    for (const family of Object.values(FIX_FAMILIES)) {
      expect(family.nis2).toMatch(/^21\(2\)\([a-j]\) /);
      expect(family.cir2690).toMatch(/^(5|6|8|11)\.\d+(\.\d+\([a-z]\))? [A-Z]/);
    }
    // Patching is vulnerability handling (2024/2690 §6.6, IEC 62443-2-3), not a configuration setting;
    // filtering a flow between zones is zone boundary protection.
    expect(FIX_FAMILIES.patch).toMatchObject({ nis2: '21(2)(e) vulnerability handling', cir2690: '6.6 Security patch management', iec62443: 'IEC 62443-2-3 patch management' });
    expect(FIX_FAMILIES.segment.iec62443).toBe('SR 5.2 Zone boundary protection');
  });

  it('splits attack steps from context facts, with the design’s kinds on each side', () => {
    expect(ATTACK_EDGE_KINDS).toEqual(expect.arrayContaining(['AdminTo', 'HasSession', 'MemberOf', 'CanExploit', 'VendorAccess', 'Controls', 'CanInvoke', 'ReadsUntrusted', 'DcSync']));
    expect(CONTEXT_EDGE_KINDS.sort()).toEqual(['CanReach', 'HasVulnerability', 'InZone', 'Mounts', 'RelatesTo', 'Runs', 'StoresData']);
  });

  it('merges machine kinds towards the specific one and refuses unrelated kinds', () => {
    expect(mergedKind('Host', 'Controller')).toBe('Controller');
    expect(mergedKind('EngineeringWorkstation', 'Host')).toBe('EngineeringWorkstation');
    expect(mergedKind('Controller', 'Hmi')).toBeNull();
    expect(mergedKind('User', 'Host')).toBeNull();
  });

  it('normalises aliases and knows which identify a node', () => {
    expect(alias('fqdn', 'WS1.Corp.Local.')).toBe('fqdn:ws1.corp.local');
    expect(alias('mac', '08-00-27-41-F0-43')).toBe('mac:08:00:27:41:f0:43');
    expect(alias('sid', 's-1-5-21-1-500')).toBe('sid:S-1-5-21-1-500');
    expect(isStrongAlias('ip:10.0.0.1')).toBe(true);
    expect(isStrongAlias('hostname:ws1')).toBe(false);
    expect(isStrongAlias('bogus:1')).toBe(false);
    expect(edgeId('CanReach', 'a', 'b', 'tcp/502')).toBe('CanReach|a|b|tcp/502');
  });

  it('derives one legend entry per node kind', () => {
    expect(legend().map((l) => l.kind)).toEqual(NODE_KIND_IDS);
  });

  it('derives a constraint per edge kind and static-label upserts that take values only as parameters', () => {
    expect(constraintStatements().filter((s) => s.includes('-[e:'))).toHaveLength(EDGE_KIND_IDS.length);
    const upsert = nodeUpsert('Controller');
    expect(upsert).toContain('SET n:Controller');
    expect(upsert).toMatch(/\| REMOVE n:Host:/);
    expect(upsert).not.toMatch(/REMOVE n:[^\n]*:Controller\b/);
    expect(edgeUpsert('AdminTo')).toContain('MERGE (a)-[e:AdminTo {eid: row[0]}]->(b)');
  });
});
