/**
 * Webhook deliveries: each scoring's events become one delivery per receiver that wants them, stored as
 * `delivery` documents keyed by receiver and event id (so an event reaches a receiver once, across
 * restarts). Each attempt is a signed HTTP request with a timeout; a 2xx answer delivers it, anything else
 * is retried with exponential backoff until the receiver's maxAttempts, then it lands in the dead-letter
 * list (an admin may retry it). Ticket receivers get their deliveries in order (a close waits for the
 * create), generic ones independently. Sending never blocks a request: it runs on timers.
 */
import { createHmac } from 'node:crypto';
import { z } from 'zod';
import type { GraphStore, StoredDocument } from '@chokepoint/queries';
import type { Webhook } from './config.js';
import type { WebhookEvent } from './events.js';
import { fixKey, planDelivery, type TicketRef } from './templates.js';

const MAX_BACKOFF_MS = 3_600_000;
/** Finished deliveries kept in the log (oldest dropped first); dead letters are kept until retried. */
export const DELIVERY_LOG_LIMIT = 5000;

const Attempt = z.object({ at: z.string(), status: z.number().nullable(), error: z.string().nullable(), request: z.string() });
const DeliverySchema = z.object({
  id: z.string(), hook: z.string(), seq: z.number(), event: z.custom<WebhookEvent>((v) => typeof v === 'object' && v !== null),
  status: z.enum(['pending', 'delivered', 'skipped', 'dead']), attempts: z.array(Attempt), nextAttemptAt: z.string().nullable(),
  finishedAt: z.string().nullable(), note: z.string().nullable(),
});
export type Delivery = z.infer<typeof DeliverySchema>;
const TicketSchema = z.object({ key: z.string(), state: z.enum(['open', 'closed']) });

/** The signature receivers check: HMAC-SHA256 over `<timestamp>.<body>` with the receiver's secret, hex. */
export function signature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export interface DispatcherLog { warn: (obj: object, msg: string) => void; info: (obj: object, msg: string) => void }

export class WebhookDispatcher {
  private readonly deliveries = new Map<string, Delivery>();
  private seq = 0;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private closed = false;
  private readonly inFlight = new Set<AbortController>();

  constructor(private readonly store: GraphStore, readonly hooks: readonly Webhook[], private readonly log: DispatcherLog) {}

  /** Loads the stored deliveries and resumes the pending ones. */
  async start(): Promise<void> {
    for (const d of await this.store.listDocuments('delivery')) {
      const parsed = DeliverySchema.safeParse(d.body);
      if (!parsed.success) { this.log.warn({ delivery: d.id }, 'stored webhook delivery of an unknown shape ignored'); continue; }
      this.deliveries.set(d.id, parsed.data);
      this.seq = Math.max(this.seq, parsed.data.seq + 1);
    }
    this.kick();
  }

  list(): Delivery[] {
    return [...this.deliveries.values()].sort((a, b) => b.seq - a.seq);
  }

  /** Queues the events for every receiver that wants them (an event already queued for a receiver is not queued again). */
  async enqueue(events: readonly WebhookEvent[]): Promise<number> {
    if (this.closed) return 0;
    const now = new Date().toISOString();
    const fresh: Delivery[] = [];
    for (const event of events) {
      for (const hook of this.hooks) {
        if (!hook.events.includes(event.type)) continue;
        if (event.type === 'risk.up' && (event.data.delta as number) <= hook.minRiskIncrease) continue;
        const id = `${hook.name}:${event.id}`;
        if (this.deliveries.has(id)) continue;
        fresh.push({ id, hook: hook.name, seq: this.seq++, event, status: 'pending', attempts: [], nextAttemptAt: now, finishedAt: null, note: null });
      }
    }
    if (fresh.length === 0) return 0;
    await this.store.writeDocuments(fresh.map((d) => this.doc(d)));
    for (const d of fresh) this.deliveries.set(d.id, d);
    this.kick();
    return fresh.length;
  }

  /** Moves a dead letter back to the queue (admin). */
  async retry(id: string): Promise<Delivery | null> {
    const d = this.deliveries.get(id);
    if (!d || d.status !== 'dead') return null;
    const next: Delivery = { ...d, status: 'pending', nextAttemptAt: new Date().toISOString(), finishedAt: null, note: `retried after ${d.attempts.length} attempts` };
    await this.save(next);
    this.kick();
    return next;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    for (const c of this.inFlight) c.abort();
    await this.running?.catch(() => undefined);
  }

  private doc(d: Delivery): StoredDocument {
    return { collection: 'delivery', id: d.id, updatedAt: d.finishedAt ?? d.attempts.at(-1)?.at ?? new Date().toISOString(), body: d };
  }

  private async save(d: Delivery, ticket?: { id: string; ref: TicketRef }): Promise<void> {
    await this.store.writeDocuments([this.doc(d), ...(ticket ? [{ collection: 'ticket' as const, id: ticket.id, updatedAt: new Date().toISOString(), body: ticket.ref }] : [])]);
    this.deliveries.set(d.id, d);
  }

  /** Runs the due deliveries now (or once more after the current pass), then sleeps until the next is due. */
  private kick(): void {
    if (this.closed) return;
    if (this.running) { this.again = true; return; }
    if (this.timer) { clearTimeout(this.timer); this.timer = null; }
    this.running = (async () => {
      do {
        this.again = false;
        await this.pass().catch((e: Error) => this.log.warn({ err: e.message }, 'webhook pass failed'));
      } while (this.again && !this.closed);
    })().finally(() => { this.running = null; this.schedule(); });
  }

  private schedule(): void {
    if (this.closed) return;
    const next = Math.min(...[...this.deliveries.values()].filter((d) => d.status === 'pending').map((d) => Date.parse(d.nextAttemptAt!)));
    if (!Number.isFinite(next)) return;
    this.timer = setTimeout(() => this.kick(), Math.max(0, next - Date.now()));
    this.timer.unref();
  }

  private async pass(): Promise<void> {
    const pending = [...this.deliveries.values()].filter((d) => d.status === 'pending').sort((a, b) => a.seq - b.seq);
    const blocked = new Set<string>(); // ticket receivers: in order, a waiting delivery holds the later ones
    for (const d of pending) {
      if (this.closed) return;
      const hook = this.hooks.find((h) => h.name === d.hook);
      if (!hook) { await this.save({ ...d, status: 'dead', finishedAt: new Date().toISOString(), note: `no webhook named ${d.hook} is configured any more` }); continue; }
      if (blocked.has(hook.name)) continue;
      if (Date.parse(d.nextAttemptAt!) > Date.now()) { if (hook.template !== 'generic') blocked.add(hook.name); continue; }
      await this.attempt(hook, d);
      if (hook.template !== 'generic' && this.deliveries.get(d.id)!.status === 'pending') blocked.add(hook.name);
    }
    await this.prune();
  }

  private async attempt(hook: Webhook, d: Delivery): Promise<void> {
    const ticketId = d.event.fixId ? `${hook.name}:${fixKey(d.event.fixId)}` : null;
    const stored = ticketId ? await this.store.getDocument('ticket', ticketId) : null;
    const ticket = stored ? TicketSchema.parse(stored.body) : null;
    const planned = planDelivery(hook, d.event, ticket);
    const at = new Date().toISOString();
    if ('skip' in planned) { await this.save({ ...d, status: 'skipped', finishedAt: at, nextAttemptAt: null, note: planned.skip }); return; }
    const body = JSON.stringify(planned.call.body);
    const timestamp = String(Math.floor(Date.now() / 1000));
    const controller = new AbortController();
    this.inFlight.add(controller);
    const timeout = setTimeout(() => controller.abort(), hook.timeoutMs);
    let status: number | null = null, error: string | null = null, answer: unknown = null;
    try {
      const response = await fetch(planned.call.url, {
        method: planned.call.method, body, signal: controller.signal, redirect: 'manual',
        headers: {
          ...hook.headers, 'content-type': 'application/json', 'user-agent': 'chokepoint-webhooks',
          'x-chokepoint-event': d.event.type, 'x-chokepoint-delivery': d.id, 'x-chokepoint-timestamp': timestamp, 'x-chokepoint-signature': signature(hook.secret, timestamp, body),
        },
      });
      status = response.status;
      const text = await response.text();
      if (response.ok && text) { try { answer = JSON.parse(text); } catch { answer = null; } }
      if (!response.ok) error = `HTTP ${response.status}${text ? `: ${text.slice(0, 200)}` : ''}`;
    } catch (e) {
      error = controller.signal.aborted ? (this.closed ? 'server shutting down' : `no answer within ${hook.timeoutMs} ms`) : (e as Error).message;
    } finally {
      clearTimeout(timeout);
      this.inFlight.delete(controller);
    }
    const attempts = [...d.attempts, { at, status, error, request: `${planned.call.method} ${planned.call.url}` }];
    if (error === null) {
      const ref = planned.ticket?.(answer);
      if (ref && !ref.key) { await this.fail(hook, d, attempts, 'the receiver answered without a ticket key'); return; }
      await this.save({ ...d, attempts, status: 'delivered', finishedAt: new Date().toISOString(), nextAttemptAt: null, note: ref ? `ticket ${ref.key} ${ref.state}` : null }, ref && ticketId ? { id: ticketId, ref } : undefined);
      this.log.info({ webhook: hook.name, delivery: d.id, status }, 'webhook delivered');
      return;
    }
    if (this.closed && error === 'server shutting down') { await this.save({ ...d, attempts: d.attempts }); return; } // not the receiver's fault: try again after restart
    await this.fail(hook, d, attempts, error);
  }

  private async fail(hook: Webhook, d: Delivery, attempts: Delivery['attempts'], error: string): Promise<void> {
    if (attempts.length >= hook.maxAttempts) {
      await this.save({ ...d, attempts, status: 'dead', nextAttemptAt: null, finishedAt: new Date().toISOString(), note: `dead letter after ${attempts.length} attempts: ${error}` });
      this.log.warn({ webhook: hook.name, delivery: d.id, error }, 'webhook delivery failed for good: dead letter');
      return;
    }
    const wait = Math.min(MAX_BACKOFF_MS, hook.backoffMs * 2 ** (attempts.length - 1));
    await this.save({ ...d, attempts, nextAttemptAt: new Date(Date.now() + wait).toISOString(), note: `retry ${attempts.length + 1} of ${hook.maxAttempts} in ${wait} ms: ${error}` });
  }

  private async prune(): Promise<void> {
    const finished = [...this.deliveries.values()].filter((d) => d.status === 'delivered' || d.status === 'skipped').sort((a, b) => a.seq - b.seq);
    const drop = finished.slice(0, Math.max(0, finished.length - DELIVERY_LOG_LIMIT));
    if (drop.length === 0) return;
    await this.store.writeDocuments([], drop.map((d) => ({ collection: 'delivery', id: d.id })));
    for (const d of drop) this.deliveries.delete(d.id);
  }
}
