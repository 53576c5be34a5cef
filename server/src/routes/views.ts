/**
 * Saved views (queries/workflow/saved-views.ts): listed for every viewer, created by analysts, changed or
 * deleted by whoever created them or an admin. The web view opens one with `?saved=<id>`.
 */
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { SAVED_VIEW_LIMITS, asSavedView, newSavedView, updateSavedView, type SavedView } from '@chokepoint/queries';
import { errors } from '../schemas/common.js';
import { ApiError } from '../plugins/errors.js';

const SavedViewBody = Type.Object({
  id: Type.String(), name: Type.String(), description: Type.String(), query: Type.String(),
  createdBy: Type.String(), createdAt: Type.String(), updatedBy: Type.String(), updatedAt: Type.String(),
});
const Id = Type.String({ pattern: '^[a-z0-9-]{1,64}$' });

export const savedViewRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const get = async (id: string): Promise<SavedView> => {
    const doc = await app.store.getDocument('view', id);
    if (!doc) throw new ApiError(404, 'NOT_FOUND', `no saved view ${id}`);
    return asSavedView(doc.body, id);
  };
  const save = async (view: SavedView) => { await app.store.writeDocuments([{ collection: 'view', id: view.id, updatedAt: view.updatedAt, body: view }]); return view; };
  const mayChange = (view: SavedView, principal: { name: string; role: string } | null) => {
    if (principal && principal.role !== 'admin' && principal.name !== view.createdBy) throw new ApiError(403, 'FORBIDDEN', `saved view ${view.id} belongs to ${view.createdBy}; only they or an admin may change it`);
  };

  app.get('/views', { config: { role: 'viewer' }, schema: { tags: ['views'], response: { 200: Type.Array(SavedViewBody), ...errors } } },
    async () => (await app.store.listDocuments('view')).map((d) => asSavedView(d.body, d.id)).sort((a, b) => a.name.localeCompare(b.name)));

  app.get('/views/:id', { config: { role: 'viewer' }, schema: { tags: ['views'], params: Type.Object({ id: Id }), response: { 200: SavedViewBody, ...errors } } },
    async (request) => get(request.params.id));

  const Fields = {
    name: Type.String({ minLength: 1, maxLength: SAVED_VIEW_LIMITS.name }),
    description: Type.String({ maxLength: SAVED_VIEW_LIMITS.description }),
    query: Type.String({ maxLength: SAVED_VIEW_LIMITS.query + 1, description: "the web view's URL query string (view, target, group, filters, layout, fix = the what-if set)" }),
  };
  app.post('/views', {
    config: { role: 'analyst' },
    schema: { tags: ['views'], body: Type.Object({ name: Fields.name, description: Type.Optional(Fields.description), query: Fields.query }, { additionalProperties: false }), response: { 201: SavedViewBody, ...errors } },
  }, async (request, reply) => {
    const view = await save(newSavedView(request.body, request.principal?.name ?? 'local', new Date().toISOString()));
    request.log.info({ audit: 'views', principal: view.createdBy, created: view.id }, 'saved view created');
    return reply.status(201).send(view);
  });

  app.put('/views/:id', {
    config: { role: 'analyst' },
    schema: { tags: ['views'], params: Type.Object({ id: Id }), body: Type.Object({ name: Type.Optional(Fields.name), description: Type.Optional(Fields.description), query: Type.Optional(Fields.query) }, { additionalProperties: false }), response: { 200: SavedViewBody, ...errors } },
  }, async (request) => {
    const view = await get(request.params.id);
    mayChange(view, request.principal);
    return save(updateSavedView(view, request.body, request.principal?.name ?? 'local', new Date().toISOString()));
  });

  app.delete('/views/:id', { config: { role: 'analyst' }, schema: { tags: ['views'], params: Type.Object({ id: Id }), response: { 204: Type.Null(), ...errors } } }, async (request, reply) => {
    const view = await get(request.params.id);
    mayChange(view, request.principal);
    await app.store.writeDocuments([], [{ collection: 'view', id: view.id }]);
    return reply.status(204).send(null);
  });
};
