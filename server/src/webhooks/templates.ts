/**
 * Payload templates: what request an event becomes for a receiver. Generic hooks get the signed event as
 * JSON. Jira and ServiceNow hooks keep one ticket per fix id: a fix that is opened, resurfaces or loses
 * its risk acceptance gets a ticket (or its closed ticket reopened), a verified fix closes it — never a
 * second open ticket for the same fix. The ticket's key comes from the receiver's answer.
 */
import { createHash } from 'node:crypto';
import type { Webhook } from './config.js';
import type { WebhookEvent } from './events.js';

export interface TicketRef { key: string; state: 'open' | 'closed' }
export interface HttpCall { method: 'POST' | 'PATCH'; url: string; body: unknown }
export interface Planned {
  call: HttpCall;
  /** The ticket after a successful call, from the receiver's answer (undefined: unchanged). */
  ticket?: (answer: unknown) => TicketRef;
}

const base = (url: string) => url.replace(/\/+$/, '');
/** A short stable key for a fix id (ids can be kilobytes; ticket fields are not). */
export const fixKey = (fixId: string) => `chokepoint-${createHash('sha256').update(fixId).digest('hex').slice(0, 24)}`;
const OPENS = new Set(['fix.opened', 'fix.resurfaced', 'acceptance.expired']);

function describe(event: WebhookEvent): { title: string; text: string } {
  const d = event.data as { action?: string; owner?: string | null; runs?: Array<{ source: string; runId: string }> };
  const title = `[Chokepoint] ${d.action ?? event.summary}`.slice(0, 250);
  const lines = [event.summary, `Fix id: ${event.fixId ?? '-'}`, `Owner: ${d.owner ?? '-'}`, `Score run: ${event.scoreRun}`, `Event: ${event.type} (${event.id})`];
  if (d.runs?.length) lines.push(`Import runs: ${d.runs.map((r) => `${r.source} ${r.runId}`).join(', ')}`);
  return { title, text: lines.join('\n') };
}

/** The request for `event` at `hook`, given the fix's ticket; null when there is nothing to do (say why). */
export function planDelivery(hook: Webhook, event: WebhookEvent, ticket: TicketRef | null): Planned | { skip: string } {
  if (hook.template === 'generic') return { call: { method: 'POST', url: hook.url, body: event } };
  if (!event.fixId) return { skip: `${hook.template} hooks keep tickets per fix; ${event.type} has no fix` };
  const { title, text } = describe(event);
  const opens = OPENS.has(event.type);
  if (opens && ticket?.state === 'open') return { skip: `ticket ${ticket.key} for this fix is already open` };
  if (!opens && event.type !== 'fix.verified') return { skip: `${event.type} does not open or close a ticket` };
  if (!opens && ticket?.state !== 'open') return { skip: 'no open ticket for this fix to close' };
  if (hook.template === 'jira') {
    const jira = hook.jira!;
    const issue = (key: string) => `${base(hook.url)}/rest/api/2/issue/${encodeURIComponent(key)}/transitions`;
    if (!opens) return { call: { method: 'POST', url: issue(ticket!.key), body: { transition: { id: jira.doneTransition }, update: { comment: [{ add: { body: `Verified by Chokepoint: ${text}` } }] } } }, ticket: () => ({ key: ticket!.key, state: 'closed' }) };
    if (ticket?.state === 'closed' && jira.reopenTransition) {
      return { call: { method: 'POST', url: issue(ticket.key), body: { transition: { id: jira.reopenTransition }, update: { comment: [{ add: { body: `Reopened by Chokepoint: ${text}` } }] } } }, ticket: () => ({ key: ticket.key, state: 'open' }) };
    }
    return {
      call: { method: 'POST', url: `${base(hook.url)}/rest/api/2/issue`, body: { fields: { project: { key: jira.project }, issuetype: { name: jira.issueType }, summary: title, description: text, labels: ['chokepoint', fixKey(event.fixId)] } } },
      ticket: (answer) => ({ key: String((answer as { key?: unknown })?.key ?? ''), state: 'open' }),
    };
  }
  const sn = hook.servicenow;
  const incident = (id: string) => `${base(hook.url)}/api/now/table/incident/${encodeURIComponent(id)}`;
  if (!opens) return { call: { method: 'PATCH', url: incident(ticket!.key), body: { state: '6', close_code: 'Solved (Permanently)', close_notes: `Verified by Chokepoint: ${text}` } }, ticket: () => ({ key: ticket!.key, state: 'closed' }) };
  if (ticket?.state === 'closed') return { call: { method: 'PATCH', url: incident(ticket.key), body: { state: '2', work_notes: `Reopened by Chokepoint: ${text}` } }, ticket: () => ({ key: ticket.key, state: 'open' }) };
  return {
    call: { method: 'POST', url: `${base(hook.url)}/api/now/table/incident`, body: { short_description: title, description: text, correlation_id: fixKey(event.fixId), correlation_display: 'Chokepoint', category: sn.category, ...(sn.assignmentGroup ? { assignment_group: sn.assignmentGroup } : {}) } },
    ticket: (answer) => ({ key: String((answer as { result?: { sys_id?: unknown } })?.result?.sys_id ?? ''), state: 'open' }),
  };
}
