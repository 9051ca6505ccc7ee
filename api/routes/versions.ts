import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { refusal } from '../../domain/problems.js';
import { streams } from '../../domain/events.js';
import { isCollecting } from '../../domain/cycle/events.js';
import { surveyDefinitionInput, surveyDefinitionSchema, toDefinition } from '../../domain/survey/definition.js';
import { OPEN_STATUSES } from '../../domain/task/events.js';
import { ConcurrencyError } from '../../eventstore/errors.js';
import { findCycle } from '../../projections/cycles/model.js';
import { foldSurvey } from '../../projections/history.js';
import { findSurvey, findSurveyVersion, latestSurveyVersion, listSurveyVersions } from '../../projections/surveys/model.js';
import { findTask } from '../../projections/tasks/model.js';
import { responseRows } from '../../projections/tasks/queries.js';
import { upgradeUpdate, workflowIds } from '../../workflows/definitions.js';
import { authenticate, requireRole, scopeOf, surveyVisible } from '../access.js';
import { appendFromRequest } from '../append.js';
import { cycleVisible } from '../cycles.js';
import { cycleIdParam, surveyIdParam } from '../schemas.js';
import { DEFINITION_BODY_LIMIT } from './surveys.js';

const versionOut = z.object({ version: z.number().int(), definedAt: z.string(), definition: surveyDefinitionSchema }).meta({ id: 'SurveyVersion' });
/** Tasks moved at once: each is one update of its workflow. */
const LANES = 8;

/**
 * Questionnaires revised during fieldwork: each revision is the survey's next version, new
 * cycles take the newest, and a cycle's tasks without an accepted submission can be moved to it.
 */
export const versionRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('onRequest', authenticate);
  const { readDb: db, temporal, projector, geography } = app.deps;

  const survey = (id: string) => {
    const found = findSurvey(db, id);
    if (!found) throw refusal('survey.not_found', { id });
    return found;
  };

  app.get(
    '/api/surveys/:id/versions',
    { schema: { tags: ['surveys'], security: [{ bearer: [] }], params: surveyIdParam, response: { 200: z.object({ items: z.array(versionOut) }) } } },
    async (request) => ({ items: listSurveyVersions(db, survey(request.params.id).id) }),
  );

  app.get(
    '/api/surveys/:id/versions/:version',
    {
      config: { respondents: true },
      schema: {
        tags: ['surveys'],
        security: [{ bearer: [] }],
        params: surveyIdParam.extend({ version: z.string().regex(/^[1-9]\d{0,5}$/, 'must be a version number') }),
        response: { 200: versionOut },
      },
    },
    async (request) => {
      const found = findSurveyVersion(db, survey(request.params.id).id, Number(request.params.version));
      if (!surveyVisible(db, request.user, request.params.id)) throw refusal('survey.not_found', { id: request.params.id });
      if (!found) throw refusal('survey.no_version', { id: request.params.id, version: Number(request.params.version) });
      return found;
    },
  );

  app.post(
    '/api/surveys/:id/versions',
    {
      onRequest: requireRole('manager'),
      bodyLimit: DEFINITION_BODY_LIMIT,
      schema: { tags: ['surveys'], security: [{ bearer: [] }], params: surveyIdParam, body: surveyDefinitionInput, response: { 201: versionOut } },
    },
    async (request, reply) => {
      const current = survey(request.params.id);
      const definition = toDefinition(request.body);
      // What the frame, the cycles and the schedule were made for stays as it is.
      const same = (key: 'code' | 'kind' | 'unitType' | 'schedule') => JSON.stringify(definition[key] ?? null) === JSON.stringify(current.definition[key] ?? null);
      const fixed = (['code', 'kind', 'unitType', 'schedule'] as const).filter((key) => !same(key));
      if (fixed.length > 0) throw refusal('survey.revision_keeps', {}, fixed.map((key) => ({ path: `body.${key}`, message: `must stay as version 1 has it`, code: 'fixed' })));
      // The version number is the log's, not the read model's: two revisions at once cannot both be version n.
      const events = await app.deps.store.readStream(streams.survey(current.id));
      const version = foldSurvey(events).version + 1;
      try {
        await appendFromRequest(request, streams.survey(current.id), [{ type: 'SurveyRevised', data: { version, definition } }], events.length - 1);
      } catch (err) {
        if (err instanceof ConcurrencyError) throw refusal('survey.revision_conflict');
        throw err;
      }
      return reply.code(201).send(findSurveyVersion(db, current.id, version)!);
    },
  );

  app.post(
    '/api/cycles/:id/upgrade',
    {
      onRequest: requireRole('manager'),
      schema: {
        tags: ['cycles'],
        summary: 'Moves the cycle’s tasks without an accepted submission (assigned, checks_failed, rejected) to the survey’s newest version',
        security: [{ bearer: [] }],
        params: cycleIdParam,
        body: z.strictObject({}).nullish(),
        response: { 200: z.object({ cycleId: z.string(), version: z.number().int(), upgraded: z.number().int() }) },
      },
    },
    async (request) => {
      const cycle = findCycle(db, request.params.id);
      if (!cycle || !cycleVisible(cycle, request.user, geography)) throw refusal('cycle.not_found', { id: request.params.id });
      if (!isCollecting(cycle.status) || cycle.status === 'launching') throw refusal('cycle.tasks_not_movable', { status: cycle.status });
      const version = latestSurveyVersion(db, cycle.surveyId);
      const caller = { userId: request.user.username, correlationId: String(request.id), version };
      const waiting = [...responseRows(db, cycle.id, [...OPEN_STATUSES], scopeOf(request.user))].filter((row) => (row.version ?? 1) < version).map((row) => row.id);
      let next = 0;
      await Promise.all(
        Array.from({ length: Math.min(LANES, waiting.length) }, async () => {
          // A task that moved on meanwhile (submitted, closed) keeps its version: the update does nothing.
          while (next < waiting.length) await temporal.workflow.getHandle(workflowIds.task(waiting[next++]!)).executeUpdate(upgradeUpdate, { args: [caller] });
        }),
      );
      await projector.settle();
      const upgraded = waiting.filter((id) => findTask(db, id)?.state.version === version).length;
      return { cycleId: cycle.id, version, upgraded };
    },
  );
};
