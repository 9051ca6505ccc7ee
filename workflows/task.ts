import {
  allHandlersFinished,
  condition,
  getExternalWorkflowHandle,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { DomainEvent } from '../domain/events.js';
import { isFinal, type TaskEvent } from '../domain/task/events.js';
import { assertCanReassign, assertCanReview, assertCanSubmit, decideTask, type TaskCommand } from '../domain/task/decide.js';
import { evolveTask, initialTaskState, reviewLevelName, type TaskState } from '../domain/task/state.js';
import type { Activities } from '../activities/index.js';
import {
  collectionClosedSignal,
  cycleCancelledSignal,
  reassignUpdate,
  reviewUpdate,
  searchAttributes,
  submitUpdate,
  taskFinishedSignal,
  taskStateQuery,
  workflowIds,
  type Caller,
  type TaskInput,
  type TaskView,
} from './definitions.js';
import { Mutex, asFailure, refuseAsFailure } from './failures.js';

const { appendEvents, runChecks, supervisorsOf } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { maximumInterval: '10 seconds' },
});

/** How long before the due date an enumerator with an unsubmitted task is reminded. */
const REMINDER_LEAD_MS = 24 * 3600 * 1000;

/** One unit's work in one cycle: assignment, submissions, review level by level, deadline. */
export async function taskWorkflow(input: TaskInput): Promise<TaskView> {
  const stream = `task-${input.taskId}`;
  let state: TaskState = initialTaskState;
  const lock = new Mutex();

  const view = (): TaskView => ({ status: state.status, reviewLevel: reviewLevelName(state), enumerator: state.enumerator });

  async function record(events: TaskEvent[], caller: Caller): Promise<void> {
    if (events.length === 0) return;
    const before = state.status;
    await appendEvents({
      stream,
      expectedRevision: state.revision,
      events: events as DomainEvent[],
      actor: caller.userId,
      correlationId: caller.correlationId,
      workflowId: workflowInfo().workflowId,
    });
    for (const event of events) state = evolveTask(state, event);
    if (state.status !== before) upsertSearchAttributes([{ key: searchAttributes.taskStatus, value: state.status }]);
  }

  const execute = (command: TaskCommand, caller: Caller) =>
    lock.run(async () => {
      try {
        await record(decideTask(command, state), caller);
      } catch (err) {
        throw asFailure(err);
      }
      return view();
    });

  setHandler(taskStateQuery, () => state);

  setHandler(
    submitUpdate,
    (args) =>
      lock.run(async () => {
        refuseAsFailure(() => assertCanSubmit(state, args.userId));
        const outcome = await runChecks({ surveyId: state.surveyId, data: args.data });
        try {
          await record(decideTask({ type: 'Submit', submissionId: args.submissionId, data: args.data, by: args.userId, outcome }, state), args);
        } catch (err) {
          throw asFailure(err);
        }
        return { ...view(), failed: [...state.failed], warnings: [...state.warnings] };
      }),
    { validator: (args) => refuseAsFailure(() => assertCanSubmit(state, args.userId)) },
  );

  setHandler(
    reviewUpdate,
    (args) => execute({ type: 'Review', decision: args.decision, level: args.level, comment: args.comment, by: args.userId }, args),
    { validator: (args) => refuseAsFailure(() => assertCanReview(state, args.level, args.decision, args.comment)) },
  );

  setHandler(reassignUpdate, (args) => execute({ type: 'Reassign', to: args.enumerator, by: args.userId }, args), {
    validator: (args) => refuseAsFailure(() => assertCanReassign(state, args.enumerator)),
  });

  setHandler(collectionClosedSignal, (caller) => execute({ type: 'CloseCollection' }, caller).then(() => undefined));
  setHandler(cycleCancelledSignal, (caller) => execute({ type: 'Cancel', reason: caller.reason }, caller).then(() => undefined));

  const system: Caller = { userId: 'system', correlationId: input.correlationId };
  await lock.run(() =>
    record(
      [
        {
          type: 'TaskAssigned',
          data: {
            taskId: input.taskId,
            cycleId: input.cycleId,
            surveyId: input.surveyId,
            unitId: input.unitId,
            areaCode: input.areaCode,
            enumerator: input.enumerator,
            reviewLevels: input.reviewLevels,
            dueAt: input.dueAt,
          },
        },
      ],
      system,
    ),
  );

  const dueAt = Date.parse(input.dueAt);
  const final = () => isFinal(state.status);
  const untilOrFinal = async (at: number) => at > Date.now() && !(await condition(final, at - Date.now()));

  if (await untilOrFinal(dueAt - REMINDER_LEAD_MS)) await execute({ type: 'Remind' }, system);
  if (!final() && (await untilOrFinal(dueAt) || Date.now() >= dueAt) && !final()) {
    const alerted = await supervisorsOf({ areaCode: state.areaCode });
    await execute({ type: 'MarkOverdue', alerted }, system);
  }

  await condition(() => final() && allHandlersFinished());
  try {
    await getExternalWorkflowHandle(workflowIds.cycle(input.cycleId)).signal(taskFinishedSignal, {
      taskId: input.taskId,
      status: state.status,
    });
  } catch {
    // The cycle already ended (cancelled): nobody is waiting for this count.
  }
  return view();
}
