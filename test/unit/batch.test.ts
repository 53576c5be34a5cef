/** The GraphBatch validator names every offending element and what was expected. */
import { describe, expect, it } from 'vitest';
import { assertValidBatch, batchIssues, InvalidBatchError } from '@chokepoint/queries';

const valid = () => ({
  source: 'nmap/dmz', format: 'nmap', complete: true,
  nodes: [
    { id: 'host:1', kind: 'Host', name: 'h', aliases: ['ip:10.0.0.1'], props: { os: 'linux', ports: [22, 80] } },
    { id: 'svc:1', kind: 'Service', name: 's' },
    { id: 'plc:1', kind: 'Controller', name: 'p', purdueLevel: 1, criticality: 9 },
    { id: 'hmi:1', kind: 'Hmi', name: 'hmi' },
  ],
  edges: [
    { kind: 'Runs', from: 'host:1', to: 'svc:1' },
    { kind: 'Controls', from: 'hmi:1', to: 'plc:1', key: 'modbus', p: 0.8 },
  ],
});

describe('batchIssues', () => {
  it('accepts a valid batch', () => {
    expect(batchIssues(valid())).toEqual([]);
  });

  it.each([
    ['unknown node kind', (b: ReturnType<typeof valid>) => { (b.nodes[0] as { kind: string }).kind = 'Hots'; }, /nodes\[0\]\.kind: "Hots" is not a node kind/],
    ['criticality out of range', (b: ReturnType<typeof valid>) => { b.nodes[2]!.criticality = 11; }, /nodes\[2\]\.criticality: expected a number from 0 to 10, got 11/],
    ['criticality 1e999 (Infinity once parsed)', (b: ReturnType<typeof valid>) => { b.nodes[2]!.criticality = JSON.parse('1e999') as number; }, /nodes\[2\]\.criticality: expected a number from 0 to 10, got Infinity \(a number out of range\)/],
    ['a property nested 100,000 deep', (b: ReturnType<typeof valid>) => { (b.nodes[2] as { props: Record<string, unknown> }).props = { v: JSON.parse('['.repeat(100_000) + ']'.repeat(100_000)) as unknown }; }, /nodes\[2\]\.props\.v: expected a string, finite number, boolean, null or a list of one of those, got a value nested too deeply to show/],
    ['bad Purdue level', (b: ReturnType<typeof valid>) => { b.nodes[2]!.purdueLevel = 7; }, /nodes\[2\]\.purdueLevel: expected one of/],
    ['unknown exposure', (b: ReturnType<typeof valid>) => { (b.nodes[0] as Record<string, unknown>).exposure = 'everywhere'; }, /nodes\[0\]\.exposure: "everywhere" is not one of internet/],
    ['bad alias', (b: ReturnType<typeof valid>) => { b.nodes[0]!.aliases = ['10.0.0.1']; }, /nodes\[0\]\.aliases\[0\]: expected '<kind>:<value>'/],
    ['reserved property', (b: ReturnType<typeof valid>) => { (b.nodes[0]!.props as Record<string, unknown>).sources = 'x'; }, /nodes\[0\]\.props\.sources: 'sources' is reserved/],
    ['nested property', (b: ReturnType<typeof valid>) => { (b.nodes[0]!.props as Record<string, unknown>).deep = { a: 1 }; }, /nodes\[0\]\.props\.deep: expected a string, finite number/],
    ['mixed list', (b: ReturnType<typeof valid>) => { (b.nodes[0]!.props as Record<string, unknown>).ports = [22, 'x']; }, /props\.ports/],
    ['dangling endpoint', (b: ReturnType<typeof valid>) => { b.edges[0]!.to = 'svc:404'; }, /edges\[0\]\.to: "svc:404" is not a node of this batch/],
    ['wrong endpoint kind', (b: ReturnType<typeof valid>) => { b.edges[1]!.from = 'svc:1'; }, /edges\[1\]\.from: a Controls edge cannot start at a Service/],
    ['probability out of range', (b: ReturnType<typeof valid>) => { b.edges[1]!.p = 1.5; }, /edges\[1\]\.p: expected a probability in \(0, 1\]/],
    ['derived kind from an importer', (b: ReturnType<typeof valid>) => { b.edges.push({ kind: 'CanExploit', from: 'host:1', to: 'svc:1' }); }, /edges\[2\]\.kind: CanExploit is derived/],
    ['bad source name', (b: ReturnType<typeof valid>) => { b.source = 'Nmap DMZ!'; }, /source: expected a lower-case name/],
    ['same id, unrelated kinds', (b: ReturnType<typeof valid>) => { b.nodes.push({ id: 'host:1', kind: 'User', name: 'u' }); }, /nodes\[4\]: id "host:1" repeats with kind User, earlier Host/],
  ])('rejects %s', (_name, mutate, pattern) => {
    const b = valid();
    mutate(b);
    const issues = batchIssues(b);
    expect(issues.join('\n')).toMatch(pattern);
  });

  it('accepts a repeated id whose kinds refine each other (the same machine)', () => {
    const b = valid();
    b.nodes.push({ id: 'host:1', kind: 'Controller', name: 'h' } as never);
    expect(batchIssues(b)).toEqual([]);
  });

  it('throws InvalidBatchError listing the issues', () => {
    const b = valid();
    b.edges[0]!.to = 'nowhere';
    expect(() => assertValidBatch(b)).toThrow(InvalidBatchError);
    expect(() => assertValidBatch({})).toThrow(/source: expected/);
  });
});
