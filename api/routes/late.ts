import { WorkflowNotFoundError } from '@temporalio/client';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { streams } from '../../domain/events.js';
import { refusal } from '../../domain/problems.js';
import { explanationKey, type CheckResult } from '../../domain/survey/checks.js';
import { validateResponse } from '../../domain/survey/response.js';
import type { TaskStatus } from '../../domain/task/events.js';
import { assertLateAcceptable, holdersOf, type LateSubmissionReceived } from '../../domain/task/late.js';
import { ConcurrencyError } from '../../eventstore/errors.js';
import { findCycle } from '../../projections/cycles/model.js';
import { findLateSubmission, lateSubmissionsOf, type LateSubmission } from '../../projections/late/model.js';
import { findSurvey, findSurveyVersion } from '../../projections/surveys/model.js';
import { findTask } from '../../projections/tasks/model.js';
import { responseContext } from '../../projections/tasks/context.js';
import { acceptLateUpdate, reopenTaskUpdate, workflowIds } from '../../workflows/definitions.js';
import { authenticate, requireRole, visibleTask } from '../access.js';
import { appendFromRequest } from '../append.js';
import { checkResultSchema, taskIdParam } from '../schemas.js';
import { updateTask } from '../task-updates.js';
import { DRAFT_MAX_BYTES } from './drafts.js';

/** How far ahead of the server's clock a device's may run. */
const CLOCK_SKEW_MS = 10 * 60_000;

const lateSchema = z
  .object({
    id: z.string().describe('the device’s Idempotency-Key'),
    taskId: z.string(),
    by: z.string().describe('who sent it'),
    submittedAt: z.string().describe('when the user submitted on the device'),
    receivedAt: z.string(),
    refusedWith: z.string().nullable().describe('the problem code that made it late, as the device reported it'),
    data: z.record(z.string(), z.unknown()),
    explanations: z.record(z.string(), z.string()),
    status: z.enum(['received', 'accepted']),
    acceptedBy: z.string().nullable(),
    acceptedAt: z.string().nullable(),
  })
  .meta({ id: 'LateSubmission' });

const lateIdParams = taskIdParam.extend({ lateId: z.string().min(1).max(128).describe('the late submission’s id (its Idempotency-Key)') });

/**
 * Late submissions (spec/field-capture.md): what a device sent after the task was reassigned,
 * or collection closed, or the cycle was cancelled, while it was offline. Anyone who held the
 * task may send one; it is recorded as it came (`LateSubmissionReceived` on the task's `late-`
 * stream, which only this route writes). The task's supervisor, or a manager, may take it as
 * the task's response while the cycle is unpublished: the task's workflow records
 * `LateSubmissionAccepted` with the submission it becomes and its checks, and review goes on.
 */
export const lateRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('onRequest', authenticate);
  const { readDb: db, geography, store, drafts, projector } = app.deps;

  /** The task if the caller ever held it; else 404, as for a task that never existed. */
  const heldTask = async (id: string, username: string) => {
    const task = findTask(db, id);
    if (!task) throw refusal('task.not_found', { id });
    if (task.enumerator === username) return task;
    if (!holdersOf(await store.readStream(streams.task(id))).has(username)) throw refusal('task.not_found', { id });
    return task;
  };

  app.post(
    '/api/tasks/:id/late-submissions',
    {
      onRequest: requireRole('enumerator'),
      schema: {
        tags: ['tasks'],
        security: [{ bearer: [] }],
        params: taskIdParam,
        headers: z.object({ 'idempotency-key': z.string().regex(/^[A-Za-z0-9_.:-]{8,128}$/, 'must be 8 to 128 letters, digits or _ . : -').describe('made by the device when the user submitted; the same key is the same late submission') }),
        body: z.strictObject({
          data: z.record(z.string(), z.unknown()).describe('the answers as the form held them; checked only if the submission is accepted'),
          explanations: z.record(z.string().max(200), z.string().max(2000)).default({}),
          submittedAt: z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time with its offset, like 2026-12-31T17:00:00Z' }),
          refusedWith: z.string().max(80).nullable().default(null).describe('the problem code of the refusal that made it late'),
        }),
        response: { 200: lateSchema, 201: lateSchema },
      },
    },
    async (request, reply) => {
      const { username } = request.user;
      const task = await heldTask(request.params.id, username);
      const lateId = request.headers['idempotency-key'];
      const body = request.body;
      if (Date.parse(body.submittedAt) > Date.now() + CLOCK_SKEW_MS) throw refusal('draft.saved_in_future', {}, [{ path: 'body.submittedAt', message: 'is later than now' }]);
      if (Buffer.byteLength(JSON.stringify(body.data)) > DRAFT_MAX_BYTES) {
        throw refusal('late.too_large', { max: DRAFT_MAX_BYTES }, [{ path: 'body.data', message: `must be at most ${DRAFT_MAX_BYTES} bytes as JSON` }]);
      }
      const stream = streams.late(task.id);
      const received: LateSubmissionReceived = {
        type: 'LateSubmissionReceived',
        data: { lateId, taskId: task.id, by: username, data: body.data, explanations: body.explanations, submittedAt: body.submittedAt, refusedWith: body.refusedWith },
      };
      // The same key again (an answer lost on the way) finds what the first one recorded.
      for (;;) {
        const recorded = await store.readStream(stream);
        const earlier = recorded.find((e) => (e.data as { lateId?: string }).lateId === lateId);
        if (earlier) {
          await projector.waitFor(earlier.position);
          return reply.code(200).send(shown(findLateSubmission(db, task.id, lateId)));
        }
        try {
          await appendFromRequest(request, stream, [received], recorded.length === 0 ? 'no_stream' : recorded[recorded.length - 1]!.revision);
          break;
        } catch (err) {
          if (!(err instanceof ConcurrencyError)) throw err;
        }
      }
      // What the draft held is in the late submission now.
      await drafts.remove(task.id, username);
      return reply.code(201).send(shown(findLateSubmission(db, task.id, lateId)));
    },
  );

  app.get(
    '/api/tasks/:id/late-submissions',
    { schema: { tags: ['tasks'], security: [{ bearer: [] }], params: taskIdParam, response: { 200: z.object({ items: z.array(lateSchema) }) } } },
    async (request) => {
      const user = request.user;
      // An enumerator sees what they sent, also on a task reassigned away from them; staff see all.
      if (user.role === 'enumerator') return { items: lateSubmissionsOf(db, (await heldTask(request.params.id, user.username)).id, user.username) };
      return { items: lateSubmissionsOf(db, visibleTask(db, geography, request.params.id, user).id) };
    },
  );

  /** A cycle whose workflow has ended was published or cancelled after the read models were looked at: refused as such. */
  async function reopenThroughCycle<T>(task: { id: string; cycleId: string; status: TaskStatus }, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (err) {
      if (!(err instanceof WorkflowNotFoundError)) throw err;
      await projector.settle();
      assertLateAcceptable(task, findCycle(db, task.cycleId)?.status ?? 'published');
      throw refusal('task.not_running', { id: task.id });
    }
  }

  app.post(
    '/api/tasks/:id/late-submissions/:lateId/accept',
    {
      onRequest: requireRole('supervisor', 'manager'),
      schema: {
        tags: ['tasks'],
        security: [{ bearer: [] }],
        params: lateIdParams,
        response: {
          200: z.object({ id: z.string(), status: z.string(), reviewLevel: z.string().nullable(), failed: z.array(checkResultSchema), warnings: z.array(checkResultSchema), late: lateSchema }),
        },
      },
    },
    async (request) => {
      const task = visibleTask(db, geography, request.params.id, request.user);
      const late = findLateSubmission(db, task.id, request.params.lateId);
      if (!late) throw refusal('late.not_found', { id: request.params.lateId });
      const answer = (result: { status: string; reviewLevel: string | null; failed: readonly CheckResult[]; warnings: readonly CheckResult[] }) => ({
        id: task.id,
        status: result.status,
        reviewLevel: result.reviewLevel,
        failed: [...result.failed],
        warnings: [...result.warnings],
        late: shown(findLateSubmission(db, task.id, late.id)),
      });
      // Accepting twice is accepting once.
      if (late.status === 'accepted') return answer({ status: task.status, reviewLevel: task.reviewLevel, failed: task.state.failed, warnings: task.state.warnings });
      assertLateAcceptable(task, findCycle(db, task.cycleId)?.status ?? 'unknown');
      const survey = findSurvey(db, task.state.surveyId);
      if (!survey) throw refusal('task.survey_gone', { survey: task.state.surveyId });
      const definition = findSurveyVersion(db, survey.id, task.state.version ?? 1)?.definition ?? survey.definition;
      const { errors, data, evaluation } = validateResponse(definition, late.data, responseContext(db, task.id));
      if (errors.length > 0) throw refusal('task.response_invalid', {}, errors.map((e) => ({ ...e, path: `late.data.${e.path}` })));
      // As for a submission on time: explanations are kept for the warnings the answers raise.
      const raised = new Set(evaluation.warnings.map(explanationKey));
      const explanations = Object.fromEntries(Object.entries(late.explanations).filter(([key]) => raised.has(key)));
      const args = { userId: request.user.username, correlationId: String(request.id), lateId: late.id, data, explanations, submittedBy: late.by };
      const updateId = `accept-late:${late.id}`;
      // A task that became non-response when collection closed is started again by its cycle, which holds publication meanwhile.
      const result =
        task.status === 'non_response'
          ? await reopenThroughCycle(task, () => app.deps.temporal.workflow.getHandle(workflowIds.cycle(task.cycleId)).executeUpdate(reopenTaskUpdate, { updateId, args: [{ ...args, taskId: task.id }] }))
          : await updateTask(app.deps, task.id, (workflow) => workflow.executeUpdate(acceptLateUpdate, { updateId, args: [args] }));
      await projector.settle();
      return answer(result);
    },
  );
};

/** What the routes answer: the read model's row, which a route reads back right after writing it. */
function shown(late: LateSubmission | undefined): LateSubmission {
  if (!late) throw new Error('a late submission just recorded is missing from the read model');
  return late;
}
