import { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { refusal } from '../../domain/problems.js';
import { findCycle } from '../../projections/cycles/model.js';
import { latestResult } from '../../projections/results/model.js';
import { authenticate } from '../access.js';
import { csvCell } from '../csv.js';
import { cycleVisible } from '../cycles.js';
import { cycleIdParam } from '../schemas.js';

const row = z.object({
  areaCode: z.string(),
  areaName: z.string(),
  /** The `crossBy` choice's value, in a table split by one. */
  category: z.string().optional(),
  value: z.number().nullable(),
  suppressed: z.boolean(),
});
const resultSchema = z.object({
  cycleId: z.string(),
  version: z.number().int(),
  publishedAt: z.string(),
  tables: z.array(
    z.object({
      id: z.string(),
      aggregate: z.string(),
      field: z.string().nullable(),
      /** The roster whose rows are counted; absent when the task's units are. */
      of: z.string().optional(),
      /** The select_one item splitting each area's row. */
      crossBy: z.string().optional(),
      by: z.string(),
      rows: z.array(row),
    }),
  ),
});

export const resultRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('onRequest', authenticate);
  const { readDb: db, geography } = app.deps;

  app.get(
    '/api/cycles/:id/results',
    {
      schema: {
        tags: ['results'],
        security: [{ bearer: [] }],
        params: cycleIdParam,
        querystring: z.strictObject({ format: z.enum(['json', 'csv']).default('json') }),
        response: {
          200: {
            description: 'The newest published version; with format=csv, one line per cell',
            content: {
              'application/json': { schema: resultSchema },
              'text/csv': { schema: z.custom<Readable>((v) => v instanceof Readable).describe('CSV lines') },
            },
          },
        },
      },
    },
    async (request, reply) => {
      const cycle = findCycle(db, request.params.id);
      if (!cycle || !cycleVisible(cycle, request.user, geography)) throw refusal('cycle.not_found', { id: request.params.id });
      const result = latestResult(db, cycle.id);
      if (!result) throw refusal('cycle.no_results', { id: cycle.id });
      // Cell sizes stay internal: they would undo the suppression.
      const tables = result.tables.map((t) => ({ ...t, rows: t.rows.map(({ units: _units, ...rest }) => rest) }));
      if (request.query.format === 'csv') {
        // A table at a time: a census's commune tables run to thousands of rows each.
        const lines = function* () {
          yield 'table,aggregate,field,of,by,crossBy,areaCode,areaName,category,value,suppressed\n';
          for (const t of tables) {
            yield t.rows.map((r) => `${[t.id, t.aggregate, t.field, t.of, t.by, t.crossBy, r.areaCode, r.areaName, r.category, r.value, r.suppressed].map(csvCell).join(',')}\n`).join('');
          }
        };
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${cycle.id}-v${result.version}.csv"`)
          .send(Readable.from(lines(), { objectMode: false }));
      }
      return { ...result, tables };
    },
  );
};
