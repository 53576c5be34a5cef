/**
 * Outbound webhooks (README "Webhooks"): a JSON file named by CHOKEPOINT_WEBHOOKS lists the receivers —
 * where to post, which events, which payload template (generic signed JSON, Jira issues, ServiceNow
 * incidents), the HMAC secret (inline or from an environment variable, so the file need hold none) and the
 * retry policy. Validated at start-up; a mistake names the file and the path inside it.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { BadInputError, ChokepointError } from '@chokepoint/queries';

export const WEBHOOK_EVENTS = ['route.new', 'risk.up', 'fix.opened', 'fix.verified', 'fix.resurfaced', 'acceptance.expired', 'signal.chain'] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number];
/** The events a ticketing template acts on: a ticket per fix id, opened and later closed. */
export const TICKET_EVENTS: readonly WebhookEventType[] = ['fix.opened', 'fix.resurfaced', 'acceptance.expired', 'fix.verified'];

const Hook = z.strictObject({
  name: z.string().regex(/^[\w.-]{1,64}$/, 'letters, digits, . _ - (1–64)'),
  url: z.string().url().refine((u) => /^https?:\/\//.test(u), 'an http(s) URL'),
  template: z.enum(['generic', 'jira', 'servicenow']).default('generic'),
  events: z.array(z.enum(WEBHOOK_EVENTS)).min(1).optional(),
  /** HMAC-SHA256 key for X-Chokepoint-Signature: inline, or the name of an environment variable holding it. */
  secret: z.string().min(16).optional(),
  secretEnv: z.string().regex(/^[A-Z_][A-Z0-9_]*$/).optional(),
  /** Extra request headers (e.g. Authorization for Jira or ServiceNow). */
  headers: z.record(z.string().regex(/^[A-Za-z0-9-]+$/), z.string().max(4096)).default({}),
  /** risk.up only when total risk rose by more than this. */
  minRiskIncrease: z.number().min(0).default(0),
  maxAttempts: z.number().int().min(1).max(20).default(6),
  /** First retry after this many ms; each later one waits twice as long (capped at an hour). */
  backoffMs: z.number().int().min(1).max(3_600_000).default(30_000),
  timeoutMs: z.number().int().min(100).max(120_000).default(10_000),
  jira: z.strictObject({ project: z.string().min(1), issueType: z.string().default('Task'), doneTransition: z.string().min(1), reopenTransition: z.string().min(1).optional() }).optional(),
  servicenow: z.strictObject({ assignmentGroup: z.string().optional(), category: z.string().default('security') }).prefault({}),
}).refine((h) => h.template !== 'jira' || h.jira, { message: 'a jira hook needs jira.project and jira.doneTransition', path: ['jira'] })
  .refine((h) => h.secret || h.secretEnv, { message: 'give secret or secretEnv (the HMAC key receivers check)', path: ['secret'] });

export type WebhookConfigInput = z.input<typeof Hook>;
export interface Webhook extends Omit<z.output<typeof Hook>, 'secret' | 'secretEnv' | 'events'> { secret: string; events: WebhookEventType[] }

export function parseWebhooks(doc: unknown, file: string, env: NodeJS.ProcessEnv = process.env): Webhook[] {
  const r = z.array(Hook).max(100).safeParse(doc);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    const path = issue.path.length ? issue.path.map(String).join('.') : '(top level)';
    throw new BadInputError({ file, path }, `${path}: ${issue.message}`, 'a list of webhooks as in README "Webhooks"');
  }
  const names = new Set<string>();
  return r.data.map((h, i) => {
    if (names.has(h.name)) throw new BadInputError({ file, path: `${i}.name` }, `${i}.name: ${h.name} is used twice`, 'unique webhook names');
    names.add(h.name);
    const secret = h.secret ?? env[h.secretEnv!];
    if (!secret || secret.length < 16) throw new ChokepointError('USAGE', `${file}: webhook ${h.name}: environment variable ${h.secretEnv} must hold a secret of at least 16 characters`);
    const { secret: _s, secretEnv: _e, events, ...rest } = h;
    return { ...rest, secret, events: events ?? (h.template === 'generic' ? [...WEBHOOK_EVENTS] : [...TICKET_EVENTS]) };
  });
}

export function readWebhooksFile(file: string | undefined, env: NodeJS.ProcessEnv = process.env): Webhook[] {
  if (!file) return [];
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new ChokepointError('USAGE', `${file}: cannot read the webhooks file: ${(e as Error).message}`);
  }
  return parseWebhooks(doc, file, env);
}
