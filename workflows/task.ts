import {
  allHandlersFinished,
  condition,
  getExternalWorkflowHandle,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { DomainEvent } from '../domain/events.js';
import { isFinal, type TaskEvent } from '../domain/task/events.js';
import { DEFAULT_RETRY, noticesFor, retryDelay, stillWanted, type Notice } from '../domain/task/notifications.js';
import { assertCanAcceptLate, assertCanReassign, assertCanReview, assertCanSubmit, decideTask, type TaskCommand } from '../domain/task/decide.js';
import { evolveTask, initialTaskState, reviewLevelName, type TaskState } from '../domain/task/state.js';
import type { Activities } from '../activities/index.js';
import type { SendOutcome } from '../activities/notifications.js';
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

// Each takes milliseconds, so they run as local activities: no round trip through the
// server per append, and a killed worker's attempt is retried as soon as the task is.
const { appendEvents, runChecks, supervisorsOf, loadTaskState } = proxyLocalActivities<Activities>({
  startToCloseTimeout: '10 seconds',
  retry: { maximumInterval: '10 seconds' },
});

// Talking to a mail server takes longer and fails in ways of its own: a regular activity, one
// attempt each (the workflow records each failure and waits as the notice's policy says), whose
// worker dying mid-send shows as a missed heartbeat within seconds.
const { sendNotification } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  heartbeatTimeout: '10 seconds',
  retry: { maximumAttempts: 1 },
});

/** What a failed activity says went wrong: the cause (a timeout, the activity's error) rather than the wrapper. */
const failureText = (err: unknown): string => {
  const { message, cause } = err as { message?: string; cause?: { message?: string } };
  return (cause?.message || message || String(err)).slice(0, 1000);
};

/** How long before the due date an enumerator with an unsubmitted task is reminded. */
const REMINDER_LEAD_MS = 24 * 3600 * 1000;

/** One unit's work in one cycle: assignment, submissions, review level by level, deadline. */
export async function taskWorkflow(input: TaskInput): Promise<TaskView> {
  const stream = `task-${input.taskId}`;
  let state: TaskState = initialTaskState;
  const lock = new Mutex();

  const view = (): TaskView => ({ status: state.status, reviewLevel: reviewLevelName(state), enumerator: state.enumerator });
  const final = () => isFinal(state.status);
  // Added with notifications: only tasks started by a worker that sends mail write to people,
  // and histories recorded before (no `notify` in their input, no patch marker) replay as they ran.
  const notifying = input.notify !== undefined && patched('notifications');

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
    if (notifying) for (const notice of noticesFor(events, revision)) notify(notice);
  }

  // ---- Notifications (domain/task/notifications.ts): each notice is tried in a loop of its own,
  // outside the lock while the mail server is talked to, and each outcome is recorded under it.
  const retry = { ...DEFAULT_RETRY, ...input.notify?.retry };
  const noticed = new Set<string>();
  let sending = 0;
  /** When the task last became final; null while it is not. */
  let finalAt: number | null = null;
  const system: Caller = { userId: 'system', correlationId: input.correlationId };

  function notify(notice: Notice): void {
    if (noticed.has(notice.key) || (notice.reason === 'invitation' && input.notify?.invite === false)) return;
    noticed.add(notice.key);
    sending += 1;
    void deliver(notice).finally(() => {
      sending -= 1;
    });
  }

  const recordFailure = (notice: Notice, attempt: number, error: string, nextAttemptAt: number | null) =>
    lock.run(() =>
      record([{ type: 'NotificationFailed', data: { key: notice.key, reason: notice.reason, attempt, error, nextAttemptAt: nextAttemptAt === null ? null : new Date(nextAttemptAt).toISOString() } }], system),
    );

  /**
   * Tries a notice until the mail server takes it, refuses it for good, or the policy gives up:
   * `giveUpAfterMs` after the first attempt, or `afterFinalMs` after the task became final (a
   * wait that would end later is cut short for one last attempt). An invitation, reminder or
   * overdue notice of a task that became final meanwhile is dropped.
   */
  async function deliver(notice: Notice): Promise<void> {
    const started = Date.now();
    const deadline = () => Math.min(started + retry.giveUpAfterMs, finalAt === null ? Infinity : finalAt + retry.afterFinalMs);
    const wanted = () => stillWanted(notice.reason, final());
    for (let attempt = 1; ; attempt++) {
      if (!wanted()) {
        if (attempt > 1) await recordFailure(notice, attempt - 1, `not sent: the task is ${state.status}`, null);
        return;
      }
      let outcome: SendOutcome;
      try {
        outcome = await sendNotification({ taskId: input.taskId, key: notice.key, reason: notice.reason });
      } catch (err) {
        outcome = { status: 'failed', error: failureText(err), permanent: false };
      }
      if (outcome.status === 'sent') {
        const { to, messageIds } = outcome;
        await lock.run(() => record([{ type: 'NotificationSent', data: { key: notice.key, reason: notice.reason, to, messageIds } }], system));
        return;
      }
      if (outcome.status !== 'failed') return;
      const next = Date.now() + retryDelay(attempt, retry);
      const again = !outcome.permanent && next <= deadline();
      await recordFailure(notice, attempt, outcome.error, again ? next : null);
      if (!again) return;
      if (next > Date.now()) await condition(() => !wanted() || deadline() < next, next - Date.now());
    }
  }

  if (notifying) {
    void (async () => {
      for (;;) {
        await condition(final);
        finalAt = Date.now();
        // A non-response task may be reopened for a late submission.
        await condition(() => !final());
        finalAt = null;
      }
    })();
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
    if (notifying) notify({ key: 'invitation', reason: 'invitation' });
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
  await condition(() => final() && allHandlersFinished() && sending === 0);
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
