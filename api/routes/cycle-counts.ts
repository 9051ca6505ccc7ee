import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { refusal } from '../../domain/problems.js';
import { USERNAME_MAX } from '../../domain/ids.js';
import { findCycle } from '../../projections/cycles/model.js';
import { enumeratorCounts } from '../../projections/tasks/enumerator-counts.js';
import { emptyCounts } from '../../projections/tasks/queries.js';
import { authenticate, scopeOf } from '../access.js';
import { cycleOverview, cycleVisible } from '../cycles.js';
import { countsSchema, cycleIdParam, problemSchema } from '../schemas.js';

const countsAnswer = z
  .object({
    cycleId: z.string(),
    enumerator: z.string().nullable().describe('whose tasks were counted; null for every task the caller sees'),
    total: z.number().int(),
    overdue: z.number().int(),
    counts: countsSchema,
  })
  .meta({ id: 'TaskCounts' });

/**
 * A cycle's tasks counted by status, as a supervisor's list filters them: by one enumerator,
 * inside the caller's areas. An enumerator counts only their own tasks.
 */
export const cycleCountRoutes: FastifyPluginAsyncZod = async (app) => {
  const { readDb: db, geography } = app.deps;

  app.get(
    '/api/cycles/:id/counts',
    {
      onRequest: authenticate,
      schema: {
        tags: ['cycles'],
        summary: 'Task counts by status and overdue, of one enumerator or of all, inside the caller’s areas',
        security: [{ bearer: [] }],
        params: cycleIdParam,
        querystring: z.strictObject({ enumerator: z.string().min(1).max(USERNAME_MAX).optional() }),
        response: { 200: countsAnswer, 404: problemSchema },
      },
    },
    async (request) => {
      const { id } = request.params;
      const cycle = findCycle(db, id);
      if (!cycle || !cycleVisible(cycle, request.user, geography)) throw refusal('cycle.not_found', { id });
      const own = request.user.role === 'enumerator' ? request.user.username : undefined;
      const enumerator = request.query.enumerator ?? own ?? null;
      if (enumerator === null) {
        const { total, overdue, counts } = cycleOverview(db, cycle, request.user);
        return { cycleId: cycle.id, enumerator, total, overdue, counts };
      }
      // An enumerator asking after someone else's tasks counts none, as their task list lists none.
      if (own !== undefined && enumerator !== own) return { cycleId: cycle.id, enumerator, total: 0, overdue: 0, counts: emptyCounts() };
      return { cycleId: cycle.id, enumerator, ...enumeratorCounts(db, cycle.id, enumerator, scopeOf(request.user)) };
    },
  );
};
