/**
 * The demo's signals: one planted chain across vendor access, IT and OT — a vendor VPN login from a new
 * country (T1133), an RDP logon to the OT jump host (T1021.001) and an S7 program download from the
 * engineering workstation to the cooling PLC (T0843) — plus noise: scans and policy alerts on ordinary
 * machines, one strong malware alert, and alerts on addresses the estate does not know (unattached).
 * Times are relative to `now`, so the chain is current whenever the demo is loaded.
 */
import type { GraphBatch, SignalRow } from '@chokepoint/queries';
import { alias } from '@chokepoint/queries';
import { DEMO_IDS, type DemoEstate } from './estate.js';
import { Random } from './random.js';

const HOUR = 3_600_000;

/** The planted chain's signal ids, in attack order. */
export const DEMO_CHAIN = ['demo-chain-1-vpn-login', 'demo-chain-2-rdp-jump', 'demo-chain-3-s7-download'] as const;

export function demoSignals(estate: DemoEstate, now = new Date(), seed = 11): GraphBatch {
  const at = (hoursAgo: number) => new Date(now.getTime() - hoursAgo * HOUR).toISOString();
  const signals: SignalRow[] = [
    { id: DEMO_CHAIN[0], time: at(30), product: 'fortigate', rule: 'SSL-VPN login from a country not seen for this account (RO)', severity: 'low', confidence: 0.6, techniques: ['T1133'], subjects: [{ key: DEMO_IDS.acmeVpn, role: 'host' }, { key: alias('name', 'svc-acme'), role: 'user' }], evidence: 'demo signals: vpn', summary: 'user svc-acme, remote 185.220.101.7' },
    { id: DEMO_CHAIN[1], time: at(20), product: 'edr', rule: 'Interactive RDP logon to OT jump host outside the change window', severity: 'low', confidence: 0.7, techniques: ['T1021.001'], subjects: [{ key: alias('ip', '10.30.0.10'), role: 'host' }], evidence: 'demo signals: edr' },
    { id: DEMO_CHAIN[2], time: at(6), product: 'ot-monitor', rule: 'S7comm program download (Request Download) to PLC', severity: 'medium', confidence: 0.8, techniques: ['T0843'], subjects: [{ key: alias('ip', '10.32.0.20'), role: 'source' }, { key: alias('ip', '10.31.0.11'), role: 'destination' }], evidence: 'demo signals: ot monitor' },
  ];
  // Noise on ordinary machines: the scanned hosts' addresses.
  const rng = new Random(seed);
  const addresses = estate.batches.flatMap((b) => b.nodes).flatMap((n) => n.aliases ?? []).filter((a) => a.startsWith('ip:10.') && !/^ip:10\.(30|31|32)\.0\./.test(a));
  const noise = [
    ['ET SCAN Potential SSH Scan', 'low', 'T1046'], ['ET POLICY Dropbox.com Offsite File Backup in Use', 'info', ''], ['ET INFO Observed DNS Query to .cloud TLD', 'info', ''],
    ['ET SCAN Nmap Scripting Engine User-Agent Detected', 'medium', 'T1046'], ['ET POLICY SMB2 NT Create AndX Request For an Executable File', 'low', 'T1570'],
  ] as const;
  for (let i = 0; i < Math.min(40, addresses.length); i++) {
    const [rule, severity, technique] = noise[i % noise.length]!;
    signals.push({ id: `demo-noise-${i}`, time: at(1 + rng.int(160)), product: 'suricata', rule, severity, confidence: 0.5, techniques: technique ? [technique] : [], subjects: [{ key: addresses[rng.int(addresses.length)]!, role: 'destination' }], evidence: 'demo signals: ids' });
  }
  signals.push({ id: 'demo-noise-malware', time: at(2), product: 'suricata', rule: 'ET MALWARE Win32/Emotet CnC Activity', severity: 'high', confidence: 0.9, techniques: ['T1071'], subjects: [{ key: addresses[0] ?? alias('ip', '10.9.9.9'), role: 'source' }], evidence: 'demo signals: ids' });
  for (let i = 0; i < 5; i++) signals.push({ id: `demo-unattached-${i}`, time: at(3 + i), product: 'suricata', rule: 'ET SCAN Suspicious inbound to MSSQL port 1433', severity: 'medium', confidence: 0.6, techniques: ['T1046'], subjects: [{ key: alias('ip', `203.0.113.${10 + i}`), role: 'source' }], evidence: 'demo signals: ids' });
  return { source: 'demo/signals', format: 'signals', complete: false, nodes: [], edges: [], signals };
}
