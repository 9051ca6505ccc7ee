import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { reproduceResults } from '../../projections/reproduce.js';
import { authenticate, restrictTo } from '../access.js';
import { cycleIdParam, queryInt } from '../schemas.js';

const cell = z.object({ value: z.number().nullable(), suppressed: z.boolean(), units: z.number().int() });
const disclosedCell = z.object({
  table: z.string(),
  areaCode: z.string(),
  areaName: z.string().nullable(),
  category: z.string().optional(),
  reason: z.enum(['primary', 'secondary', 'carried']),
  value: z.number(),
  min: z.number().nullable().describe('The smallest value a reader can derive for the cell; null when there is no lower limit.'),
  max: z.number().nullable().describe('The largest value a reader can derive for the cell; null when there is no upper limit.'),
  protection: z.number().describe('How far the interval must reach on each side of the true value; 0 for a cell hidden to protect another.'),
  protected: z.boolean(),
});
const reproductionSchema = z.object({
  cycleId: z.string(),
  version: z.number().int(),
  publishedAt: z.string(),
  identical: z.boolean(),
  approved: z.object({ published: z.number().int(), reproduced: z.number().int() }),
  tables: z.array(
    z.object({
      id: z.string(),
      cells: z.number().int(),
      differences: z.array(z.object({ areaCode: z.string(), published: cell.nullable(), reproduced: cell.nullable() })),
    }),
  ),
  disclosure: z
    .object({ policy: z.number().int(), cells: z.array(disclosedCell) })
    .describe('The disclosure policy the tables were protected by, and every hidden cell with the interval a reader can derive for it (for auditors only).'),
});

/**
 * Auditors only, as SPEC.md has it: the manager who published is the one being checked,
 * and the check reads every task stream of the cycle. Auditors see every cycle, so a
 * cycle is "not visible" only when the log has no published result for it (404).
 * Cell sizes are shown: auditors can read every response in the log anyway.
 */
export const reproduceRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('onRequest', authenticate);
  restrictTo(app, 'auditor');
  const { store, geography } = app.deps;

  app.get(
    '/api/cycles/:id/results/reproduce',
    {
      schema: {
        tags: ['results', 'audit'],
        security: [{ bearer: [] }],
        description: 'Recomputes the published tables from the log alone and compares them cell by cell with the ResultsPublished event.',
        params: cycleIdParam,
        querystring: z.strictObject({ version: queryInt(1).optional() }),
        response: { 200: reproductionSchema },
      },
    },
    async (request) => reproduceResults(store, geography, request.params.id, request.query.version),
  );
};
