/**
 * Saved views: a named, shared picture of the web view — its URL state (view, target or target group,
 * filters, layout, the what-if set of fixes) — stored server-side as `view` documents, listed in the web
 * view and opened by `?saved=<id>`. The state is kept as the query string the web view writes, so new
 * filters need no migration; it is checked for size and shape, never interpreted here.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { ChokepointError } from '../errors.js';

export const SavedViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  /** The web view's query string without the leading `?` (url-state.ts). */
  query: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedBy: z.string(),
  updatedAt: z.string(),
});
export type SavedView = z.infer<typeof SavedViewSchema>;

export const SAVED_VIEW_LIMITS = { name: 120, description: 2000, query: 16_384, params: 500 } as const;

export function asSavedView(body: unknown, id: string): SavedView {
  const r = SavedViewSchema.safeParse(body);
  if (!r.success) throw new ChokepointError('STORE_CORRUPT', `saved view ${id} has an unknown shape: ${r.error.issues[0]?.message ?? ''}`);
  return r.data;
}

/** Checks a view's query string: URL parameters of the web view, within limits (a leading `?` is dropped). */
export function normaliseViewQuery(query: string): string {
  const q = query.startsWith('?') ? query.slice(1) : query;
  if (q.length > SAVED_VIEW_LIMITS.query) throw new ChokepointError('USAGE', `a view's query may be at most ${SAVED_VIEW_LIMITS.query} characters`);
  const params = new URLSearchParams(q);
  if ([...params.keys()].length > SAVED_VIEW_LIMITS.params) throw new ChokepointError('USAGE', `a view's query may hold at most ${SAVED_VIEW_LIMITS.params} parameters`);
  if (params.has('saved')) params.delete('saved'); // a view does not point at another
  return params.toString();
}

const slug = (name: string) => name.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'view';

export function newSavedView(input: { name: string; description?: string; query: string }, by: string, now: string): SavedView {
  const name = input.name.trim();
  if (!name) throw new ChokepointError('USAGE', 'a saved view needs a name');
  return {
    id: `${slug(name)}-${randomBytes(3).toString('hex')}`, name, description: (input.description ?? '').trim(), query: normaliseViewQuery(input.query),
    createdBy: by, createdAt: now, updatedBy: by, updatedAt: now,
  };
}

export function updateSavedView(view: SavedView, input: { name?: string; description?: string; query?: string }, by: string, now: string): SavedView {
  const name = input.name?.trim();
  if (name === '') throw new ChokepointError('USAGE', 'a saved view needs a name');
  return {
    ...view, ...(name ? { name } : {}), ...(input.description !== undefined ? { description: input.description.trim() } : {}),
    ...(input.query !== undefined ? { query: normaliseViewQuery(input.query) } : {}), updatedBy: by, updatedAt: now,
  };
}
