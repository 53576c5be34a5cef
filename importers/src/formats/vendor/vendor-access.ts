/**
 * `vendor-access`: Chokepoint's documented register of third-party access grants, as CSV (header row,
 * any column order, case-insensitive) or JSON (`{"grants": [ … ]}` with the same fields in camelCase):
 *   vendor (required)   the third party, e.g. "Acme Controls"
 *   method (required)   vpn | rdp-gateway | jump-host | remote-support | portal
 *   targets (required)  ";"-separated hosts (IP, FQDN or host name) and zones (`zone:<id>`) the grant reaches
 *   access              name of the access path (default "<vendor> <method>"); grants naming one path share it
 *   account             the account the vendor uses (kept as a property)
 *   mfa                 true/false (default false)          always_on   true/false (default true)
 *   last_used           ISO date of the last use (older than 90 days → a stale-grant warning)
 * Each vendor becomes a Vendor node (exposure `vendor`: an entry point), each access path a RemoteAccess
 * (method, mfa, alwaysOn, account, lastUsed), with VendorAccess (vendor → access) — its p follows MFA and
 * always-on (scoring rule R1) — and ProvidesAccess (access → each target). Targets are references: they
 * merge with the hosts and zones other importers describe (IP, FQDN aliases; zone ids as the inventory's).
 */
import { BadInputError, alias, type BatchNode } from '@chokepoint/queries';
import { z } from 'zod';
import { BatchCollector } from '../../collector.js';
import { readCsv } from '../../csv.js';
import type { InputFile } from '../../input.js';
import type { Importer } from '../../registry.js';
import { parseWith, readJsonDocument } from '../../validate.js';

export const ACCESS_METHODS = ['vpn', 'rdp-gateway', 'jump-host', 'remote-support', 'portal'] as const;
const COLUMNS = ['vendor', 'method', 'targets', 'access', 'account', 'mfa', 'always_on', 'last_used'] as const;
const EXPECTED_CSV = `a header row with vendor, method and targets (known columns: ${COLUMNS.join(', ')})`;
const EXPECTED_JSON = '{"grants": [{vendor, method, targets: [...], access?, account?, mfa?, alwaysOn?, lastUsed?}]}';
const STALE_DAYS = 90;

export interface Grant {
  vendor: string;
  method: (typeof ACCESS_METHODS)[number];
  targets: string[];
  access?: string | undefined;
  account?: string | undefined;
  mfa: boolean;
  alwaysOn: boolean;
  lastUsed?: string | undefined;
}

const GrantSchema = z.object({
  vendor: z.string().trim().min(1),
  method: z.enum(ACCESS_METHODS),
  targets: z.array(z.string().trim().min(1)).min(1),
  access: z.string().trim().min(1).optional(),
  account: z.string().trim().min(1).optional(),
  mfa: z.boolean().default(false),
  alwaysOn: z.boolean().default(true),
  lastUsed: z.iso.date().or(z.iso.datetime({ offset: true })).optional(),
});
const GrantsDocument = z.object({ grants: z.array(GrantSchema) });

export const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'unnamed';

function bool(value: string, file: string, line: number, column: number, name: string, fallback: boolean): boolean {
  const v = value.trim().toLowerCase();
  if (v === '') return fallback;
  if (['true', 'yes', 'y', '1'].includes(v)) return true;
  if (['false', 'no', 'n', '0'].includes(v)) return false;
  throw new BadInputError({ file, line, column, path: name }, `${JSON.stringify(value)} is not valid`, 'true or false (yes/no, 1/0)');
}

async function readGrantsCsv(file: InputFile): Promise<Array<{ grant: Grant; where: string }>> {
  const out: Array<{ grant: Grant; where: string }> = [];
  let header: string[] | null = null;
  await readCsv(file, (record, line) => {
    if (!header) {
      header = record.map((h) => h.trim().toLowerCase());
      for (const required of ['vendor', 'method', 'targets']) if (!header.includes(required)) throw new BadInputError({ file: file.name, line }, `the header has no ${required} column`, EXPECTED_CSV);
      return;
    }
    const h = header;
    if (record.length !== h.length) throw new BadInputError({ file: file.name, line }, `${record.length} fields where the header names ${h.length}`, EXPECTED_CSV);
    const get = (name: string) => record[h.indexOf(name)] ?? '';
    const col = (name: string) => h.indexOf(name) + 1;
    const method = get('method').trim().toLowerCase();
    if (!(ACCESS_METHODS as readonly string[]).includes(method)) throw new BadInputError({ file: file.name, line, column: col('method'), path: 'method' }, `${JSON.stringify(get('method'))} is not valid`, ACCESS_METHODS.join(', '));
    if (!get('vendor').trim()) throw new BadInputError({ file: file.name, line, column: col('vendor'), path: 'vendor' }, 'empty', 'the vendor name');
    const targets = get('targets').split(';').map((t) => t.trim()).filter(Boolean);
    if (targets.length === 0) throw new BadInputError({ file: file.name, line, column: col('targets'), path: 'targets' }, 'no targets', 'hosts or zone:<id>, separated by ";"');
    const lastUsed = get('last_used').trim();
    if (lastUsed && Number.isNaN(Date.parse(lastUsed))) throw new BadInputError({ file: file.name, line, column: col('last_used'), path: 'last_used' }, `${JSON.stringify(lastUsed)} is not a date`, 'an ISO date (YYYY-MM-DD)');
    out.push({
      where: `${file.name}:${line}`,
      grant: {
        vendor: get('vendor').trim(), method: method as Grant['method'], targets,
        access: get('access').trim() || undefined, account: get('account').trim() || undefined,
        mfa: bool(get('mfa'), file.name, line, col('mfa'), 'mfa', false),
        alwaysOn: bool(get('always_on'), file.name, line, col('always_on'), 'always_on', true),
        lastUsed: lastUsed || undefined,
      },
    });
  }, { expected: EXPECTED_CSV });
  return out;
}

async function readGrants(file: InputFile): Promise<Array<{ grant: Grant; where: string }>> {
  const head = (await file.read()).subarray(0, 64).toString('utf8').trimStart();
  if (head.startsWith('{') || head.startsWith('[')) {
    const doc = parseWith(GrantsDocument, await readJsonDocument(file, 64 * 1024 * 1024, EXPECTED_JSON), file.name, EXPECTED_JSON);
    return doc.grants.map((grant, i) => ({ grant, where: `${file.name} $.grants[${i}]` }));
  }
  return readGrantsCsv(file);
}

/** A target reference: `zone:<id>`, an IPv4 address, or a host name / FQDN. */
function targetNode(target: string): BatchNode {
  if (/^zone:/i.test(target)) return { id: `zone:${target.slice(5)}`, kind: 'Zone', name: target.slice(5), ref: true };
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(target)) return { id: `host:${target}`, kind: 'Host', name: target, aliases: [alias('ip', target)], ref: true };
  const name = target.toLowerCase();
  return { id: `host:${name}`, kind: 'Host', name: target, aliases: [name.includes('.') ? alias('fqdn', name) : alias('hostname', name)], ref: true };
}

export function grantsBatch(grants: Array<{ grant: Grant; where: string }>, now: Date): BatchCollector {
  const c = new BatchCollector();
  for (const { grant: g, where } of grants) {
    const vendor = c.node({ id: `vendor:${slug(g.vendor)}`, kind: 'Vendor', name: g.vendor, exposure: 'vendor' });
    const accessName = g.access ?? `${g.vendor} ${g.method}`;
    const access = c.node({
      id: `access:${slug(accessName)}`, kind: 'RemoteAccess', name: accessName,
      props: { method: g.method, mfa: g.mfa, alwaysOn: g.alwaysOn, ...(g.account ? { account: g.account } : {}), ...(g.lastUsed ? { lastUsed: g.lastUsed } : {}) },
    });
    c.edge({ kind: 'VendorAccess', from: vendor, to: access, evidence: [`${where}: ${g.method}${g.mfa ? ', MFA' : ', no MFA'}${g.alwaysOn ? ', always on' : ', on request'}`] });
    for (const t of g.targets) {
      const target = c.node(targetNode(t));
      c.edge({ kind: 'ProvidesAccess', from: access, to: target, evidence: [`${where}: grants ${t}`] });
    }
    if (g.lastUsed && now.getTime() - Date.parse(g.lastUsed) > STALE_DAYS * 86_400_000) c.warnings.push(`${where}: ${g.vendor}'s grant via ${accessName} was last used ${g.lastUsed} (over ${STALE_DAYS} days): a candidate for revocation`);
  }
  return c;
}

export const vendorAccessImporter: Importer = {
  id: 'vendor-access',
  title: 'Vendor remote-access grants (Chokepoint CSV or JSON)',
  accepts: 'grants.csv (vendor, method, targets, access, account, mfa, always_on, last_used) or {"grants": [...]}',
  async parse(files, context) {
    const grants = [];
    for (const file of files) grants.push(...await readGrants(file));
    const now = typeof context.options?.now === 'string' ? new Date(context.options.now) : new Date();
    return grantsBatch(grants, now).batch(context.source ?? 'vendor-access', 'vendor-access', true, files.map((f) => f.name));
  },
};
