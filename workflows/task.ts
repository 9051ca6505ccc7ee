import {
  allHandlersFinished,
  condition,
  getExternalWorkflowHandle,
  patched,
  proxyLocalActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { DomainEvent } from '../domain/events.js';
import { isFinal, type TaskEvent } from '../domain/task/events.js';
import { noticesFor } from '../domain/task/notifications.js';
import { assertCanAcceptLate, assertCanReassign, assertCanReview, assertCanSubmit, decideTask, type TaskCommand } from '../domain/task/decide.js';
import { evolveTask, initialTaskState, reviewLevelName, type TaskState } from '../domain/task/state.js';
import type { Activities } from '../activities/index.js';
import {
  acceptLateUpdate,
  cancelTaskUpdate,
  closeCollectionUpdate,
  collectionClosedSignal,
  cycleCancelledSignal,
  dueDateChangedSignal,
  reassignUpdate,
  reviewUpdate,
  searchAttributes,
  submitUpdate,
  taskFinishedSignal,
  taskStateQuery,
  upgradeUpdate,
  workflowIds,
  type Caller,
  type TaskInput,
  type TaskView,
} from './definitions.js';
import { Mutex, asFailure, refuseAsFailure } from './failures.js';
import { Notices } from './notices.js';

// Each takes milliseconds, so they run as local activities: no round trip through the
// server per append, and a killed worker's attempt is retried as soon as the task is.
const { appendEvents, runChecks, supervisorsOf, loadTaskState } = proxyLocalActivities<Activities>({
  startToCloseTimeout: '10 seconds',
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
  const final = () => isFinal(state.status);

  async function record(events: TaskEvent[], caller: Caller): Promise<void> {
    if (events.length === 0) return;
    const before = state.status;
    const revision = state.revision + 1;
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
    if (notices) for (const notice of noticesFor(events, revision)) notices.add(notice);
  }

  const system: Caller = { userId: 'system', correlationId: input.correlationId };
  // Added with notifications: only tasks started by a worker that sends mail write to people,
  // and histories recorded before (no `notify` in their input, no patch marker) replay as they ran.
  const notices =
    input.notify !== undefined && patched('notifications')
      ? new Notices({ taskId: input.taskId, notify: input.notify, status: () => state.status, final, record: (events) => lock.run(() => record(events, system)) })
      : null;

  const execute = (command: TaskCommand, caller: Caller) =>
    lock.run(async () => {
      try {
        await record(decideTask(command, state), caller);
      } catch (err) {
        throw asFailure(err);
      }
      return view();
    });

  // Assignment goes first into the lock, before any handler can queue behind it; until it
  // is recorded, validators judge against the state it will produce.
  const assigned: TaskEvent = {
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
      version: input.version ?? 1,
    },
  };
  // A launch that recorded the assignment itself hands over a task at revision 0.
  if (input.assigned && !input.reopen) {
    state = evolveTask(initialTaskState, assigned);
    notices?.add({ key: 'invitation', reason: 'invitation' });
  }
  const assignment = input.reopen
    ? lock.run(() => reopen(input.reopen!))
    : input.assigned
      ? Promise.resolve()
      : lock.run(() => record([assigned], system));
  const current = () => (state.revision >= 0 ? state : evolveTask(initialTaskState, assigned));

  /**
   * A task that became non-response when collection closed, started again to take a late
   * submission as its response: its state comes from the log. A start repeated after a crash
   * finds the submission already taken and records nothing.
   */
  async function reopen(args: NonNullable<TaskInput['reopen']>): Promise<void> {
    state = await loadTaskState({ taskId: input.taskId });
    if (state.lateAccepted?.includes(args.lateId)) return;
    const outcome = await runChecks({ surveyId: state.surveyId, version: state.version, data: args.data, taskId: state.id });
    const command: TaskCommand = { type: 'AcceptLate', lateId: args.lateId, data: args.data, submittedBy: args.submittedBy, by: args.userId, outcome, explanations: args.explanations, reopen: true };
    try {
      await record(decideTask(command, state), args);
    } catch (err) {
      throw asFailure(err);
    }
  }

  setHandler(taskStateQuery, () => current());

  setHandler(
    submitUpdate,
    (args) =>
      lock.run(async () => {
        refuseAsFailure(() => assertCanSubmit(state, args.userId, args.forUnit));
        const outcome = await runChecks({ surveyId: state.surveyId, version: state.version, data: args.data, taskId: state.id });
        try {
          await record(decideTask({ type: 'Submit', submissionId: args.submissionId, data: args.data, by: args.userId, outcome, explanations: args.explanations ?? {}, forUnit: args.forUnit }, state), args);
        } catch (err) {
          throw asFailure(err);
        }
        return { ...view(), failed: [...state.failed], warnings: [...state.warnings] };
      }),
    { validator: (args) => refuseAsFailure(() => assertCanSubmit(current(), args.userId, args.forUnit)) },
  );

  // Added with late submissions: a handler replays nothing, so running tasks take it as they are.
  setHandler(
    acceptLateUpdate,
    (args) =>
      lock.run(async () => {
        refuseAsFailure(() => assertCanAcceptLate(state, args.reopen));
        const outcome = await runChecks({ surveyId: state.surveyId, version: state.version, data: args.data, taskId: state.id });
        const command: TaskCommand = { type: 'AcceptLate', lateId: args.lateId, data: args.data, submittedBy: args.submittedBy, by: args.userId, outcome, explanations: args.explanations, reopen: args.reopen };
        try {
          await record(decideTask(command, state), args);
        } catch (err) {
          throw asFailure(err);
        }
        return { ...view(), failed: [...state.failed], warnings: [...state.warnings] };
      }),
    { validator: (args) => refuseAsFailure(() => assertCanAcceptLate(current(), args.reopen)) },
  );

  setHandler(
    reviewUpdate,
    (args) => execute({ type: 'Review', decision: args.decision, level: args.level, comment: args.comment, by: args.userId }, args),
    { validator: (args) => refuseAsFailure(() => assertCanReview(current(), args.level, args.decision, args.comment)) },
  );

  setHandler(reassignUpdate, (args) => execute({ type: 'Reassign', to: args.enumerator, by: args.userId }, args), {
    validator: (args) => refuseAsFailure(() => assertCanReassign(current(), args.enumerator)),
  });

  setHandler(upgradeUpdate, (args) => execute({ type: 'Upgrade', to: args.version, by: args.userId }, args));

  setHandler(collectionClosedSignal, (caller) => execute({ type: 'CloseCollection' }, caller).then(() => undefined));
  setHandler(cycleCancelledSignal, (caller) => execute({ type: 'Cancel', reason: caller.reason }, caller).then(() => undefined));
  setHandler(dueDateChangedSignal, (caller) => execute({ type: 'ChangeDue', to: caller.dueAt }, caller).then(() => undefined));
  // Cycles that close in two steps tell each task by update and wait for its answer.
  setHandler(closeCollectionUpdate, (caller) => execute({ type: 'CloseCollection' }, caller));
  setHandler(cancelTaskUpdate, (caller) => execute({ type: 'Cancel', reason: caller.reason }, caller));

  await assignment;

  // Remind before the due date, mark overdue after it; a new due date (an extended deadline) starts over.
  let reminded = false;
  for (;;) {
    const watched = state.dueAt;
    const due = Date.parse(watched);
    const changed = () => state.dueAt !== watched;
    const waitUntil = async (at: number): Promise<'passed' | 'fired' | 'woke'> => {
      if (at <= Date.now()) return 'passed';
      return (await condition(() => final() || changed(), at - Date.now())) ? 'woke' : 'fired';
    };
    let woke = false;
    if (!reminded) {
      const outcome = await waitUntil(due - REMINDER_LEAD_MS);
      if (outcome === 'fired') await execute({ type: 'Remind' }, system);
      woke = outcome === 'woke';
      reminded = !woke;
    }
    if (!woke && !state.overdue) {
      woke = (await waitUntil(due)) === 'woke';
      if (!woke && !final()) await execute({ type: 'MarkOverdue', alerted: await supervisorsOf({ areaCode: state.areaCode }) }, system);
    }
    if (!woke) await condition(() => final() || changed());
    if (final()) break;
    reminded = false;
  }

  // A task with notices still being tried ends once they are done (at most `afterFinalMs` after it became final).
  await condition(() => final() && allHandlersFinished() && (notices?.pending ?? 0) === 0);
  if (input.signalWhenFinal === false) return view();
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
