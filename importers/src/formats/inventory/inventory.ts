/**
 * `inventory`: Chokepoint's asset-inventory CSV, one importer for IT, OT and IoT — how criticality,
 * Purdue levels, zones and crown jewels enter the graph. Columns (header row, any order, case-insensitive):
 *   name, kind (required); ip, mac, hostname, vendor, model, firmware, purdue_level, zone, criticality,
 *   internet_exposed, owner (optional); any other column is kept as a property.
 * Each row becomes a node of the kind's schema kind with ip/mac/hostname aliases (so it merges with
 * what scanners and AD saw), an InZone edge to its zone, and exposure `internet` when marked exposed.
 * A bad value is an error naming the line, the column and the accepted values.
 */
import { BadInputError, PURDUE_LEVELS, alias, type BatchEdge, type BatchNode, type Domain, type GraphBatch, type NodeKind, type Props } from '@chokepoint/queries';
import { readCsv } from '../../csv.js';
import type { InputFile } from '../../input.js';
import type { Importer } from '../../registry.js';

/** Inventory `kind` values → schema kind, domain and the role kept as a property. */
export const INVENTORY_KINDS: Record<string, { kind: NodeKind; domain: Domain }> = {
  plc: { kind: 'Controller', domain: 'ot' },
  rtu: { kind: 'Controller', domain: 'ot' },
  safety: { kind: 'Controller', domain: 'ot' },
  hmi: { kind: 'Hmi', domain: 'ot' },
  ews: { kind: 'EngineeringWorkstation', domain: 'ot' },
  historian: { kind: 'Host', domain: 'ot' },
  bms: { kind: 'Device', domain: 'iot' },
  ems: { kind: 'Device', domain: 'iot' },
  camera: { kind: 'Device', domain: 'iot' },
  'badge-reader': { kind: 'Device', domain: 'iot' },
  sensor: { kind: 'Device', domain: 'iot' },
  server: { kind: 'Host', domain: 'it' },
  workstation: { kind: 'Host', domain: 'it' },
  'network-device': { kind: 'Host', domain: 'it' },
};

const KNOWN = ['name', 'kind', 'ip', 'mac', 'hostname', 'vendor', 'model', 'firmware', 'purdue_level', 'zone', 'criticality', 'internet_exposed', 'owner'] as const;
const TRUE = new Set(['true', 'yes', 'y', '1']);
const FALSE = new Set(['false', 'no', 'n', '0', '']);
const EXPECTED_HEADER = `a header row with at least the columns name and kind (known columns: ${KNOWN.join(', ')})`;

export async function readInventory(file: InputFile, source: string): Promise<GraphBatch> {
  const nodes: BatchNode[] = [];
  const edges: BatchEdge[] = [];
  const zones = new Set<string>();
  const names = new Map<string, number>();
  let header: string[] | null = null;
  /** One CSV record: the header first, then one asset per row. */
  const handleRow = (record: string[], line: number): void => {
    if (!header) {
      header = record.map((h) => h.toLowerCase().replace(/[\s-]+/g, '_'));
      for (const required of ['name', 'kind']) {
        if (!header.includes(required)) throw new BadInputError({ file: file.name, line }, `the header has no ${required} column`, EXPECTED_HEADER);
      }
      const dup = header.find((h, i) => header!.indexOf(h) !== i);
      if (dup) throw new BadInputError({ file: file.name, line }, `the column ${dup} appears twice`, EXPECTED_HEADER);
      return;
    }
    if (record.length !== header.length) {
      throw new BadInputError({ file: file.name, line }, `the row has ${record.length} fields, the header ${header.length}`, `${header.length} fields per row`);
    }
    const row: Record<string, string> = {};
    header.forEach((h, i) => { row[h] = record[i] ?? ''; });
    const bad = (column: string, expected: string): never => {
      throw new BadInputError({ file: file.name, line, column: header!.indexOf(column) + 1, path: column }, `${JSON.stringify(row[column])} is not valid`, expected);
    };
    if (!row.name) bad('name', 'a non-empty asset name');
    const kindSpec = INVENTORY_KINDS[row.kind!.toLowerCase()] ?? bad('kind', `one of ${Object.keys(INVENTORY_KINDS).join(', ')}`);
    if (names.has(row.name!)) bad('name', `a name not already used (line ${names.get(row.name!)})`);
    names.set(row.name!, line);
    const purdue = row.purdue_level ? Number(row.purdue_level) : undefined;
    if (purdue !== undefined && !(PURDUE_LEVELS as readonly number[]).includes(purdue)) bad('purdue_level', `one of ${PURDUE_LEVELS.join(', ')} or empty`);
    const criticality = row.criticality ? Number(row.criticality) : undefined;
    if (criticality !== undefined && !(Number.isFinite(criticality) && criticality >= 0 && criticality <= 10)) bad('criticality', 'a number from 0 to 10 or empty');
    const exposed = (row.internet_exposed ?? '').toLowerCase();
    if (!TRUE.has(exposed) && !FALSE.has(exposed)) bad('internet_exposed', 'true/false, yes/no, 1/0 or empty');
    if (row.ip && !/^[0-9a-fA-F:.]+$/.test(row.ip)) bad('ip', 'an IPv4 or IPv6 address');
    if (row.mac && !/^([0-9a-fA-F]{2}[:-]){5}[0-9a-fA-F]{2}$/.test(row.mac)) bad('mac', 'a MAC address like 00:1b:1b:aa:00:07');
    const aliases = [
      ...(row.ip ? [alias('ip', row.ip)] : []), ...(row.mac ? [alias('mac', row.mac)] : []),
      ...(row.hostname ? [alias(row.hostname.includes('.') ? 'fqdn' : 'hostname', row.hostname)] : []),
    ];
    const props: Props = { assetRole: row.kind!.toLowerCase() };
    for (const [k, v] of Object.entries(row)) {
      if (v && !['name', 'kind', 'purdue_level', 'criticality', 'internet_exposed', 'zone'].includes(k) && /^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(k)) props[k] = v;
    }
    const id = `asset:${row.name}`;
    nodes.push({
      id, kind: kindSpec.kind, name: row.name!, domain: kindSpec.domain, aliases, props,
      ...(purdue !== undefined ? { purdueLevel: purdue } : {}), ...(criticality !== undefined ? { criticality } : {}),
      ...(TRUE.has(exposed) ? { exposure: 'internet' as const } : {}),
    });
    if (row.zone) {
      const zoneId = `zone:${row.zone}`;
      if (!zones.has(zoneId)) { zones.add(zoneId); nodes.push({ id: zoneId, kind: 'Zone', name: row.zone, ref: true }); }
      edges.push({ kind: 'InZone', from: id, to: zoneId, evidence: [`${file.name}:${line}`] });
    }
  };
  await readCsv(file, handleRow, { expected: EXPECTED_HEADER });
  if (!header) throw new BadInputError({ file: file.name, line: 1 }, 'no header row', EXPECTED_HEADER);
  return { source, format: 'inventory', complete: true, nodes, edges, warnings: [], files: [file.name] };
}

export const inventoryImporter: Importer = {
  id: 'inventory',
  title: 'Asset inventory CSV (IT, OT, IoT)',
  accepts: `CSV with columns name, kind (${Object.keys(INVENTORY_KINDS).join('|')}), ip, mac, hostname, vendor, model, firmware, purdue_level, zone, criticality, internet_exposed, owner`,
  async parse(files, context) {
    const batches = [];
    for (const f of files) batches.push(await readInventory(f, context.source ?? 'inventory'));
    return {
      source: context.source ?? 'inventory', format: 'inventory', complete: true,
      nodes: batches.flatMap((b) => b.nodes), edges: batches.flatMap((b) => b.edges), warnings: [], files: files.map((f) => f.name),
    };
  },
};
