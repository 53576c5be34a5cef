/**
 * References from the agent inventory to nodes other importers describe: an object naming a kind and
 * one or more identifiers (a node id, or aliases: sid, arn, fqdn, ip, hostname). The reference becomes
 * a `ref` node that merges with the full record by id or alias.
 */
import { alias, type BatchNode, type NodeKind } from '@chokepoint/queries';
import { z } from 'zod';

export const IDENTITY_KINDS = ['User', 'ServiceAccount', 'Role'] as const;
export const RESOURCE_KINDS = ['DataStore', 'CloudResource', 'Host', 'Service', 'User', 'Group', 'Role', 'ServiceAccount'] as const;

const refShape = <K extends readonly [string, ...string[]]>(kinds: K) => z.object({
  kind: z.enum(kinds),
  id: z.string().min(1).optional(),
  name: z.string().min(1).optional(),
  sid: z.string().min(1).optional(),
  arn: z.string().min(1).optional(),
  fqdn: z.string().min(1).optional(),
  ip: z.string().min(1).optional(),
  criticality: z.number().min(0).max(10).optional(),
}).refine((r) => r.id || r.sid || r.arn || r.fqdn || r.ip || r.name, { message: 'a reference needs an id, sid, arn, fqdn, ip or name' });
export const IdentityRef = refShape(IDENTITY_KINDS);
export const ResourceRef = refShape(RESOURCE_KINDS);
export type Ref = z.infer<typeof ResourceRef>;

/** The node a reference stands for: its own id, else one derived from its strongest identifier. */
export function refNode(r: Ref, prefix: string): BatchNode {
  const aliases = [r.sid && alias('sid', r.sid), r.arn && alias('arn', r.arn), r.fqdn && alias('fqdn', r.fqdn), r.ip && alias('ip', r.ip)].filter((x): x is string => !!x);
  const key = r.id ?? (r.sid ? `ad:${r.sid.toUpperCase()}` : r.arn ? `aws:${r.arn}` : r.fqdn ? `host:${r.fqdn.toLowerCase()}` : r.ip ? `host:${r.ip}` : `${prefix}:${r.name!.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`);
  return {
    id: key, kind: r.kind as NodeKind, name: r.name ?? r.fqdn ?? r.arn ?? r.sid ?? r.ip ?? key, aliases,
    ...(r.criticality !== undefined ? { criticality: r.criticality } : { ref: true }),
  };
}
