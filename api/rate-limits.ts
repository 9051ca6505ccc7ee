import type {} from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import type { UserRecord } from '../domain/users.js';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Writes a minute per user unless configured (`WRITE_RATE_LIMIT`): generous for people, a brake on a runaway script. */
export const DEFAULT_WRITE_RATE_LIMIT = 600;

/**
 * Limits every write under `/api/` to `max` a minute per user (per address before login),
 * answered 429 with `Retry-After`. A route with its own `config.rateLimit` (login) keeps it.
 * Call after registering @fastify/rate-limit and before the routes.
 */
export function limitWrites(app: FastifyInstance, max: number): void {
  // One limiter shared by all write routes: a limit per route would multiply the budget by the number of routes.
  const limiter = app.rateLimit({
    max,
    timeWindow: '1 minute',
    keyGenerator: (request) => {
      const user: UserRecord | null = request.user;
      return user ? `user:${user.id}` : `ip:${request.ip}`;
    },
  });
  app.addHook('onRoute', (route) => {
    const writes = [route.method].flat().some((method) => WRITES.has(method));
    if (!writes || !route.url.startsWith('/api/') || route.config?.rateLimit !== undefined) return;
    // A pre-handler: authentication (onRequest) has named the user, and the handler, which stores, has not run.
    route.preHandler = [limiter, ...[route.preHandler ?? []].flat()];
  });
}
