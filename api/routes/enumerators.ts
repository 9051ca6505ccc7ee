import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { refusal } from '../../domain/problems.js';
import { activeUsers } from '../../projections/users/model.js';
import { authenticate, requireRole, scopeOf } from '../access.js';
import { cursorSchema, decodeCursor, encodeCursor, limitSchema } from '../schemas.js';

/**
 * The active enumerators a supervisor or manager may hand work to: those whose areas meet
 * the caller's, optionally meeting one area, or (`containing`, for a reassignment) holding it.
 * Accounts themselves stay with managers (`/api/users`); this names people and their areas only.
 */
export const enumeratorRoutes: FastifyPluginAsyncZod = async (app) => {
  const { readDb: db, geography } = app.deps;

  app.get(
    '/api/enumerators',
    {
      onRequest: [authenticate, requireRole('manager', 'supervisor')],
      schema: {
        tags: ['users'],
        security: [{ bearer: [] }],
        querystring: z.strictObject({
          areaCode: z.string().max(16).optional(),
          containing: z.string().max(16).optional().describe('keeps those who may take a task of this area: one of their areas is it or holds it'),
          limit: limitSchema,
          cursor: cursorSchema,
        }),
        response: { 200: z.object({ items: z.array(z.object({ username: z.string(), fullName: z.string().optional(), areaCodes: z.array(z.string()) })), nextCursor: z.string().nullable() }) },
      },
    },
    async (request) => {
      const { areaCode, containing, limit } = request.query;
      if (areaCode !== undefined && !geography.has(areaCode)) throw refusal('area.unknown', { code: areaCode }, [{ path: 'querystring.areaCode', message: 'is not a known area', code: 'unknown_area' }]);
      if (containing !== undefined && !geography.has(containing)) throw refusal('area.unknown', { code: containing }, [{ path: 'querystring.containing', message: 'is not a known area', code: 'unknown_area' }]);
      const scope = scopeOf(request.user);
      const after = decodeCursor(request.query.cursor, z.string()) ?? '';
      const items = activeUsers(db, 'enumerator')
        .filter((u) => u.username > after)
        .filter((u) => scope === null || u.areaCodes.some((a) => scope.some((s) => geography.overlaps(a, s))))
        .filter((u) => areaCode === undefined || u.areaCodes.some((a) => geography.overlaps(a, areaCode)))
        // The rule a reassignment is held to (routes/tasks.ts).
        .filter((u) => containing === undefined || geography.withinAny(u.areaCodes, containing))
        .slice(0, limit)
        .map((u) => ({ username: u.username, ...(u.fullName ? { fullName: u.fullName } : {}), areaCodes: [...u.areaCodes] }));
      const last = items[items.length - 1];
      return { items, nextCursor: items.length === limit && last ? encodeCursor(last.username) : null };
    },
  );
};
