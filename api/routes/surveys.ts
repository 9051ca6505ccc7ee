import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { refusal } from '../../domain/problems.js';
import { streams } from '../../domain/events.js';
import { surveyDefinitionInput, surveyDefinitionSchema, toDefinition, type SurveyDefinition } from '../../domain/survey/definition.js';
import { ConcurrencyError } from '../../eventstore/errors.js';
import { findSurvey, listSurveys, type SurveyRow } from '../../projections/surveys/model.js';
import { authenticate, requireRole, surveyVisible } from '../access.js';
import { describeSchedule, ensureSchedule, scheduleId } from '../schedules.js';
import { appendFromRequest } from '../append.js';
import { cursorSchema, decodeCursor, encodeCursor, surveyIdParam, limitSchema } from '../schemas.js';

/** A questionnaire of thousands of items and choice lists of 15,000 choices runs past the 1 MiB of other bodies. */
export const DEFINITION_BODY_LIMIT = 16 * 1024 * 1024;

export const surveyOut = z
  .object({ id: z.string(), version: z.number().int().describe('the newest version: the definition given'), definedAt: z.string(), definition: surveyDefinitionSchema })
  .meta({ id: 'Survey' });

/** Records a new survey, and starts its reporting schedule if it has one; 409 when its code is taken. */
export async function defineSurvey(app: FastifyInstance, request: FastifyRequest, definition: SurveyDefinition): Promise<SurveyRow> {
  const db = app.deps.readDb;
  if (findSurvey(db, definition.code)) throw refusal('survey.exists', { code: definition.code });
  const id = definition.code;
  try {
    await appendFromRequest(request, streams.survey(id), [{ type: 'SurveyDefined', data: { id, definition } }], 'no_stream');
  } catch (err) {
    if (err instanceof ConcurrencyError) throw refusal('survey.exists', { code: definition.code });
    throw err;
  }
  if (definition.schedule) {
    await ensureSchedule(app.deps.temporal, app.deps.taskQueue, id, definition);
    await appendFromRequest(request, streams.survey(id), [{ type: 'SurveyScheduleChanged', data: { state: 'active', note: 'created with the survey' } }], 'stream_exists');
  }
  return findSurvey(db, id)!;
}

export const surveyRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('onRequest', authenticate);
  const db = app.deps.readDb;

  app.get(
    '/api/surveys',
    {
      schema: {
        tags: ['surveys'],
        security: [{ bearer: [] }],
        querystring: z.strictObject({ limit: limitSchema, cursor: cursorSchema }),
        response: { 200: z.object({ items: z.array(surveyOut), nextCursor: z.string().nullable() }) },
      },
    },
    async (request) => {
      const after = decodeCursor(request.query.cursor, z.string());
      const rows = listSurveys(db, after, request.query.limit);
      const last = rows[rows.length - 1];
      return { items: rows, nextCursor: rows.length === request.query.limit && last ? encodeCursor(last.id) : null };
    },
  );

  app.get(
    '/api/surveys/:id',
    { config: { respondents: true }, schema: { tags: ['surveys'], security: [{ bearer: [] }], params: surveyIdParam, response: { 200: surveyOut } } },
    async (request) => {
      const survey = findSurvey(db, request.params.id);
      // A respondent reads the forms of its own units' reports, and no other.
      if (!survey || !surveyVisible(db, request.user, survey.id)) throw refusal('survey.not_found', { id: request.params.id });
      return survey;
    },
  );

  app.post(
    '/api/surveys',
    {
      onRequest: requireRole('manager'),
      bodyLimit: DEFINITION_BODY_LIMIT,
      schema: { tags: ['surveys'], security: [{ bearer: [] }], body: surveyDefinitionInput, response: { 201: surveyOut } },
    },
    async (request, reply) => reply.code(201).send(await defineSurvey(app, request, toDefinition(request.body))),
  );

  const scheduleView = z.object({
    id: z.string(),
    state: z.enum(['active', 'paused']),
    every: z.string(),
    collectionDays: z.number().int(),
    note: z.string(),
    nextRuns: z.array(z.string()),
    recentRuns: z.array(z.string()),
  });
  const scheduled = (idOrCode: string) => {
    const survey = findSurvey(db, idOrCode);
    if (!survey) throw refusal('survey.not_found', { id: idOrCode });
    if (!survey.definition.schedule) throw refusal('survey.no_schedule', { code: survey.definition.code });
    return survey;
  };

  app.get(
    '/api/surveys/:id/schedule',
    { schema: { tags: ['surveys'], security: [{ bearer: [] }], params: surveyIdParam, response: { 200: scheduleView } } },
    async (request) => {
      const survey = scheduled(request.params.id);
      const view = await describeSchedule(app.deps.temporal, survey.definition.code, survey.definition);
      if (!view) throw refusal('survey.schedule_deleted', { code: survey.definition.code });
      return view;
    },
  );

  const steer = (action: 'pause' | 'resume') =>
    app.post(
      `/api/surveys/:id/schedule/${action}`,
      {
        onRequest: requireRole('manager'),
        schema: {
          tags: ['surveys'],
          security: [{ bearer: [] }],
          params: surveyIdParam,
          // `nullish`: Fastify validates a POST without a body as null, and this one may be left out.
          body: z.strictObject({ note: z.string().max(500).optional() }).nullish(),
          response: { 200: scheduleView },
        },
      },
      async (request) => {
        const survey = scheduled(request.params.id);
        const { code } = survey.definition;
        const note = request.body?.note ?? `${action === 'pause' ? 'paused' : 'resumed'} by ${request.user.username}`;
        const handle = app.deps.temporal.schedule.getHandle(scheduleId(code));
        if (action === 'pause') {
          if (!(await describeSchedule(app.deps.temporal, code, survey.definition))) throw refusal('survey.schedule_deleted', { code });
          await handle.pause(note);
        } else {
          // Resuming a deleted schedule creates it again.
          await ensureSchedule(app.deps.temporal, app.deps.taskQueue, survey.id, survey.definition);
          await handle.unpause(note);
        }
        await appendFromRequest(request, streams.survey(survey.id), [{ type: 'SurveyScheduleChanged', data: { state: action === 'pause' ? 'paused' : 'active', note } }], 'stream_exists');
        return (await describeSchedule(app.deps.temporal, code, survey.definition))!;
      },
    );
  steer('pause');
  steer('resume');

  app.delete(
    '/api/surveys/:id/schedule',
    {
      onRequest: requireRole('manager'),
      schema: { tags: ['surveys'], security: [{ bearer: [] }], params: surveyIdParam, response: { 204: z.null() } },
    },
    async (request, reply) => {
      const survey = scheduled(request.params.id);
      const { code } = survey.definition;
      if (!(await describeSchedule(app.deps.temporal, code, survey.definition))) throw refusal('survey.schedule_deleted', { code });
      await app.deps.temporal.schedule.getHandle(scheduleId(code)).delete();
      await appendFromRequest(request, streams.survey(survey.id), [{ type: 'SurveyScheduleChanged', data: { state: 'deleted', note: `deleted by ${request.user.username}` } }], 'stream_exists');
      return reply.code(204).send(null);
    },
  );
};
