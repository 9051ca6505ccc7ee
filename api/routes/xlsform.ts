import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { refusal } from '../../domain/problems.js';
import { SURVEY_CODE_MAX, SURVEY_CODE_PATTERN } from '../../domain/ids.js';
import { surveyDefinitionInput, surveyDefinitionSchema, toDefinition } from '../../domain/survey/definition.js';
import { issueCode } from '../../domain/survey/questionnaire.js';
import { readWorkbook, XLSFORM_MAX_BYTES, xlsformToQuestionnaire, type SheetError } from '../../domain/survey/xlsform.js';
import { questionnaireToXlsform, xlsformWorkbook } from '../../domain/survey/xlsform-export.js';
import { findSurvey } from '../../projections/surveys/model.js';
import { authenticate, requireRole } from '../access.js';
import { surveyIdParam } from '../schemas.js';
import { defineSurvey } from './surveys.js';

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const problem = z.object({ sheet: z.string(), row: z.number().int(), column: z.string(), message: z.string() });
const imported = z.object({ definition: surveyDefinitionSchema, warnings: z.array(problem) });

/** A workbook's problem as a refusal's error: `body.survey.12.F`, the place in words, and its code with the place among its values. */
const asError = (p: SheetError) => ({
  path: `body.${p.sheet}.${p.row}.${p.column}`,
  message: `sheet ${p.sheet}, row ${p.row}, column ${p.column}: ${p.message}`,
  code: p.code,
  params: { ...p.params, sheet: p.sheet, row: p.row, column: p.column },
});

/**
 * XLSForm in and out: a workbook read as a survey definition (stored, or only checked with
 * `dryRun`), and a survey's definition written back as a workbook.
 */
export const xlsformRoutes: FastifyPluginAsyncZod = async (app) => {
  // Browsers and scripts that do not know the workbook's own media type send a plain byte stream.
  app.addContentTypeParser([XLSX, 'application/octet-stream'], { parseAs: 'buffer', bodyLimit: XLSFORM_MAX_BYTES }, (_req, body, done) => done(null, body));

  app.post(
    '/api/surveys/import/xlsform',
    {
      onRequest: [authenticate, requireRole('manager')],
      bodyLimit: XLSFORM_MAX_BYTES,
      schema: {
        tags: ['surveys'],
        summary: `Reads an XLSForm workbook (at most ${XLSFORM_MAX_BYTES / 1024 / 1024} MiB) as a survey definition`,
        security: [{ bearer: [] }],
        consumes: [XLSX, 'application/octet-stream'],
        querystring: z.strictObject({
          code: z.string().regex(SURVEY_CODE_PATTERN, `must be 2 to ${SURVEY_CODE_MAX} capital letters, digits or _`),
          kind: z.enum(['census', 'sample_survey', 'reporting']).default('sample_survey'),
          unitType: z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,62}$/, 'must be a letter followed by letters, digits or _').default('household'),
          reviewLevels: z
            .string()
            .regex(/^(commune|province|country)(,(commune|province|country)){0,2}$/, 'must be levels from commune, province, country, comma-separated, lowest first')
            .default('commune'),
          dryRun: z.enum(['true', 'false']).default('false').describe('true: check and translate only, store nothing'),
        }),
        body: z.custom<Buffer>((v) => Buffer.isBuffer(v), 'must be an .xlsx workbook').meta({ description: 'The .xlsx file', type: 'string', format: 'binary' }),
        response: { 200: imported.describe('Dry run: the definition it would store'), 201: imported.describe('Stored: the new survey’s definition') },
      },
    },
    async (request, reply) => {
      const sheets = await readWorkbook(new Uint8Array(request.body));
      if ('error' in sheets) throw refusal('xlsform.not_workbook', {}, [{ path: 'body', message: sheets.error, code: sheets.code, params: sheets.params }]);
      const read = xlsformToQuestionnaire(sheets);
      if (read.errors.length > 0 || !read.questionnaire) throw refusal('xlsform.unsupported', {}, read.errors.map(asError));
      const { code, kind, unitType, reviewLevels, dryRun } = request.query;
      const parsed = surveyDefinitionInput.safeParse({
        code,
        kind,
        unitType,
        reviewLevels: reviewLevels.split(','),
        title: read.title ?? { vi: code, en: code },
        ...read.questionnaire,
      });
      if (!parsed.success) {
        const errors = parsed.error.issues.map((i) => ({ path: ['code', 'kind', 'unitType', 'reviewLevels'].includes(String(i.path[0])) ? `querystring.${i.path.join('.')}` : `body.${i.path.join('.')}`, message: i.message, ...issueCode(i) }));
        throw refusal('xlsform.invalid', {}, errors);
      }
      const definition = toDefinition(parsed.data);
      if (dryRun === 'true') {
        if (findSurvey(app.deps.readDb, code)) throw refusal('survey.exists', { code });
        return reply.code(200).send({ definition, warnings: read.warnings });
      }
      const stored = await defineSurvey(app, request, definition);
      return reply.code(201).send({ definition: stored.definition, warnings: read.warnings });
    },
  );

  app.get(
    '/api/surveys/:id/xlsform',
    {
      onRequest: authenticate,
      schema: {
        tags: ['surveys'],
        summary: 'The survey’s definition as an XLSForm workbook; with format=json, its sheets as rows and what XLSForm cannot say',
        security: [{ bearer: [] }],
        params: surveyIdParam,
        querystring: z.strictObject({ format: z.enum(['xlsx', 'json']).default('xlsx') }),
        response: {
          200: {
            description: 'The workbook, or its sheets',
            content: {
              [XLSX]: { schema: z.custom<Buffer>((v) => Buffer.isBuffer(v)).meta({ type: 'string', format: 'binary' }) },
              'application/json': {
                schema: z.object({
                  survey: z.array(z.array(z.union([z.string(), z.number(), z.null()]))),
                  choices: z.array(z.array(z.union([z.string(), z.number(), z.null()]))),
                  settings: z.array(z.array(z.union([z.string(), z.number(), z.null()]))),
                  problems: z.array(z.object({ item: z.string(), message: z.string() })),
                }),
              },
            },
          },
        },
      },
    },
    async (request, reply) => {
      const survey = findSurvey(app.deps.readDb, request.params.id);
      if (!survey) throw refusal('survey.not_found', { id: request.params.id });
      const sheets = questionnaireToXlsform(survey.definition);
      if (request.query.format === 'json') return reply.type('application/json; charset=utf-8').send(sheets);
      const bytes = await xlsformWorkbook(sheets);
      return reply
        .type(XLSX)
        .header('content-disposition', `attachment; filename="${survey.definition.code}.xlsx"`)
        .send(Buffer.from(bytes));
    },
  );
};
