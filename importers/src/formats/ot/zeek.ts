/**
 * `zeek`: Zeek conn.log and CISA ICSNPP logs (TSV or JSON lines; files of several logs form one run).
 * Observed flows become CanReach edges from the originating host to the responder's Service, with the
 * protocol, the services Zeek recognised and connection counts; flows the responder never answered
 * (S0, REJ, …) are left out, and loopback, multicast, broadcast and unspecified addresses are not
 * assets. ICSNPP logs add what matters for OT: write/program operations per flow (Modbus writes, S7
 * writes/stop/download, CIP set/write services) as `writes`, the facts the scoring derives Controls
 * from, and device identity (cip_identity, s7comm_known_devices) as vendor/model/serial on the device.
 */
import { alias, type BatchEdge, type BatchNode, type GraphBatch, type Props } from '@chokepoint/queries';
import type { Importer } from '../../registry.js';
import { readZeekLog, type ZeekRecord } from './zeek-log.js';

const NO_ANSWER = new Set(['S0', 'REJ', 'SH', 'SHR', 'RSTOS0', 'RSTRH']);
const S7_WRITES = new Set(['Write Variable', 'PLC Stop', 'PLC Control', 'Download', 'Request Download', 'Download Block', 'Download Ended']);

function notAnAsset(ip: string): boolean {
  return /^(127\.|0\.0\.0\.0$|2(2[4-9]|3\d)\.|255\.255\.255\.255$)/.test(ip) || /\.255$/.test(ip) || ip === '::1' || ip === '::' || /^ff/i.test(ip);
}

interface Flow { orig: string; resp: string; proto: string; port: number; services: Set<string>; connections: number; writes: number; operations: Set<string> }

export async function zeekBatch(records: AsyncIterable<ZeekRecord>, source: string, files: string[]): Promise<GraphBatch> {
  const flows = new Map<string, Flow>();
  const identity = new Map<string, Props>();
  const hosts = new Set<string>();
  let skipped = 0;
  let unanswered = 0;
  const flow = (orig: string, resp: string, proto: string, port: number): Flow | null => {
    if (notAnAsset(orig) || notAnAsset(resp)) { skipped++; return null; }
    hosts.add(orig); hosts.add(resp);
    const key = `${orig}|${resp}|${proto}/${port}`;
    let f = flows.get(key);
    if (!f) { f = { orig, resp, proto, port, services: new Set(), connections: 0, writes: 0, operations: new Set() }; flows.set(key, f); }
    return f;
  };
  const s = (r: ZeekRecord, k: string) => (typeof r[k] === 'string' ? (r[k] as string) : '');
  for await (const r of records) {
    const orig = s(r, 'id.orig_h'), resp = s(r, 'id.resp_h'), port = Number(s(r, 'id.resp_p'));
    switch (r._path) {
      case 'conn': {
        if (NO_ANSWER.has(s(r, 'conn_state'))) { unanswered++; continue; }
        const f = flow(orig, resp, s(r, 'proto') || 'tcp', port);
        if (!f) continue;
        f.connections++;
        const service = r.service;
        for (const x of Array.isArray(service) ? service : service ? [service] : []) if (x) f.services.add(x);
        break;
      }
      case 'modbus': {
        const f = flow(orig, resp, 'tcp', port);
        const func = s(r, 'func');
        if (f) { f.services.add('modbus'); if (/WRITE/.test(func)) { f.writes++; f.operations.add(func); } }
        break;
      }
      case 's7comm': {
        const f = s(r, 'is_orig') === 'T' ? flow(orig, resp, 'tcp', port) : null;
        const fn = s(r, 'function_name');
        if (f) { f.services.add('s7comm'); if (S7_WRITES.has(fn)) { f.writes++; f.operations.add(fn); } }
        break;
      }
      case 'cip': {
        const f = s(r, 'direction') === 'request' ? flow(orig, resp, 'tcp', port) : null;
        const service = s(r, 'cip_service');
        if (f) { f.services.add('cip'); if (/^(Set|Write|Reset|Apply)/i.test(service)) { f.writes++; f.operations.add(service); } }
        break;
      }
      case 'cip_identity': {
        const ip = s(r, 'socket_address') || resp;
        if (notAnAsset(ip)) break;
        hosts.add(ip);
        identity.set(ip, { ...identity.get(ip), industrialDevice: true, vendor: s(r, 'vendor_name'), model: s(r, 'product_name'), deviceType: s(r, 'device_type_name'), firmware: s(r, 'revision'), serial: s(r, 'serial_number') });
        break;
      }
      case 's7comm_known_devices': {
        const ip = resp;
        if (notAnAsset(ip)) break;
        hosts.add(ip);
        identity.set(ip, { ...identity.get(ip), industrialDevice: true, vendor: 'Siemens', model: s(r, 'module_name'), automationSystem: s(r, 'automation_system_name'), serial: s(r, 'module_serial'), ...(s(r, 'plant_name') ? { plant: s(r, 'plant_name') } : {}) });
        break;
      }
      default: break; // other logs (dns, http, cotp, enip, …) add nothing to the attack graph yet
    }
  }
  const nodes: BatchNode[] = [];
  const edges: BatchEdge[] = [];
  for (const ip of hosts) {
    const props = Object.fromEntries(Object.entries(identity.get(ip) ?? {}).filter(([, v]) => v !== '')) as Props;
    const serial = typeof props.serial === 'string' && props.serial ? [alias('serial', props.serial)] : [];
    nodes.push({ id: `host:${ip}`, kind: 'Host', name: ip, aliases: [alias('ip', ip), ...serial], props });
  }
  const services = new Set<string>();
  for (const f of flows.values()) {
    const portKey = `${f.proto}/${f.port}`;
    const svcId = `svc:${f.resp}:${portKey}`;
    if (!services.has(svcId)) {
      services.add(svcId);
      nodes.push({ id: svcId, kind: 'Service', name: `${[...f.services][0] ?? 'unknown'} ${portKey} on ${f.resp}`, props: { protocol: f.proto, port: f.port } });
      edges.push({ kind: 'Runs', from: `host:${f.resp}`, to: svcId });
    }
    edges.push({
      kind: 'CanReach', from: `host:${f.orig}`, to: svcId, key: portKey,
      props: { services: [...f.services].sort(), connections: f.connections, writes: f.writes, ...(f.operations.size ? { operations: [...f.operations].sort() } : {}) },
      evidence: [`zeek: ${f.orig} → ${f.resp} ${portKey}`],
    });
  }
  const warnings = skipped ? [`${skipped} records between loopback, multicast, broadcast or unspecified addresses were not turned into assets`] : [];
  const rejected: Record<string, number> = {};
  if (skipped) rejected['loopback/multicast/broadcast address'] = skipped;
  if (unanswered) rejected['flow never answered'] = unanswered;
  return { source, format: 'zeek', complete: true, nodes, edges, warnings, files, rejected };
}

export const zeekImporter: Importer = {
  id: 'zeek',
  title: 'Zeek conn.log and CISA ICSNPP logs (TSV or JSON lines)',
  accepts: 'conn, modbus, s7comm, cip, cip_identity, s7comm_known_devices logs; several files form one run',
  async parse(files, context) {
    async function* all() { for (const f of files) yield* readZeekLog(f); }
    return zeekBatch(all(), context.source ?? 'zeek', files.map((f) => f.name));
  },
};
