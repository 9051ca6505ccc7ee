import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { refusal } from '../../domain/problems.js';
import { streams } from '../../domain/events.js';
import { isCollecting } from '../../domain/cycle/events.js';
import { isFinal, type TaskStatus } from '../../domain/task/events.js';
import { AREA_LEVELS } from '../../domain/survey/definition.js';
import { explanationKey } from '../../domain/survey/checks.js';
import { validateResponse } from '../../domain/survey/response.js';
import { XLSFORM_MAX_BYTES } from '../../domain/survey/xlsform.js';
import type { UserRecord } from '../../domain/users.js';
import { findCycle } from '../../projections/cycles/model.js';
import { findSurvey, findSurveyVersion } from '../../projections/surveys/model.js';
import { findUser } from '../../projections/users/model.js';
import { responseContext } from '../../projections/tasks/context.js';
import { reassignUpdate, reviewUpdate, submitUpdate } from '../../workflows/definitions.js';
import { answersForUnit, authenticate, canReviewAt, requireRole, visibleTask as visibleTaskIn } from '../access.js';
import { updateTask as updateTaskIn } from '../task-updates.js';
import { receiptFor, receiptKey } from '../receipts.js';
import { attributesSchema, checkResultSchema, receiptSchema, taskIdParam, taskItemSchema } from '../schemas.js';
import { inSheet, readSheetSubmission } from './form-xlsx.js';
import { XLSX } from './xlsform.js';

const taskDetail = taskItemSchema.extend({
  cycleId: z.string(),
  surveyId: z.string(),
  response: z.record(z.string(), z.unknown()).nullable(),
  /** The response before the last submission, to show what changed; null before a second submission. */
  previousResponse: z.record(z.string(), z.unknown()).nullable(),
  /** Explanations of warnings given with the last submission, by check key (`id` or `id@persons[2]`). */
  explanations: z.record(z.string(), z.string()),
  /** The questionnaire version the task is answered against. */
  version: z.number().int(),
  failed: z.array(checkResultSchema),
  warnings: z.array(checkResultSchema),
  reviewTrail: z.array(z.object({ level: z.string(), decision: z.enum(['approve', 'reject']), by: z.string(), comment: z.string(), at: z.string() })),
  submissions: z.number().int(),
  /** What the checks see besides the answers, as the form and the reviewer do. */
  lookBack: z
    .object({
      unit: attributesSchema,
      previous: z.record(z.string(), z.unknown()).nullable().meta({ description: 'the unit’s approved response in the survey’s previous cycle, seen as `previous`; null when none' }),
    })
    .meta({ id: 'LookBack' }),
}).meta({ id: 'TaskDetail' });

// A rejection says why: its comment holds more than blanks.
const reviewBody = z.discriminatedUnion('decision', [
  z.strictObject({ decision: z.literal('approve'), level: z.enum(AREA_LEVELS), comment: z.string().max(5000).default('') }),
  z.strictObject({ decision: z.literal('reject'), level: z.enum(AREA_LEVELS), comment: z.string().max(5000).regex(/\S/, 'is required to reject').describe('what the enumerator must fix') }),
]);

export const taskRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('onRequest', authenticate);
  // A submission may also be the task's form.xlsx filled in (api/routes/form-xlsx.ts).
  app.addContentTypeParser(XLSX, { parseAs: 'buffer', bodyLimit: XLSFORM_MAX_BYTES }, (_req, body, done) => done(null, body));
  const { readDb: db, geography, temporal, projector, drafts } = app.deps;

  const visibleTask = (id: string, user: UserRecord) => visibleTaskIn(db, geography, id, user);

  const detail = (id: string, user: UserRecord) => {
    const task = visibleTask(id, user);
    const s = task.state;
    return {
      ...task,
      areaName: geography.get(task.areaCode)?.name ?? null,
      surveyId: s.surveyId,
      response: s.response,
      previousResponse: s.previousResponse ?? null,
      explanations: { ...(s.explanations ?? {}) },
      version: s.version ?? 1,
      failed: [...s.failed],
      warnings: [...s.warnings],
      reviewTrail: [...s.trail],
      submissions: s.submissions,
      lookBack: responseContext(db, task.id),
    };
  };

  /** A final task's workflow has ended: refuse the change here rather than ask Temporal. */
  const assertNotFinal = (task: { status: TaskStatus; id: string }) => {
    if (isFinal(task.status)) throw refusal('task.is_final', { id: task.id, status: task.status });
  };

  /**
   * Submissions stop the moment a cycle starts closing or cancelling, before its tasks are told
   * one by one. A task not yet told still refuses here; one told refuses in its own workflow.
   */
  const assertCollecting = (task: { id: string; cycleId: string }) => {
    const cycle = findCycle(db, task.cycleId);
    if (!cycle || isCollecting(cycle.status)) return;
    const ending = cycle.status === 'closing' || cycle.status === 'cancelling';
    throw refusal(ending ? 'task.collection_ending' : 'task.collection_over', { cycle: cycle.id, status: cycle.status });
  };

  const updateTask = <T>(id: string, run: Parameters<typeof updateTaskIn<T>>[2]) => updateTaskIn(app.deps, id, run);
  const receipts = receiptKey(app.deps.authSecret);

  /** The receipt of the submission recorded under `key`: found in the task's stream, newest first (a retry finds the first answer's). */
  const receiptOf = async (taskId: string, key: string) => {
    const recent = await app.deps.store.readStream(streams.task(taskId), { direction: 'backwards', maxCount: 200 });
    const event = recent.find((e) => e.type === 'ResponseSubmitted' && (e.data as { submissionId?: string }).submissionId === key);
    return event ? receiptFor(receipts, event) : null;
  };

  app.get(
    '/api/tasks/:id',
    { config: { respondents: true }, schema: { tags: ['tasks'], security: [{ bearer: [] }], params: taskIdParam, response: { 200: taskDetail } } },
    async (request) => detail(request.params.id, request.user),
  );

  app.post(
    '/api/tasks/:id/submit',
    {
      onRequest: requireRole('enumerator', 'respondent'),
      preValidation: readSheetSubmission,
      schema: {
        tags: ['tasks'],
        description: `Takes the answers as JSON, or the task’s form.xlsx (GET /api/tasks/{id}/form.xlsx) filled in, sent as the body with the type ${XLSX} (at most ${XLSFORM_MAX_BYTES / 1024 / 1024} MiB) and read as the same \`data\`; a workbook that does not fit the form is refused (task.form_sheet_invalid) naming its cells, as \`form!D7\`.`,
        security: [{ bearer: [] }],
        params: taskIdParam,
        headers: z.object({ 'idempotency-key': z.string().regex(/^[A-Za-z0-9_.:-]{8,128}$/, 'must be 8 to 128 letters, digits or _ . : -').optional() }),
        body: z.strictObject({
          /** Answers mirroring the questionnaire's items: scalars, lists, points and roster rows. */
          data: z.record(z.string(), z.unknown()),
          /** Explanations of warning checks, by check id (`id@persons[2]` for a row of a scoped check). */
          explanations: z.record(z.string().max(200), z.string().trim().min(1).max(2000)).default({}),
        }),
        response: {
          200: z.object({
            id: z.string(),
            status: z.string(),
            reviewLevel: z.string().nullable(),
            failed: z.array(checkResultSchema),
            warnings: z.array(checkResultSchema),
            receipt: receiptSchema.nullable().meta({ description: 'proof of the accepted submission, verified by GET /api/receipts/{id}; null when its checks failed' }),
          }),
        },
      },
    },
    async (request) => {
      const task = visibleTask(request.params.id, request.user);
      assertNotFinal(task);
      assertCollecting(task);
      const survey = findSurvey(db, task.state.surveyId);
      if (!survey) throw refusal('task.survey_gone', { survey: task.state.surveyId });
      // The version the task is answered against; tasks from before versions have the first.
      const definition = findSurveyVersion(db, survey.id, task.state.version ?? 1)?.definition ?? survey.definition;
      const { errors, data, evaluation } = validateResponse(definition, request.body.data, responseContext(db, task.id));
      if (errors.length > 0) throw refusal('task.response_invalid', {}, errors.map((e) => inSheet(request, { ...e, path: `body.${e.path}` })));
      // Explanations are kept for the warnings this response raises, and nothing else.
      const raised = new Set(evaluation.warnings.map(explanationKey));
      const explanations = Object.fromEntries(Object.entries(request.body.explanations).filter(([key]) => raised.has(key)));
      const key = request.headers['idempotency-key'] ?? randomUUID();
      const result = await updateTask(task.id, (workflow) =>
        workflow.executeUpdate(submitUpdate, {
          updateId: `submit:${key}`,
          // A respondent answers for its unit, whoever the task names (the event says who).
          args: [{ userId: request.user.username, correlationId: String(request.id), data, submissionId: key, explanations, ...(answersForUnit(task, request.user) ? { forUnit: true } : {}) }],
        }),
      );
      // An accepted submission ends the draft; one that failed its checks leaves it to work on.
      const accepted = result.status !== 'checks_failed';
      if (accepted) await drafts.remove(task.id, request.user.username);
      await projector.settle();
      return { id: task.id, ...result, receipt: accepted ? await receiptOf(task.id, key) : null };
    },
  );

  app.post(
    '/api/tasks/:id/review',
    {
      onRequest: requireRole('supervisor'),
      schema: {
        tags: ['tasks'],
        security: [{ bearer: [] }],
        params: taskIdParam,
        body: reviewBody,
        response: { 200: taskDetail },
      },
    },
    async (request) => {
      const task = visibleTask(request.params.id, request.user);
      assertNotFinal(task);
      const { decision, level, comment } = request.body;
      if (!task.state.reviewLevels.includes(level)) throw refusal('task.level_not_reviewed', { level, levels: task.state.reviewLevels.join(', ') });
      if (!canReviewAt(request.user, geography, task.areaCode, level)) throw refusal('task.not_your_level', { level });
      await updateTask(task.id, (workflow) => workflow.executeUpdate(reviewUpdate, { args: [{ userId: request.user.username, correlationId: String(request.id), decision, level, comment }] }));
      await projector.settle();
      return detail(task.id, request.user);
    },
  );

  app.post(
    '/api/tasks/:id/reassign',
    {
      onRequest: requireRole('supervisor', 'manager'),
      schema: {
        tags: ['tasks'],
        security: [{ bearer: [] }],
        params: taskIdParam,
        body: z.strictObject({ enumerator: z.string().min(1).max(40) }),
        response: { 200: taskDetail },
      },
    },
    async (request) => {
      const task = visibleTask(request.params.id, request.user);
      assertNotFinal(task);
      const target = findUser(db, request.body.enumerator);
      if (!target || target.role !== 'enumerator' || target.disabled || !geography.withinAny(target.areaCodes, task.areaCode)) {
        throw refusal('task.enumerator_not_eligible', { enumerator: request.body.enumerator }, [{ path: 'body.enumerator', message: 'must be an active enumerator whose areas contain the task', code: 'not_eligible' }]);
      }
      assertCollecting(task);
      await updateTask(task.id, (workflow) => workflow.executeUpdate(reassignUpdate, { args: [{ userId: request.user.username, correlationId: String(request.id), enumerator: target.username }] }));
      await projector.settle();
      return detail(task.id, request.user);
    },
  );
};
