/**
 * `zeek`: Zeek conn.log and CISA ICSNPP logs (TSV or JSON lines; files of several logs form one run).
 * Observed flows become CanReach edges from the originating host to the responder's Service, with the
 * protocol, the services Zeek recognised and connection counts; flows the responder never answered
 * (S0, REJ, …) are left out, and loopback, multicast, unspecified and broadcast addresses are not
 * assets. ICSNPP logs add what matters for OT and building systems:
 * - write, control and program operations per flow (Modbus writes, S7 writes/stop/download, CIP
 *   set/write services, BACnet WriteProperty / device control, DNP3 operate / direct-operate / write /
 *   restart) as `writes` and `operations`, the facts the scoring derives Controls from;
 * - device identity (cip_identity, s7comm_known_devices, BACnet I-Am, DNP3 outstations, Modbus read
 *   device identification): vendor, model, serial, instance on the device, whose kind becomes
 *   Controller (PLC, RTU, building controller) so it merges with inventory and scans by address.
 * Log types this importer does not read are counted under `rejected` with a warning naming them.
 *
 * Broadcast: 255.255.255.255 is never an asset. An address ending in .255 is a broadcast address only when
 * the capture uses it as one — it is the destination of BACnet discovery (Who-Is / I-Am / Who-Has /
 * I-Have) or receives UDP from two or more hosts — and it never takes part in a TCP flow (no broadcast
 * address completes a handshake; Zeek may pair UDP "answers" with a broadcast). Otherwise it is an
 * ordinary host (networks wider than /24 have such hosts). Broadcast addresses of subnets narrower than
 * /24 (.127, .63 …) are not recognised from flows and stay hosts.
 */
import { alias, type BatchEdge, type BatchNode, type GraphBatch, type NodeKind, type Props } from '@chokepoint/queries';
import type { Importer } from '../../registry.js';
import { retentionDays } from '../../options.js';
import { readZeekLog, type ZeekRecord } from './zeek-log.js';

const NO_ANSWER = new Set(['S0', 'REJ', 'SH', 'SHR', 'RSTOS0', 'RSTRH']);
const S7_WRITES = new Set(['Write Variable', 'PLC Stop', 'PLC Control', 'Download', 'Request Download', 'Download Block', 'Download Ended']);
/** BACnet services that change a device (ASHRAE 135 write, object, file and device-management services). */
const BACNET_WRITES = /^(write[_-]property([_-]multiple)?|write[_-]group|atomic[_-]write[_-]file|create[_-]object|delete[_-]object|add[_-]list[_-]element|remove[_-]list[_-]element|device[_-]communication[_-]control|reinitiali[sz]e[_-]device)$/i;
const BACNET_DISCOVERY = /^(who[_-]is|i[_-]am|who[_-]has|i[_-]have)$/i;
/** DNP3 function codes that command an outstation (IEEE 1815): writes, operates, restarts, application control. */
const DNP3_COMMANDS = new Set(['WRITE', 'OPERATE', 'DIRECT_OPERATE', 'DIRECT_OPERATE_NR', 'COLD_RESTART', 'WARM_RESTART', 'INITIALIZE_DATA', 'INITIALIZE_APPL', 'START_APPL', 'STOP_APPL', 'SAVE_CONFIG', 'ACTIVATE_CONFIG']);
const MODBUS_ID_FIELDS: Record<string, string> = { VendorName: 'vendor', ProductCode: 'productCode', MajorMinorVersion: 'firmware', ProductName: 'model', ModelName: 'model' };

/** The log types this importer reads; any other is counted under `rejected`. */
export const ZEEK_LOGS = [
  'conn', 'modbus', 'modbus_detailed', 'modbus_mask_write_register', 'modbus_read_write_multiple_registers', 'modbus_read_device_identification',
  's7comm', 's7comm_upload_download', 's7comm_known_devices', 'cotp', 'enip', 'cip', 'cip_identity',
  'bacnet', 'bacnet_discovery', 'bacnet_property', 'bacnet_device_control', 'dnp3', 'dnp3_control', 'dnp3_objects',
] as const;
const READS = new Set<string>(ZEEK_LOGS);

/** Addresses that are never assets, whatever the capture says. */
function neverAnAsset(ip: string): boolean {
  return /^(127\.|0\.0\.0\.0$|2(2[4-9]|3\d)\.|255\.255\.255\.255$)/.test(ip) || ip === '::1' || ip === '::' || /^ff/i.test(ip);
}

interface Flow {
  orig: string; resp: string; proto: string; port: number; services: Set<string>; connections: number; records: number;
  /** Operations counted per log: several logs of one analyser report the same operation, so the largest count is kept. */
  writesBy: Map<string, number>; operations: Set<string>;
}
/** What a device says about itself; the first identification decides its kind. */
interface Identity { kind: NodeKind; props: Props }

/** What the capture says about an address, to tell broadcast addresses from hosts. */
interface AddressUse { tcp: boolean; udpSenders: Set<string>; discovery: boolean }

/** Days a flow counts as current without a newer capture that saw it (`--retention-days`). */
export const FLOW_RETENTION_DAYS = 30;

export async function zeekBatch(records: AsyncIterable<ZeekRecord>, source: string, files: string[], retentionDays = FLOW_RETENTION_DAYS): Promise<GraphBatch> {
  const flows = new Map<string, Flow>();
  const identity = new Map<string, Identity>();
  const use = new Map<string, AddressUse>();
  const unread = new Map<string, number>();
  let skipped = 0;
  let unanswered = 0;
  const usage = (ip: string): AddressUse => {
    let u = use.get(ip);
    if (!u) { u = { tcp: false, udpSenders: new Set(), discovery: false }; use.set(ip, u); }
    return u;
  };
  const flow = (orig: string, resp: string, proto: string, port: number): Flow | null => {
    if (!orig || !resp || neverAnAsset(orig) || neverAnAsset(resp)) { skipped++; return null; }
    const key = `${orig}|${resp}|${proto}/${port}`;
    let f = flows.get(key);
    if (!f) { f = { orig, resp, proto, port, services: new Set(), connections: 0, records: 0, writesBy: new Map(), operations: new Set() }; flows.set(key, f); }
    f.records++;
    if (proto === 'tcp') { usage(orig).tcp = true; usage(resp).tcp = true; }
    return f;
  };
  const write = (f: Flow | null, log: string, operation: string) => {
    if (!f) return;
    f.writesBy.set(log, (f.writesBy.get(log) ?? 0) + 1);
    f.operations.add(operation);
  };
  const identify = (ip: string, kind: NodeKind, props: Props) => {
    if (!ip || neverAnAsset(ip)) return;
    const old = identity.get(ip);
    const clean = Object.fromEntries(Object.entries(props).filter(([, v]) => v !== '' && v !== null && v !== undefined)) as Props;
    identity.set(ip, { kind: old?.kind ?? kind, props: { ...old?.props, ...clean } });
  };
  const s = (r: ZeekRecord, k: string) => (typeof r[k] === 'string' ? (r[k] as string) : '');
  /** The request direction of an ICSNPP record that has `is_orig`/`source_h`: requests only. */
  const request = (r: ZeekRecord, proto: string, service: string): Flow | null => {
    if (s(r, 'is_orig') === 'F') return null;
    const from = s(r, 'source_h') || s(r, 'id.orig_h'), to = s(r, 'destination_h') || s(r, 'id.resp_h');
    const port = Number(s(r, 'destination_p') || s(r, 'id.resp_p'));
    const f = flow(from, to, proto, port);
    f?.services.add(service);
    return f;
  };
  let read = 0;
  for await (const r of records) {
    read++;
    if (r._unread) { unread.set(r._path, (unread.get(r._path) ?? 0) + 1); continue; }
    const orig = s(r, 'id.orig_h'), resp = s(r, 'id.resp_h'), port = Number(s(r, 'id.resp_p'));
    switch (r._path) {
      case 'conn': {
        const proto = s(r, 'proto') || 'tcp';
        if (proto === 'udp') usage(resp).udpSenders.add(orig);
        if (NO_ANSWER.has(s(r, 'conn_state'))) { unanswered++; continue; }
        const f = flow(orig, resp, proto, port);
        if (!f) continue;
        f.connections++;
        const service = r.service;
        for (const x of Array.isArray(service) ? service : service ? [service] : []) if (x) f.services.add(x);
        break;
      }
      case 'modbus': case 'modbus_detailed': {
        const f = flow(orig, resp, 'tcp', port);
        const func = s(r, 'func');
        f?.services.add('modbus');
        if (/WRITE/.test(func)) write(f, r._path, func);
        break;
      }
      case 'modbus_mask_write_register': case 'modbus_read_write_multiple_registers': {
        const f = flow(orig, resp, 'tcp', port);
        f?.services.add('modbus');
        write(f, r._path, r._path === 'modbus_mask_write_register' ? 'MASK_WRITE_REGISTER' : 'READ_WRITE_MULTIPLE_REGISTERS');
        break;
      }
      case 'modbus_read_device_identification': {
        flow(orig, resp, 'tcp', port)?.services.add('modbus');
        const field = MODBUS_ID_FIELDS[s(r, 'object_id')];
        // The server's answer carries the objects; the device is the answering side.
        if (field && s(r, 'is_orig') === 'F' && s(r, 'object_value')) identify(s(r, 'source_h') || resp, 'Controller', { industrialDevice: true, protocol: 'modbus', [field]: s(r, 'object_value') });
        break;
      }
      case 's7comm': {
        const f = s(r, 'is_orig') === 'T' ? flow(orig, resp, 'tcp', port) : null;
        const fn = s(r, 'function_name');
        f?.services.add('s7comm');
        if (S7_WRITES.has(fn)) write(f, r._path, fn);
        break;
      }
      case 's7comm_upload_download': {
        const f = s(r, 'is_orig') === 'T' ? flow(orig, resp, 'tcp', port) : null;
        const fn = s(r, 'function_name');
        f?.services.add('s7comm');
        if (/download/i.test(fn)) write(f, 's7comm', fn);
        break;
      }
      case 'cotp': flow(orig, resp, 'tcp', port)?.services.add('cotp'); break;
      case 'enip': flow(orig, resp, 'tcp', port)?.services.add('enip'); break;
      case 'cip': {
        const f = s(r, 'direction') === 'request' ? flow(orig, resp, 'tcp', port) : null;
        const service = s(r, 'cip_service');
        f?.services.add('cip');
        if (/^(Set|Write|Reset|Apply)/i.test(service)) write(f, r._path, service);
        break;
      }
      case 'cip_identity': {
        const ip = s(r, 'socket_address') || resp;
        const type = s(r, 'device_type_name');
        identify(ip, /controller/i.test(type) ? 'Controller' : 'Device', { industrialDevice: true, vendor: s(r, 'vendor_name'), model: s(r, 'product_name'), deviceType: type, firmware: s(r, 'revision'), serial: s(r, 'serial_number') });
        break;
      }
      case 's7comm_known_devices':
        identify(resp, 'Controller', { industrialDevice: true, vendor: 'Siemens', model: s(r, 'module_name'), automationSystem: s(r, 'automation_system_name'), serial: s(r, 'module_serial'), plant: s(r, 'plant_name') });
        break;
      case 'bacnet': {
        const service = s(r, 'pdu_service');
        if (BACNET_DISCOVERY.test(service)) { usage(s(r, 'destination_h') || resp).discovery = true; break; }
        const f = request(r, 'udp', 'bacnet');
        if (BACNET_WRITES.test(service) && /REQUEST/.test(s(r, 'pdu_type'))) write(f, 'bacnet', service.toLowerCase().replace(/-/g, '_'));
        break;
      }
      case 'bacnet_property': case 'bacnet_device_control': {
        const service = s(r, 'pdu_service');
        const f = request(r, 'udp', 'bacnet');
        if (BACNET_WRITES.test(service)) write(f, r._path, service.toLowerCase().replace(/-/g, '_'));
        break;
      }
      case 'bacnet_discovery': {
        const service = s(r, 'pdu_service');
        usage(s(r, 'destination_h') || resp).discovery = true;
        if (/^i[_-]am$/i.test(service) && s(r, 'object_type') === 'device') {
          identify(s(r, 'source_h') || orig, 'Controller', { industrialDevice: true, protocol: 'bacnet', vendor: s(r, 'vendor'), bacnetInstance: Number(s(r, 'instance_number')) || s(r, 'instance_number') });
        }
        break;
      }
      case 'dnp3': {
        const f = flow(orig, resp, 'tcp', port);
        f?.services.add('dnp3');
        const fc = s(r, 'fc_request');
        if (DNP3_COMMANDS.has(fc)) write(f, r._path, fc);
        // The responding side of a DNP3 session is the outstation (RTU, IED, PLC).
        if (s(r, 'fc_reply')) identify(resp, 'Controller', { industrialDevice: true, protocol: 'dnp3', role: 'DNP3 outstation' });
        break;
      }
      case 'dnp3_control': {
        const f = request(r, 'tcp', 'dnp3');
        const fc = s(r, 'function_code');
        if (DNP3_COMMANDS.has(fc)) write(f, r._path, fc);
        break;
      }
      case 'dnp3_objects': {
        if (s(r, 'is_orig') === 'F') identify(s(r, 'source_h') || resp, 'Controller', { industrialDevice: true, protocol: 'dnp3', role: 'DNP3 outstation' });
        else { const f = request(r, 'tcp', 'dnp3'); if (s(r, 'function_code') === 'WRITE') write(f, r._path, 'WRITE'); }
        break;
      }
      default: break; // unreachable: types outside READS arrive as _unread
    }
  }

  const broadcast = (ip: string): boolean => {
    const u = use.get(ip);
    if (!u || u.tcp || !/^\d+\.\d+\.\d+\.255$/.test(ip)) return false;
    return u.discovery || u.udpSenders.size >= 2;
  };
  const hosts = new Set<string>();
  const kept: Flow[] = [];
  for (const f of flows.values()) {
    if (broadcast(f.orig) || broadcast(f.resp)) { skipped += f.records; continue; }
    kept.push(f);
    hosts.add(f.orig); hosts.add(f.resp);
  }
  for (const ip of identity.keys()) if (!broadcast(ip)) hosts.add(ip);

  const nodes: BatchNode[] = [];
  const edges: BatchEdge[] = [];
  for (const ip of hosts) {
    const id = identity.get(ip);
    const props = id?.props ?? {};
    const serial = typeof props.serial === 'string' && props.serial ? [alias('serial', props.serial)] : [];
    nodes.push({ id: `host:${ip}`, kind: id?.kind ?? 'Host', name: ip, aliases: [alias('ip', ip), ...serial], props });
  }
  const services = new Set<string>();
  for (const f of kept) {
    const portKey = `${f.proto}/${f.port}`;
    const svcId = `svc:${f.resp}:${portKey}`;
    if (!services.has(svcId)) {
      services.add(svcId);
      nodes.push({ id: svcId, kind: 'Service', name: `${[...f.services][0] ?? 'unknown'} ${portKey} on ${f.resp}`, props: { protocol: f.proto, port: f.port } });
      edges.push({ kind: 'Runs', from: `host:${f.resp}`, to: svcId });
    }
    const writes = Math.max(0, ...f.writesBy.values());
    edges.push({
      kind: 'CanReach', from: `host:${f.orig}`, to: svcId, key: portKey,
      props: { services: [...f.services].sort(), connections: f.connections, writes, ...(f.operations.size ? { operations: [...f.operations].sort() } : {}) },
      evidence: [`zeek: ${f.orig} → ${f.resp} ${portKey}`],
    });
  }
  const warnings: string[] = [];
  const rejected: Record<string, number> = {};
  if (skipped) {
    warnings.push(`${skipped} records between loopback, multicast, broadcast or unspecified addresses were not turned into assets`);
    rejected['loopback/multicast/broadcast address'] = skipped;
  }
  if (unanswered) rejected['flow never answered'] = unanswered;
  for (const [path, n] of [...unread].sort()) {
    warnings.push(`${n} records of log type "${path}" were not read (this importer reads ${ZEEK_LOGS.join(', ')})`);
    rejected[`unread log type ${path}`] = n;
  }
  // A capture is an observation window: it adds and refreshes, never removes what earlier captures saw
  // (ADR 0011); flows age out after their retention by `chokepoint expire`.
  if (read === 0) warnings.push('no records in these logs (an empty capture): nothing is added, and nothing imported earlier is removed');
  return { source, format: 'zeek', complete: read > 0, nodes, edges, warnings, files, rejected, observations: { retentionDays } };
}

export const zeekImporter: Importer = {
  id: 'zeek',
  title: 'Zeek conn.log and CISA ICSNPP logs (TSV or JSON lines)',
  accepts: `${ZEEK_LOGS.join(', ')} logs, plain or .gz (others are counted as unread); several files form one run`,
  options: ['retentionDays'],
  async parse(files, context) {
    async function* all() { for (const f of files) yield* readZeekLog(f, (path) => READS.has(path)); }
    return zeekBatch(all(), context.source ?? 'zeek', files.map((f) => f.name), retentionDays(context, FLOW_RETENTION_DAYS));
  },
};
