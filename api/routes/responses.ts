import { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DomainError } from '../../domain/errors.js';
import { refusal } from '../../domain/problems.js';
import type { SurveyDefinition } from '../../domain/survey/definition.js';
import { levelCsv, levelFileName } from '../../domain/microdata/csv.js';
import { findLevel, microdataLayout, type MicrodataResponse } from '../../domain/microdata/levels.js';
import { microdataZip } from '../../domain/microdata/zip.js';
import { identifierSchema, levelItems } from '../../domain/survey/questionnaire.js';
import { TASK_STATUSES, type TaskStatus } from '../../domain/task/events.js';
import { findCycle } from '../../projections/cycles/model.js';
import type { Scope } from '../../projections/scope.js';
import { findSurvey, listSurveyVersions } from '../../projections/surveys/model.js';
import { responsePage, responseRows } from '../../projections/tasks/queries.js';
import type Database from 'better-sqlite3';
import { authenticate, restrictTo, scopeOf } from '../access.js';
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

/** The responses of a cycle as microdata reads them, page by page, each time it is called. */
function* microdataResponses(db: Database.Database, cycleId: string, statuses: TaskStatus[], scope: Scope): Generator<MicrodataResponse> {
  for (const row of responseRows(db, cycleId, statuses, scope, PAGE)) {
    if (row.response !== null) yield { taskId: row.id, unitId: row.unit_id, areaCode: row.area_code, version: row.version ?? 1, data: JSON.parse(row.response) as Record<string, unknown> };
  }
}

export const responseRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('onRequest', authenticate);
  // Microdata identify households: the staff who publish and those who audit, within their areas.
  restrictTo(app, 'manager', 'auditor');
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
          format: z.enum(['csv', 'ndjson', 'zip']).default('csv'),
          /** A roster's id: that level's microdata table (CSV), keyed by taskId and row. */
          level: identifierSchema.optional(),
          // Approved responses by default: what the published tables were computed from.
          status: z.union([z.enum(TASK_STATUSES), z.literal('all')]).default('approved'),
        }),
        response: {
          200: {
            description:
              'CSV with a header line (the task, then one column per unit-level question), or with `level` that roster level\'s table keyed by taskId and row; one JSON object per line; or a zip of every level with value labels and a DDI Codebook 2.5 document',
            content: {
              'text/csv': { schema: z.custom<Readable>((v) => v instanceof Readable).describe('CSV lines') },
              'application/x-ndjson': { schema: z.custom<Readable>((v) => v instanceof Readable).describe('a stream of JSON lines') },
              'application/zip': { schema: z.custom<Readable>((v) => v instanceof Readable).describe('a zip archive') },
            },
          },
        },
      },
    },
    async (request, reply) => {
      const cycle = findCycle(db, request.params.id);
      if (!cycle || !cycleVisible(cycle, request.user, geography)) throw refusal('cycle.not_found', { id: request.params.id });
      const definition = findSurvey(db, cycle.surveyId)?.definition as SurveyDefinition | undefined;
      if (!definition) throw refusal('cycle.survey_gone', { id: cycle.id });
      const { format, status, level: levelId } = request.query;
      const statuses = status === 'all' ? [] : [status];
      const scope = scopeOf(request.user);
      if (format === 'zip' || levelId !== undefined) {
        // Every version, joined by item path: a response fills the columns its version has.
        const versions = listSurveyVersions(db, cycle.surveyId).map((v) => ({ version: v.version, questionnaire: v.definition }));
        const layout = microdataLayout(versions.length > 0 ? versions : [{ version: 1, questionnaire: definition }], { unitLevel: definition.unitType, unitLabel: definition.title });
        const responses = () => microdataResponses(db, cycle.id, statuses, scope);
        if (format === 'zip') {
          const study = { id: cycle.id, title: definition.title, unitType: definition.unitType };
          return reply
            .type('application/zip')
            .header('content-disposition', `attachment; filename="${cycle.id}-microdata.zip"`)
            .send(Readable.from(microdataZip(layout, study, responses, { modifiedAt: new Date() })));
        }
        const level = findLevel(layout, levelId!);
        if (!level || format !== 'csv') {
          throw new DomainError('validation', 'no such level', [{ path: 'querystring.level', message: level ? 'a level is a CSV table: use format=csv' : `must be ${layout.levels.map((l) => l.id).join(', ')}` }]);
        }
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${cycle.id}-${levelFileName(level)}"`)
          .send(Readable.from(levelCsv(layout, level, responses())));
      }
      // Unit-level questions; a roster's rows are in the microdata by level.
      const fields = levelItems(definition.items).filter((i) => i.type !== 'roster' && i.type !== 'note').map((i) => i.id);
      const body = Readable.from(lines(db, cycle.id, statuses, scope, fields, format), { objectMode: false });
      return reply
        .type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8')
        .header('content-disposition', `attachment; filename="${cycle.id}-responses.${format === 'csv' ? 'csv' : 'ndjson'}"`)
        .send(body);
    },
  );
};
