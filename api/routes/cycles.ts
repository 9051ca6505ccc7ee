import { AREA_CODE_MAX, CYCLE_SUFFIX_LENGTH, PERIOD_MAX, PERIOD_PATTERN } from '../../domain/ids.js';
import { randomBytes } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { refusal } from '../../domain/problems.js';
import { streams } from '../../domain/events.js';
import { levelDepth } from '../../domain/geography/geography.js';
import { TASK_STATUSES } from '../../domain/task/events.js';
import { activeCycleFor, findCycle, listCycles } from '../../projections/cycles/model.js';
import { findSurvey, latestSurveyVersion } from '../../projections/surveys/model.js';
import { cycleTimeline } from '../../projections/timeline/model.js';
import { listTasks, progressByArea } from '../../projections/tasks/queries.js';
import { CYCLE_WORKFLOW_TASK_TIMEOUT, cancelUpdate, closeUpdate, extendDeadlineUpdate, publishUpdate, searchAttributes, workflowIds, type CycleInput } from '../../workflows/definitions.js';
import { authenticate, requireRole, scopeOf } from '../access.js';
import { cycleOverview, cycleVisible } from '../cycles.js';
import { countsSchema, cursorSchema, cycleOverviewSchema, decodeCursor, encodeCursor, cycleIdParam, limitSchema, problemSchema, taskItemSchema } from '../schemas.js';

/** An RFC 3339 date-time with its offset (`2026-12-31T17:00:00Z`, `…+07:00`), documented as `format: date-time`. */
const isoDateTime = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time with its offset, like 2026-12-31T17:00:00Z' });
const areaProgress = z.object({ areaCode: z.string(), areaName: z.string(), total: z.number().int(), overdue: z.number().int(), counts: countsSchema });
const progressAnswer = z.object({ cycleId: z.string(), level: z.enum(['province', 'commune']), parent: z.string().nullable(), items: z.array(areaProgress) });
const steerView = z.object({ id: z.string(), status: z.string(), collectionDeadline: z.string(), total: z.number(), final: z.number(), publishPending: z.boolean(), resultVersion: z.number() });

export const cycleRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('onRequest', authenticate);
  const { readDb: db, geography, temporal, store, projector } = app.deps;

  const visibleCycle = (id: string, user: Parameters<typeof cycleVisible>[1]) => {
    const cycle = findCycle(db, id);
    if (!cycle || !cycleVisible(cycle, user, geography)) throw refusal('cycle.not_found', { id });
    return cycle;
  };

  app.post(
    '/api/cycles',
    {
      onRequest: requireRole('manager'),
      schema: {
        tags: ['cycles'],
        security: [{ bearer: [] }],
        body: z.strictObject({
          survey: z.string().min(1).max(100),
          period: z.string().regex(PERIOD_PATTERN, `must be like 2026-11, 2026-Q4 or 2029-census (3 to ${PERIOD_MAX} characters)`),
          areaCodes: z.array(z.string().max(16)).max(5000).optional(),
          collectionDeadline: isoDateTime,
          autoPublish: z.boolean().default(false),
        }),
        response: { 202: z.object({ id: z.string(), status: z.literal('launching') }) },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const survey = findSurvey(db, body.survey);
      if (!survey) throw refusal('survey.unknown', { id: body.survey }, [{ path: 'body.survey', message: 'is not a known survey id or code', code: 'unknown_survey' }]);
      const areaCodes = [...new Set(body.areaCodes ?? [])];
      const unknown = areaCodes.filter((code) => !geography.has(code));
      if (unknown.length > 0) throw refusal('areas.unknown', { codes: unknown.join(', ') }, [{ path: 'body.areaCodes', message: `unknown area codes: ${unknown.slice(0, 10).join(', ')}`, code: 'unknown_areas', params: { codes: unknown.slice(0, 10).join(', ') } }]);
      const deadline = new Date(body.collectionDeadline);
      if (deadline.getTime() <= Date.now()) throw refusal('cycle.deadline_passed', {}, [{ path: 'body.collectionDeadline', message: 'must be in the future', code: 'not_future' }]);
      const code = survey.definition.code;
      const existing = activeCycleFor(db, code, body.period);
      if (existing) throw refusal('cycle.exists', { id: existing.id, survey: code, period: body.period });
      const id = `${code}-${body.period}-${randomBytes(CYCLE_SUFFIX_LENGTH / 2).toString('hex')}`;
      const input: CycleInput = {
        cycleId: id,
        surveyId: survey.id,
        surveyCode: code,
        surveyVersion: latestSurveyVersion(db, survey.id),
        period: body.period,
        areaCodes,
        collectionDeadline: deadline.toISOString(),
        autoPublish: body.autoPublish,
        launchedBy: request.user.id,
        correlationId: String(request.id),
      };
      await temporal.workflow.start('cycleWorkflow', {
        taskQueue: app.deps.taskQueue,
        workflowId: workflowIds.cycle(id),
        workflowTaskTimeout: CYCLE_WORKFLOW_TASK_TIMEOUT,
        args: [input],
        typedSearchAttributes: [
          { key: searchAttributes.cycleId, value: id },
          { key: searchAttributes.surveyCode, value: code },
        ],
      });
      // Answer once the launch is on record, so the caller can read the cycle straight away.
      for (let i = 0; i < 100; i++) {
        const [launched] = await store.readStream(streams.cycle(id), { maxCount: 1 });
        if (launched) {
          await projector.waitFor(launched.position);
          break;
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      return reply.code(202).send({ id, status: 'launching' as const });
    },
  );

  app.get(
    '/api/cycles',
    {
      schema: {
        tags: ['cycles'],
        security: [{ bearer: [] }],
        querystring: z.strictObject({ limit: limitSchema, cursor: cursorSchema }),
        response: { 200: z.object({ items: z.array(cycleOverviewSchema), nextCursor: z.string().nullable() }) },
      },
    },
    async (request) => {
      const { limit } = request.query;
      let after = decodeCursor(request.query.cursor, z.object({ launchedAt: z.string(), id: z.string() }));
      const items = [];
      // Skip cycles outside the caller's areas without ending the page early.
      while (items.length < limit) {
        const rows = listCycles(db, after, limit);
        for (const row of rows) if (items.length < limit && cycleVisible(row, request.user, geography)) items.push(cycleOverview(db, row, request.user));
        const last = rows[rows.length - 1];
        if (rows.length < limit || !last) {
          after = null;
          break;
        }
        after = { launchedAt: last.launchedAt, id: last.id };
      }
      const last = items[items.length - 1];
      return { items, nextCursor: items.length === limit && last ? encodeCursor({ launchedAt: last.launchedAt, id: last.id }) : null };
    },
  );

  app.get(
    '/api/cycles/:id',
    { schema: { tags: ['cycles'], security: [{ bearer: [] }], params: cycleIdParam, response: { 200: cycleOverviewSchema } } },
    async (request) => cycleOverview(db, visibleCycle(request.params.id, request.user), request.user),
  );

  app.get(
    '/api/cycles/:id/tasks',
    {
      schema: {
        tags: ['cycles'],
        security: [{ bearer: [] }],
        params: cycleIdParam,
        querystring: z.strictObject({
          status: z.enum(TASK_STATUSES).optional(),
          areaCode: z.string().max(16).optional(),
          enumerator: z.string().max(40).optional(),
          overdue: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
          late: z.literal('waiting').optional().describe('only tasks with a late submission waiting for a supervisor'),
          limit: limitSchema,
          cursor: cursorSchema,
        }),
        response: { 200: z.object({ items: z.array(taskItemSchema), nextCursor: z.string().nullable() }) },
      },
    },
    async (request) => {
      const cycle = visibleCycle(request.params.id, request.user);
      const q = request.query;
      const enumerator = request.user.role === 'enumerator' ? request.user.username : q.enumerator;
      if (request.user.role === 'enumerator' && q.enumerator && q.enumerator !== request.user.username) return { items: [], nextCursor: null };
      const after = decodeCursor(q.cursor, z.string());
      const items = listTasks(db, cycle.id, { status: q.status, areaCode: q.areaCode, enumerator, overdue: q.overdue, lateWaiting: q.late === 'waiting' }, scopeOf(request.user), after, q.limit)
        .map((task) => ({ ...task, areaName: geography.get(task.areaCode)?.name ?? null }));
      const last = items[items.length - 1];
      return { items, nextCursor: items.length === q.limit && last ? encodeCursor(last.id) : null };
    },
  );

  app.get(
    '/api/cycles/:id/progress',
    {
      schema: {
        tags: ['cycles'],
        security: [{ bearer: [] }],
        params: cycleIdParam,
        querystring: z.strictObject({ level: z.enum(['province', 'commune']).default('province'), parent: z.string().min(1).max(AREA_CODE_MAX).optional() }),
        response: { 200: progressAnswer, 404: problemSchema },
      },
    },
    async (request, reply) => {
      const cycle = visibleCycle(request.params.id, request.user);
      const { level, parent } = request.query;
      const area = parent === undefined ? undefined : geography.get(parent);
      if (parent !== undefined && !area) throw refusal('area.not_found', { code: parent });
      if (area && levelDepth(area.level) >= levelDepth(level)) {
        throw refusal('area.not_above', { code: area.code, level }, [{ path: 'querystring.parent', message: `must be the code of an area above the ${level} level`, code: 'not_above', params: { level } }]);
      }
      // Scoped row by row: a commune supervisor's province row counts only their communes.
      const rows = progressByArea(db, cycle.id, level, scopeOf(request.user), area?.level === 'province' ? area.code : undefined);
      const items = rows.map((row) => ({ ...row, areaName: geography.get(row.areaCode)?.name ?? row.areaCode }));
      const body: z.infer<typeof progressAnswer> = { cycleId: cycle.id, level, parent: parent ?? null, items };
      // A country's 3,321 communes: checking the built answer against its schema again would
      // cost as much as the query; the type above already holds it to the schema.
      return reply.type('application/json; charset=utf-8').serializer(JSON.stringify).send(body);
    },
  );

  app.get(
    '/api/cycles/:id/timeline',
    {
      schema: {
        tags: ['cycles'],
        summary: 'Submissions, approvals and rejections per hour or day (UTC), inside the caller’s areas',
        security: [{ bearer: [] }],
        params: cycleIdParam,
        querystring: z.strictObject({ bucket: z.enum(['hour', 'day']).default('hour') }),
        response: {
          200: z.object({
            cycleId: z.string(),
            bucket: z.enum(['hour', 'day']),
            points: z.array(z.object({ at: z.string(), submitted: z.number().int(), approved: z.number().int(), rejected: z.number().int() })),
          }),
        },
      },
    },
    async (request) => {
      const cycle = visibleCycle(request.params.id, request.user);
      const { bucket } = request.query;
      return { cycleId: cycle.id, bucket, points: cycleTimeline(db, cycle.id, bucket, scopeOf(request.user)) };
    },
  );

  const steer = (path: string, body: z.ZodType, run: (id: string, body: never, caller: { userId: string; correlationId: string }) => Promise<unknown>) =>
    app.post(
      `/api/cycles/:id/${path}`,
      {
        onRequest: requireRole('manager'),
        schema: { tags: ['cycles'], security: [{ bearer: [] }], params: cycleIdParam, body, response: { 200: steerView } },
      },
      async (request) => {
        const cycle = visibleCycle(request.params.id, request.user);
        if (cycle.status === 'published' || cycle.status === 'cancelled') throw refusal('cycle.is_final', { status: cycle.status });
        const view = (await run(cycle.id, request.body as never, { userId: request.user.id, correlationId: String(request.id) })) as z.infer<typeof steerView>;
        await projector.settle();
        return { ...view, id: cycle.id };
      },
    );

  const handle = (id: string) => temporal.workflow.getHandle(workflowIds.cycle(id));
  steer('deadline', z.strictObject({ collectionDeadline: isoDateTime }), (id, body: { collectionDeadline: string }, caller) =>
    handle(id).executeUpdate(extendDeadlineUpdate, { args: [{ ...caller, collectionDeadline: new Date(body.collectionDeadline).toISOString() }] }),
  );
  // `nullish`: Fastify validates a POST without a body as null, and these bodies may be left out.
  steer('close', z.strictObject({}).nullish(), (id, _body, caller) => handle(id).executeUpdate(closeUpdate, { args: [caller] }));
  steer('cancel', z.strictObject({ reason: z.string().max(500).default('cancelled by a manager') }).nullish(), (id, body: { reason?: string } | null | undefined, caller) =>
    handle(id).executeUpdate(cancelUpdate, { args: [{ ...caller, reason: body?.reason ?? 'cancelled by a manager' }] }),
  );
  steer('publish', z.strictObject({}).nullish(), (id, _body, caller) => handle(id).executeUpdate(publishUpdate, { args: [caller] }));
};
