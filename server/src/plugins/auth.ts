/**
 * Bearer-token authentication with roles viewer < analyst < admin. Tokens are held as SHA-256 hashes and
 * compared in constant time; 401 when the token is missing or unknown, 403 when the role is too low.
 * With auth off (loopback demo only) every request acts as an admin named "local".
 * Every write is logged as one audit line: who, what, when.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import fp from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';
import { ROLES, type Role } from '../config.js';
import { ApiError } from './errors.js';

export const hashToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

export function authenticate(header: string | undefined, tokens: ReadonlyArray<{ name: string; role: Role; sha256: string }>): { name: string; role: Role } | null {
  const m = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  if (!m) return null;
  const presented = Buffer.from(hashToken(m[1]!), 'hex');
  let found: { name: string; role: Role } | null = null;
  for (const t of tokens) if (timingSafeEqual(presented, Buffer.from(t.sha256, 'hex')) && !found) found = { name: t.name, role: t.role }; // no early exit: constant time over the list
  return found;
}

export const authPlugin = fp(async (app) => {
  app.decorateRequest('principal', null);
  app.addHook('onRequest', async (request: FastifyRequest) => {
    const needed = request.routeOptions.config.role;
    if (!needed) return;
    if (!app.settings.auth) { request.principal = { name: 'local', role: 'admin' }; return; }
    const principal = authenticate(request.headers.authorization, app.settings.tokens);
    if (!principal) throw new ApiError(401, 'UNAUTHORIZED', 'a valid bearer token is required (Authorization: Bearer <token>)');
    // Known before the role check, so the audit line of a refused write names who tried it.
    request.principal = principal;
    if (ROLES.indexOf(principal.role) < ROLES.indexOf(needed)) throw new ApiError(403, 'FORBIDDEN', `this needs the ${needed} role; ${principal.name} is ${principal.role}`);
  });
  app.addHook('onResponse', async (request, reply) => {
    if (request.method === 'GET' || request.method === 'HEAD' || !request.routeOptions.config.role) return;
    request.log.info({ audit: true, who: request.principal?.name ?? 'anonymous', what: `${request.method} ${request.routeOptions.url}`, status: reply.statusCode, when: new Date().toISOString() }, 'audit');
  });
}, { name: 'auth', dependencies: ['services'] });
