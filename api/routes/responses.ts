import { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DomainError } from '../../domain/errors.js';
import type { SurveyDefinition } from '../../domain/survey/definition.js';
import { TASK_STATUSES, type TaskStatus } from '../../domain/task/events.js';
import { findCycle } from '../../projections/cycles/model.js';
import type { Scope } from '../../projections/scope.js';
import { findSurvey } from '../../projections/surveys/model.js';
import { responsePage } from '../../projections/tasks/queries.js';
import type Database from 'better-sqlite3';
import { authenticate, requireRole, scopeOf } from '../access.js';
import { csvCell } from '../csv.js';
import { cycleVisible } from '../cycles.js';
import { cycleIdParam } from '../schemas.js';

const PAGE = 5000;
const FIXED = ['taskId', 'unitId', 'areaCode', 'communeCode', 'provinceCode', 'enumerator', 'status'] as const;

/**
 * The cycle's microdata, one line per task with its latest response, page by page: the
 * next page is read only once the client has taken the last one.
 */
async function* lines(db: Database.Database, cycleId: string, statuses: TaskStatus[], scope: Scope, fields: string[], format: 'csv' | 'ndjson') {
  if (format === 'csv') yield `${[...FIXED, ...fields].map(csvCell).join(',')}\n`;
  let after = '';
  for (;;) {
    const rows = responsePage(db, cycleId, statuses, scope, after, PAGE);
    let chunk = '';
    for (const row of rows) {
      const response = row.response === null ? {} : (JSON.parse(row.response) as Record<string, unknown>);
      const fixed = [row.id, row.unit_id, row.area_code, row.commune_code, row.province_code, row.enumerator, row.status];
      if (format === 'csv') chunk += `${[...fixed, ...fields.map((f) => response[f])].map(csvCell).join(',')}\n`;
      else chunk += `${JSON.stringify({ ...Object.fromEntries(FIXED.map((k, i) => [k, fixed[i]])), response: row.response === null ? null : response })}\n`;
    }
    if (chunk) yield chunk;
    if (rows.length < PAGE) return;
    after = rows[rows.length - 1]!.id;
  }
}

export const responseRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('onRequest', authenticate);
  // Microdata identify households: the staff who publish and those who audit, within their areas.
  app.addHook('onRequest', requireRole('manager', 'auditor'));
  const { readDb: db, geography } = app.deps;

  app.get(
    '/api/cycles/:id/responses',
    {
      schema: {
        tags: ['results'],
        summary: "The cycle's microdata: one line per task with its latest response, streamed as CSV or NDJSON",
        security: [{ bearer: [] }],
        params: cycleIdParam,
        querystring: z.strictObject({
          format: z.enum(['csv', 'ndjson']).default('csv'),
          // Approved responses by default: what the published tables were computed from.
          status: z.union([z.enum(TASK_STATUSES), z.literal('all')]).default('approved'),
        }),
        response: {
          200: {
            description: 'CSV with a header line (the task, then one column per survey field), or one JSON object per line',
            content: {
              'text/csv': { schema: z.custom<Readable>((v) => v instanceof Readable).describe('CSV lines') },
              'application/x-ndjson': { schema: z.custom<Readable>((v) => v instanceof Readable).describe('a stream of JSON lines') },
            },
          },
        },
      },
    },
    async (request, reply) => {
      const cycle = findCycle(db, request.params.id);
      if (!cycle || !cycleVisible(cycle, request.user, geography)) throw new DomainError('not_found', `no cycle ${request.params.id}`);
      const definition = findSurvey(db, cycle.surveyId)?.definition as SurveyDefinition | undefined;
      const fields = definition?.fields.map((f) => f.id) ?? [];
      const { format, status } = request.query;
      const statuses = status === 'all' ? [] : [status];
      const body = Readable.from(lines(db, cycle.id, statuses, scopeOf(request.user), fields, format), { objectMode: false });
      return reply
        .type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8')
        .header('content-disposition', `attachment; filename="${cycle.id}-responses.${format === 'csv' ? 'csv' : 'ndjson'}"`)
        .send(body);
    },
  );
};
