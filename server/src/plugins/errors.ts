/**
 * One error shape for every failure: `{code, message}`. Chokepoint errors keep their message (they are
 * written for users); validation errors name the field; anything unexpected is a 500 that says nothing
 * internal (the log has the details).
 */
import fp from 'fastify-plugin';
import { isChokepointError, type ErrorCode } from '@chokepoint/queries';

export class ApiError extends Error {
  constructor(readonly statusCode: number, readonly code: string, message: string) { super(message); }
}

const STATUS: Record<ErrorCode, number> = {
  USAGE: 400, NOT_FOUND: 404, BAD_INPUT: 400, INVALID_BATCH: 400, STORE_UNAVAILABLE: 503, STORE_BUSY: 503, STORE_CORRUPT: 500, UNAVAILABLE: 501,
};

export const errorsPlugin = fp(async (app) => {
  app.setErrorHandler((error, request, reply) => {
    if (error instanceof ApiError) return reply.status(error.statusCode).send({ code: error.code, message: error.message });
    if (isChokepointError(error)) {
      const status = STATUS[error.code];
      if (status >= 500) request.log.error(error);
      return reply.status(status).send({ code: error.code, message: status >= 500 && error.code === 'STORE_CORRUPT' ? 'the store is damaged; see the server log' : error.message });
    }
    const e = error as { validation?: unknown; statusCode?: number; code?: string; message: string };
    if (e.validation) return reply.status(400).send({ code: 'VALIDATION', message: e.message });
    if (e.statusCode === 413 || e.code === 'FST_REQ_FILE_TOO_LARGE' || e.code === 'FST_FILES_LIMIT' || e.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return reply.status(413).send({ code: 'TOO_LARGE', message: e.message });
    if (e.statusCode === 429) return reply.status(429).send({ code: 'RATE_LIMITED', message: 'too many requests; slow down' });
    if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) return reply.status(e.statusCode).send({ code: e.code ?? 'BAD_REQUEST', message: e.message });
    request.log.error(error);
    return reply.status(500).send({ code: 'INTERNAL', message: 'internal error' });
  });
  app.setNotFoundHandler((request, reply) => reply.status(404).send({ code: 'NOT_FOUND', message: `no route ${request.method} ${request.url.split('?')[0]}` }));
}, { name: 'errors' });
