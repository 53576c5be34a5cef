/**
 * The real-file corpus (test/fixtures/real, origins in its README): every case is imported by the real
 * importer and its batch is compared with the figures oracle.py computed from the raw files by another
 * method (Python's standard library and the documented mapping rules). Refused files must be refused
 * with the file, the line and what was wrong.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { batchIssues, isRemote, type GraphBatch } from '@chokepoint/queries';
import { FIXTURES, parseFixture, tally } from '../helpers/fixtures.js';

interface Case {
  format: string; name: string; files: string[]; options: Record<string, string | boolean>;
  nodes?: Record<string, number>; edges?: Record<string, number>; rejected?: Record<string, number>;
  facts?: Record<string, unknown>; partial?: boolean; refused?: { line: number; message: string };
}

const CASES = JSON.parse(readFileSync(join(FIXTURES, 'real/expected.json'), 'utf8')) as Case[];

const sorted = (xs: Iterable<string>) => [...xs].sort();

/** The per-format facts, computed from the batch the same way oracle.py names them. */
function facts(format: string, b: GraphBatch): Record<string, unknown> {
  const nodes = new Map(b.nodes.map((n) => [n.id, n]));
  switch (format) {
    case 'nmap': return { servicesByProtocol: Object.fromEntries(Object.entries(tally(b.nodes.filter((n) => n.kind === 'Service'), (n) => String(n.props?.protocol))).sort()) };
    case 'nessus': return { remoteVulnerabilities: b.nodes.filter((n) => n.kind === 'Vulnerability' && isRemote(n.props ?? {})).length };
    case 'openvpn': return { sessions: b.nodes[0]?.props?.sessions, clients: b.nodes[0]?.props?.clients };
    case 'zeek': {
      const reach = b.edges.filter((e) => e.kind === 'CanReach');
      return {
        writes: reach.reduce((sum, e) => sum + Number(e.props?.writes ?? 0), 0),
        operations: sorted(new Set(reach.flatMap((e) => (e.props?.operations as string[] | undefined) ?? []))),
        flowsWithWrites: reach.filter((e) => Number(e.props?.writes ?? 0) > 0).length,
      };
    }
    case 'aws': {
      const perms = b.edges.filter((e) => e.kind === 'HasPermission');
      const source = (id: string) => { const n = nodes.get(id); return id === 'internet' ? 'internet' : n?.kind === 'Internet' ? 'restricted internet' : n?.kind === 'Zone' ? 'zone' : 'instance'; };
      return {
        hasPermissionByKey: Object.fromEntries(Object.entries(tally(perms, (e) => e.key!)).sort()),
        canReachBySource: Object.fromEntries(Object.entries(tally(b.edges.filter((e) => e.kind === 'CanReach'), (e) => source(e.from))).sort()),
        allRolesNodes: b.nodes.filter((n) => n.props?.scope === 'all roles').length,
        allBucketsNodes: b.nodes.filter((n) => n.props?.scope === 'all buckets').length,
        buckets: b.nodes.filter((n) => n.id.startsWith('aws:arn:aws:s3:::')).length,
      };
    }
    case 'suricata':
    case 'zeek-notice': {
      const signals = b.signals ?? [];
      return {
        signals: signals.length,
        bySeverity: Object.fromEntries(Object.entries(tally(signals, (x) => x.severity)).sort()),
        ...(format === 'suricata' ? { subjects: signals.reduce((n, x) => n + x.subjects.length, 0) } : { byLog: Object.fromEntries(Object.entries(tally(signals, (x) => (x.rule.startsWith('weird:') ? 'weird' : 'notice'))).sort()) }),
      };
    }
    default: return {};
  }
}

const pick = (counts: Record<string, number>, keys: string[]) => Object.fromEntries(keys.map((k) => [k, counts[k] ?? 0]));

describe('real-file corpus', () => {
  it('covers every format the issue names, with several files each', () => {
    const files = (format: string) => new Set(CASES.filter((c) => c.format === format).flatMap((c) => c.files)).size;
    for (const format of ['nmap', 'nessus', 'openvpn', 'zeek', 'sharphound', 'aws', 'suricata', 'zeek-notice']) expect(files(format), format).toBeGreaterThanOrEqual(3);
  });

  it.each(CASES.map((c) => [`${c.format}: ${c.name}`, c] as const))('%s', async (_name, c) => {
    const files = c.files.map((f) => `real/${f}`);
    if (c.refused) {
      const error = await parseFixture(c.format, files, c.options).then(() => null, (e: unknown) => e);
      expect(error, 'the file must be refused').toMatchObject({ code: 'BAD_INPUT' });
      const message = (error as Error).message;
      expect(message).toContain(`${c.files[0]!.split('/').pop()}:${c.refused.line}:`);
      expect(message).toContain(c.refused.message);
      return;
    }
    const b = await parseFixture(c.format, files, c.options);
    expect(batchIssues(b)).toEqual([]);
    const nodes = tally(b.nodes, (n) => `${n.kind}${n.ref ? '(ref)' : ''}`);
    const edges = tally(b.edges, (e) => e.kind);
    const rejected = b.rejected ?? {};
    if (c.partial) {
      expect(pick(nodes, Object.keys(c.nodes!))).toEqual(c.nodes);
      expect(pick(edges, Object.keys(c.edges!))).toEqual(c.edges);
      // Every reason the oracle knows is compared; others (trusts of service principals …) are the importer's own.
      expect(pick(rejected, [...new Set([...Object.keys(c.rejected ?? {}), ...Object.keys(rejected).filter((k) => k.startsWith('security-group') || k.startsWith('attached managed'))])])).toEqual(
        pick(c.rejected ?? {}, [...new Set([...Object.keys(c.rejected ?? {}), ...Object.keys(rejected).filter((k) => k.startsWith('security-group') || k.startsWith('attached managed'))])]));
    } else {
      expect(nodes).toEqual(c.nodes);
      expect(edges).toEqual(c.edges);
      if (c.rejected) expect(rejected).toEqual(c.rejected);
    }
    if (c.facts) expect(facts(c.format, b)).toEqual(c.facts);
    // Whatever was counted as rejected is also said in a warning or is a documented per-record reason.
    if (Object.keys(rejected).some((k) => k.startsWith('unread log type'))) expect(b.warnings?.some((w) => /log type "/.test(w))).toBe(true);
  });
});
