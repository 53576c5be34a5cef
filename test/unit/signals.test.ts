/**
 * Signals: the importers on written files (the real ones are in the corpus test), refusals naming the file
 * and line, and the ranking rule — a weak signal on a route to a crown jewel outranks a strong one on a
 * machine no route leads on from; an unattached signal is reported, not dropped.
 */
import { describe, expect, it } from 'vitest';
import { analyseSignals, attachSignals, buildModel, scoreModel, type NodeRef, type SignalRow, type StoredSignal } from '@chokepoint/queries';
import { parseFixture } from '../helpers/fixtures.js';
import { bufferInput, demoSignals, findImporter, generateDemoEstate, signalsJson } from '@chokepoint/importers';
import { edge, node } from '../helpers/model.js';
import { runCli } from '../helpers/cli.js';

describe('signal importers', () => {
  it('reads the generic CSV: times in three forms, severity words and scores, subjects of each kind, techniques', async () => {
    const b = await parseFixture('signals', 'signals/generic.csv');
    expect(b.complete).toBe(false);
    expect(b.signals!.map((s) => [s.time, s.severity, s.confidence, s.techniques, s.subjects.map((x) => x.key)])).toEqual([
      ['2026-11-20T08:00:00.000Z', 'high', 0.9, ['T1003.001'], ['hostname:ws01']],
      ['2025-11-20T08:00:00.000Z', 'low', 0.7, ['T0836', 'T0855'], ['ip:10.31.0.11']],
      ['2026-11-20T09:30:00.000Z', 'high', 0.6, ['T1078'], ['name:alice@corp.example']],
      ['2026-11-20T09:00:00.000Z', 'info', 0.7, [], ['aws:arn:aws:iam::1:role/x']],
    ]);
  });

  it('reads FortiGate, GlobalProtect and Ivanti VPN logins from one syslog: sessions on the access path, each login a signal on it, the account and the remote address', async () => {
    const b = await parseFixture('vpn-log', 'signals/vpn-mixed.log', { access: 'Acme VPN' });
    expect(b.nodes).toEqual([{ id: 'access:acme-vpn', kind: 'RemoteAccess', name: 'Acme VPN', props: { method: 'vpn', sessions: 3, clients: ['carol', 'corp\\alice', 'svc-acme'], lastLogin: '2026-11-20T10:00:00.000Z' } }]);
    expect(b.rejected).toEqual({ 'VPN device records that are no login': 3, 'lines that are no FortiGate, GlobalProtect or Ivanti record': 1 });
    expect(b.signals!.map((x) => [x.time, x.product, x.rule.endsWith('failed') ? 'fail' : 'ok', x.techniques[0], x.subjects.map((y) => y.key)])).toEqual([
      ['2026-11-20T07:00:00.123Z', 'fortigate', 'ok', 'T1133', ['access:acme-vpn', 'name:svc-acme', 'ip:185.220.101.7']],
      ['2026-11-20T08:01:00.000Z', 'fortigate', 'fail', 'T1110', ['access:acme-vpn', 'name:admin', 'ip:203.0.113.9']],
      ['2026-11-20T09:00:00.000Z', 'globalprotect', 'ok', 'T1133', ['access:acme-vpn', 'name:corp\\alice', 'ip:198.51.100.23']],
      ['2026-11-20T09:05:00.000Z', 'globalprotect', 'fail', 'T1110', ['access:acme-vpn', 'name:bob', 'ip:192.0.2.44']],
      ['2026-11-20T10:00:00.000Z', 'ivanti', 'ok', 'T1133', ['access:acme-vpn', 'name:carol', 'ip:203.0.113.50']],
      ['2026-11-20T10:05:00.000Z', 'ivanti', 'fail', 'T1110', ['access:acme-vpn', 'name:dave', 'ip:198.51.100.77']],
    ]);
    // The first FortiGate line has eventtime (epoch ns), the second only date/time without tz: read as UTC.
    expect(b.signals![2]!.summary).toContain('from RO');
    await expect(parseFixture('vpn-log', 'signals/no-vpn.log')).rejects.toThrow(/no-vpn\.log:2.*no VPN login event/);
  });

  it('refuses a cut EVE line and a bad severity with the file and line', async () => {
    await expect(parseFixture('suricata', 'signals/truncated-eve.json')).rejects.toThrow(/truncated-eve\.json:3.*not valid JSON/);
    await expect(parseFixture('signals', 'signals/bad-severity.csv')).rejects.toThrow(/bad-severity\.csv:2.*"sort of bad" is not a severity/);
    const cli = await runCli(['--data-dir', '/nonexistent/never-created', 'import', 'suricata', 'test/fixtures/signals/truncated-eve.json']);
    expect(cli.code).toBe(2);
    expect(cli.stderr).toMatch(/truncated-eve\.json:3/);
  });
});

describe('demo signals exported in the generic format', () => {
  it('read back through the signals importer to the same signals', async () => {
    const batch = demoSignals(generateDemoEstate({ size: 200, seed: 5 }), new Date('2026-11-20T12:00:00.000Z'));
    const file = signalsJson(batch);
    const back = await findImporter('signals')!.parse([bufferInput(file.path, Buffer.from(file.content))], {});
    const key = (s: SignalRow) => [s.id, s.time, s.severity, s.rule, s.confidence, s.techniques.join(';'), s.subjects.map((x) => x.key).sort().join(' ')].join('|');
    expect(back.signals!.map(key)).toEqual(batch.signals!.map(key));
  });
});

describe('signal ranking', () => {
  it('a low-severity signal on a route to a crown jewel outranks a high-severity one off every route; unattached signals are reported', async () => {
    const model = buildModel([
      node('internet', 'Internet', { exposure: 'internet' }),
      node('ws', 'Host', { name: 'eng-ws' }), node('hmi', 'Host', { name: 'hmi' }), node('plc', 'Controller', { name: 'cooling PLC', criticality: 10 }),
      node('kiosk', 'Host', { name: 'lobby kiosk' }),
    ], [edge('AdminTo', 'ws', 'hmi', { p: 0.8 }), edge('Controls', 'hmi', 'plc', { key: 's7comm', p: 0.9 })]);
    const signal = (id: string, severity: StoredSignal['severity'], key: string): StoredSignal => ({
      id, time: '2026-11-20T10:00:00.000Z', product: 'test', rule: id, severity, confidence: 0.8, techniques: [], subjects: [{ key, role: 'host' }], evidence: 'test', runId: 'r1', source: 'test',
    });
    const known = new Map<string, NodeRef>([['ip:10.0.0.1', { id: 'ws', kind: 'Host' }], ['ip:10.0.0.9', { id: 'kiosk', kind: 'Host' }]]);
    const attachment = await attachSignals([signal('weak-on-route', 'low', 'ip:10.0.0.1'), signal('strong-isolated', 'high', 'ip:10.0.0.9'), signal('nowhere', 'critical', 'ip:198.51.100.1')],
      async (keys) => new Map(keys.filter((k) => known.has(k)).map((k) => [k, known.get(k)!])));
    const a = analyseSignals(model, scoreModel(model), attachment, { now: new Date('2026-11-20T12:00:00.000Z') });
    expect(a.ranked.map((r) => r.id)).toEqual(['weak-on-route', 'strong-isolated']);
    expect(a.ranked[0]).toMatchObject({ hopsLeft: 2, target: { id: 'plc' }, node: { id: 'ws' } });
    expect(a.ranked[0]!.routeRisk).toBeCloseTo(0.8 * 0.9 * 10, 10);
    // strength = 0.25 (low) × 0.8 × 0.5^(2 h / 24 h)
    expect(a.ranked[0]!.strength).toBeCloseTo(0.25 * 0.8 * 0.5 ** (2 / 24), 12);
    expect(a.ranked[1]).toMatchObject({ routeRisk: 0, score: 0, target: null, hopsLeft: null });
    expect(a.unattachedSignals).toEqual([expect.objectContaining({ id: 'nowhere', subjects: ['ip:198.51.100.1'] })]);
    // No policy entry reaches the PLC, so the risk without signals is 0; the foothold at eng-ws makes it s × 0.72 × 10.
    expect(a.scoreWithout).toBe(0);
    expect(a.scoreWith).toBeCloseTo(a.ranked[0]!.strength * 0.8 * 0.9 * 10, 10);
  });
});
