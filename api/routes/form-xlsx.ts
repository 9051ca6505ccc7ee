import type Database from 'better-sqlite3';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { FieldError } from '../../domain/errors.js';
import { refusal } from '../../domain/problems.js';
import { formSheets, formWorkbook, type FormIdentity } from '../../domain/survey/form-sheet.js';
import { asFieldError, cellName, placeOf, readFormSheets, type SheetPlace } from '../../domain/survey/form-sheet-read.js';
import { readWorkbook } from '../../domain/survey/xlsform.js';
import { findSurvey, findSurveyVersion } from '../../projections/surveys/model.js';
import { authenticate, visibleTask } from '../access.js';
import { taskIdParam } from '../schemas.js';
import { XLSX } from './xlsform.js';

/**
 * A task's form as a spreadsheet (domain/survey/form-sheet.ts), for respondents who answer
 * offline in Excel or LibreOffice: `GET /api/tasks/:id/form.xlsx` here, and the filled
 * workbook sent back to `POST /api/tasks/:id/submit` (api/routes/tasks.ts), which reads it
 * with `readSheetSubmission` as the JSON body it stands for.
 */

/** The questionnaire a task is answered against, as the submit route checks it, and the form's identity. */
function formOf(db: Database.Database, task: ReturnType<typeof visibleTask>) {
  const survey = findSurvey(db, task.state.surveyId);
  if (!survey) throw refusal('task.survey_gone', { survey: task.state.surveyId });
  // Tasks from before versions have the first.
  const version = task.state.version ?? 1;
  const identity: FormIdentity = { task: task.id, survey: survey.id, version };
  return { definition: findSurveyVersion(db, survey.id, version)?.definition ?? survey.definition, identity };
}

export const formXlsxRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('onRequest', authenticate);
  const { readDb: db, geography, drafts } = app.deps;

  app.get(
    '/api/tasks/:id/form.xlsx',
    {
      // A respondent fills its own units' reports in a spreadsheet too.
      config: { respondents: true },
      schema: {
        tags: ['tasks'],
        summary: 'The task’s form as a spreadsheet to fill in offline and send back to POST /api/tasks/{id}/submit; answered so far from the caller’s draft, else the task’s response',
        security: [{ bearer: [] }],
        params: taskIdParam,
        querystring: z.strictObject({ lang: z.enum(['vi', 'en']).optional().describe('the language of its labels; by default the caller’s, else Vietnamese') }),
        response: {
          200: {
            description: 'The workbook: a sheet `form` of the questions, one per roster, `choices`, and `meta` naming the task and version',
            content: { [XLSX]: { schema: z.custom<Buffer>((v) => Buffer.isBuffer(v)).meta({ type: 'string', format: 'binary' }) } },
          },
        },
      },
    },
    async (request, reply) => {
      const task = visibleTask(db, geography, request.params.id, request.user);
      const { definition, identity } = formOf(db, task);
      const draft = await drafts.get(task.id, request.user.username);
      const answers = draft?.data ?? task.state.response ?? {};
      const bytes = await formWorkbook(formSheets(definition, answers, identity, request.query.lang ?? request.user.language ?? 'vi'));
      return reply
        .type(XLSX)
        .header('content-disposition', `attachment; filename="${task.id}.xlsx"`)
        .send(Buffer.from(bytes));
    },
  );
};

/** Where each answer of a submission read from a workbook came from, for its refusal to name the cells. */
const sheetPlaces = new WeakMap<FastifyRequest, ReadonlyMap<string, SheetPlace>>();

/**
 * A submission sent as a filled form.xlsx, read as the JSON body it stands for (`data`, no
 * explanations), before the submit route's schema checks it; from there on it is a JSON
 * submission. A workbook that does not fit the task's form is refused naming its cells, and
 * nothing is stored. Any other body is left as it is.
 */
export async function readSheetSubmission(request: FastifyRequest): Promise<void> {
  if (!Buffer.isBuffer(request.body)) return;
  // The route's schema refuses a bad id next.
  const params = taskIdParam.safeParse(request.params);
  if (!params.success) return;
  const { readDb, geography } = request.server.deps;
  const task = visibleTask(readDb, geography, params.data.id, request.user);
  const { definition, identity } = formOf(readDb, task);
  const sheets = await readWorkbook(new Uint8Array(request.body));
  if ('error' in sheets) throw refusal('task.form_sheet_invalid', {}, [{ path: 'body', message: sheets.error, code: sheets.code, params: sheets.params }]);
  const read = readFormSheets(sheets, definition, identity);
  if (read.errors.length > 0) throw refusal('task.form_sheet_invalid', {}, read.errors.map(asFieldError));
  sheetPlaces.set(request, read.places);
  request.body = { data: read.data, explanations: {} };
}

/** A field error of a submission read from a workbook, at the cell its answer came from (`body.data.persons[2].age` → `persons!E3`); any other as it is. */
export function inSheet(request: FastifyRequest, error: FieldError): FieldError {
  const places = sheetPlaces.get(request);
  const prefix = 'body.data.';
  if (!places || !error.path.startsWith(prefix)) return error;
  const answer = error.path.slice(prefix.length);
  const place = placeOf(places, answer);
  if (!place) return error;
  return { ...error, path: cellName(place), message: `${answer} ${error.message}`, params: { ...error.params, sheet: place.sheet, row: place.row, column: place.column } };
}
