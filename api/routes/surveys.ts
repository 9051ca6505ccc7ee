import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DomainError } from '../../domain/errors.js';
import { streams } from '../../domain/events.js';
import { checkExpressionProblems } from '../../domain/survey/checks.js';
import { surveyDefinitionSchema } from '../../domain/survey/definition.js';
import { ConcurrencyError } from '../../eventstore/errors.js';
import { findSurvey, listSurveys } from '../../projections/surveys/model.js';
import { authenticate, requireRole } from '../access.js';
import { appendFromRequest } from '../append.js';
import { cursorSchema, decodeCursor, encodeCursor, idParam, limitSchema, problems } from '../schemas.js';

const surveyOut = z.object({ id: z.string(), definedAt: z.string(), definition: z.record(z.string(), z.unknown()) });

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
        response: { 200: z.object({ items: z.array(surveyOut), nextCursor: z.string().nullable() }), ...problems },
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
    { schema: { tags: ['surveys'], security: [{ bearer: [] }], params: idParam, response: { 200: surveyOut, ...problems } } },
    async (request) => {
      const survey = findSurvey(db, request.params.id);
      if (!survey) throw new DomainError('not_found', `no survey ${request.params.id}`);
      return survey;
    },
  );

  app.post(
    '/api/surveys',
    {
      onRequest: requireRole('manager'),
      schema: { tags: ['surveys'], security: [{ bearer: [] }], body: surveyDefinitionSchema, response: { 201: surveyOut, ...problems } },
    },
    async (request, reply) => {
      const definition = request.body;
      const expressionProblems = checkExpressionProblems(definition).map((p) => ({ ...p, path: `body.${p.path}` }));
      if (expressionProblems.length > 0) throw new DomainError('validation', 'an edit check is not valid', expressionProblems);
      if (findSurvey(db, definition.code)) throw new DomainError('illegal_state', `a survey with code ${definition.code} exists`);
      const id = definition.code;
      try {
        await appendFromRequest(request, streams.survey(id), [{ type: 'SurveyDefined', data: { id, definition } }], 'no_stream');
      } catch (err) {
        if (err instanceof ConcurrencyError) throw new DomainError('illegal_state', `a survey with code ${definition.code} exists`);
        throw err;
      }
      return reply.code(201).send(findSurvey(db, id)!);
    },
  );
};
