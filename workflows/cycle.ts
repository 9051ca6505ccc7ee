import {
  CancellationScope,
  allHandlersFinished,
  condition,
  continueAsNew,
  isCancellation,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { DomainEvent } from '../domain/events.js';
import type { CycleEvent } from '../domain/cycle/events.js';
import { assertCanCancel, assertCanClose, assertCanExtend, assertCanPublish, decideCycle, type CycleCommand } from '../domain/cycle/decide.js';
import { evolveCycle, initialCycleState, type CycleState } from '../domain/cycle/state.js';
import { isFinal } from '../domain/task/events.js';
import { assertCycleTakesLate } from '../domain/task/late.js';
import type { Activities } from '../activities/index.js';
import {
  cancelUpdate,
  closeUpdate,
  cycleStateQuery,
  extendDeadlineUpdate,
  publishUpdate,
  reopenTaskUpdate,
  taskFinishedSignal,
  type Caller,
  type CycleInput,
  type CycleView,
} from './definitions.js';
import type { CycleCarry } from './cycle-carry.js';
import { Mutex, asFailure, refuseAsFailure } from './failures.js';

// Appends take milliseconds: a local activity spares the round trips through the server.
const { appendEvents } = proxyLocalActivities<Activities>({ startToCloseTimeout: '10 seconds' });
const { startTaskPage, signalTaskPage, settleTaskPage, publishResults, reopenTask } = proxyActivities<Activities>({
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '15 seconds',
  retry: { maximumInterval: '30 seconds' },
});

// A long poll of the read models; the heartbeat lets a dead worker's wait be retried elsewhere.
const { awaitFinals } = proxyActivities<Activities>({
  startToCloseTimeout: '1 hour',
  heartbeatTimeout: '20 seconds',
  retry: { maximumInterval: '30 seconds' },
});

/**
 * Tasks per launch page. Each page is one activity: one group commit of its assignments,
 * then its starts, then a pause while the cycle records it and schedules the next page.
 * In one run of 20,000 tasks, pages of 1,000 launched 1.2× faster than pages of 500;
 * pages of 2,000 were no faster. Signals to the tasks go out in pages of the same size.
 */
const PAGE_SIZE = 1000;
/** The longest one wait for finished tasks lasts before the cycle looks again (and may continue as new). */
const FINALS_WAIT_MS = 10 * 60 * 1000;
/**
 * Cycles started before this change were told of each finished task by a signal; they keep
 * doing so to the end of their run. Newer runs count final tasks from the read models.
 */
export const FINALS_FROM_LOG_PATCH = 'finals-from-log';
/**
 * Closing and cancelling in two steps: `ClosingStarted` (or `CancellationStarted`), then every
 * task told by an update that returns once the task has recorded it, then `CollectionClosed` (or
 * `CycleCancelled`). So a cycle never reads closed or cancelled while one of its tasks still
 * takes submissions. Runs that closed or cancelled before this change keep the one-step way
 * (record, then signal); a running cycle that closes after it takes the new one.
 */
export const CLOSE_IN_TWO_STEPS_PATCH = 'close-in-two-steps';
/**
 * Well before Temporal's limits (51,200 events, 10,000 signals per run), start a fresh run:
 * a short history also keeps a replay after a cache eviction quick (a 10,000-event run took
 * 30 s to replay on two cores, past the workflow task timeout).
 */
const MAX_HISTORY = 4000;
const MAX_SIGNALS = 2000;

/** One run of a survey: launch the tasks, hold the collection deadline, close, publish. */
export async function cycleWorkflow(input: CycleInput, carry?: CycleCarry): Promise<CycleView> {
  const stream = `cycle-${input.cycleId}`;
  let state: CycleState = carry?.state ?? initialCycleState;
  let final = carry?.final ?? 0;
  let phase = carry?.phase ?? 'launching';
  let after = carry?.after ?? null;
  // Tasks handed to each enumerator so far, so that assignment stays even across pages.
  let load = carry?.load ?? {};
  let broadcastDeadline = carry?.broadcastDeadline ?? input.collectionDeadline;
  let closeRequest = carry?.closeRequest ?? null;
  let cancelRequest = carry?.cancelRequest ?? null;
  let publishRequest = carry?.publishRequest ?? null;
  let closing = carry?.closing ?? null;
  let toldUpTo = carry?.toldUpTo ?? null;
  // Tasks started again after collection closed to take a late submission: publication waits until each is final again.
  const reopened = new Set<string>(carry?.reopened ?? []);
  /** The task being started again, and whether it already said it is final again. */
  let reopening: { taskId: string; finished: boolean } | null = null;
  let signals = 0;
  const pageSize = input.limits?.pageSize ?? PAGE_SIZE;
  const finalsFromLog = patched(FINALS_FROM_LOG_PATCH);
  const lock = new Mutex();
  const launcher: Caller = { userId: input.launchedBy, correlationId: input.correlationId };

  const view = (): CycleView => ({
    status: state.status,
    collectionDeadline: state.collectionDeadline,
    total: state.total,
    final,
    publishPending: publishRequest !== null && state.status !== 'published',
    resultVersion: state.resultVersion,
  });

  async function record(events: CycleEvent[], caller: Caller): Promise<void> {
    if (events.length === 0) return;
    await appendEvents({
      stream,
      expectedRevision: state.revision,
      events: events as DomainEvent[],
      actor: caller.userId,
      correlationId: caller.correlationId,
      workflowId: workflowInfo().workflowId,
    });
    for (const event of events) state = evolveCycle(state, event);
  }

  const execute = (command: CycleCommand, caller: Caller) =>
    lock.run(async () => {
      try {
        await record(decideCycle(command, state), caller);
      } catch (err) {
        throw asFailure(err);
      }
    });

  setHandler(cycleStateQuery, view);
  setHandler(taskFinishedSignal, (finished) => {
    if (!finalsFromLog || reopened.has(finished.taskId)) final += 1;
    reopened.delete(finished.taskId);
    if (reopening?.taskId === finished.taskId) reopening.finished = true;
    signals += 1;
  });
  setHandler(
    reopenTaskUpdate,
    (args) =>
      lock.run(async () => {
        // Checked again under the lock: publication may have gone first.
        refuseAsFailure(() => assertCycleTakesLate(input.cycleId, state.status));
        reopening = { taskId: args.taskId, finished: false };
        const result = await reopenTask(args);
        if (!reopening.finished && !isFinal(result.status) && !reopened.has(args.taskId)) {
          reopened.add(args.taskId);
          final -= 1;
        }
        reopening = null;
        return result;
      }),
    { validator: (_args) => refuseAsFailure(() => assertCycleTakesLate(input.cycleId, state.status)) },
  );
  setHandler(
    extendDeadlineUpdate,
    async (args) => {
      await execute({ type: 'ExtendDeadline', to: args.collectionDeadline }, args);
      return view();
    },
    { validator: (args) => refuseAsFailure(() => assertCanExtend(state, args.collectionDeadline)) },
  );
  setHandler(
    closeUpdate,
    async (args) => {
      closeRequest = args;
      // Answers once submissions have stopped (closing); the tasks are told after that.
      await condition(() => state.status !== 'collecting');
      return view();
    },
    { validator: (_args) => refuseAsFailure(() => assertCanClose(state)) },
  );
  setHandler(
    cancelUpdate,
    async (args) => {
      cancelRequest = args;
      await condition(() => state.status === 'cancelled' || state.status === 'cancelling');
      return view();
    },
    { validator: (_args) => refuseAsFailure(() => assertCanCancel(state)) },
  );
  setHandler(
    publishUpdate,
    async (args) => {
      publishRequest = args;
      // Publication waits until no task is in review; the caller is told it is pending.
      await condition(() => state.status === 'published' || state.status === 'cancelled' || state.status === 'cancelling' || final < state.total);
      return view();
    },
    { validator: (_args) => refuseAsFailure(() => assertCanPublish(state)) },
  );

  const broadcast = async (signal: 'collectionClosed' | 'cycleCancelled' | 'dueDateChanged', caller: Caller, extra: { reason?: string; dueAt?: string } = {}) => {
    let cursor: string | null = null;
    do {
      ({ next: cursor } = await signalTaskPage({ cycleId: input.cycleId, signal, caller, reason: extra.reason ?? '', dueAt: extra.dueAt, after: cursor, pageSize }));
    } while (cursor !== null);
  };

  /**
   * Waits until every task is final, `stop()` holds, or `timeoutMs` passes; true unless it timed out.
   * Newer runs ask the read models (one activity per wait, not one signal per task).
   */
  const untilFinalOr = async (stop: () => boolean, timeoutMs?: number): Promise<boolean> => {
    const wait = (fn: () => boolean) => (timeoutMs === undefined ? condition(fn).then(() => true) : condition(fn, timeoutMs));
    if (!finalsFromLog) return wait(() => final >= state.total || stop());
    if (final >= state.total) return true;
    let counted = false;
    const scope = new CancellationScope();
    const watching = scope
      .run(() => awaitFinals({ cycleId: input.cycleId, total: state.total, maxWaitMs: input.limits?.finalsWaitMs ?? FINALS_WAIT_MS }))
      .then(
        (count) => {
          final = count;
          counted = true;
        },
        (err: unknown) => {
          if (!isCancellation(err)) throw err;
        },
      );
    const woke = await wait(() => counted || stop());
    if (!counted) scope.cancel();
    await watching;
    return woke;
  };

  /**
   * Tells the next page of tasks that collection closed or the cycle is cancelled, and waits for
   * each to record it; true once no task is left to tell.
   */
  const tellNextPage = async (outcome: 'closed' | 'cancelled', caller: Caller, reason: string): Promise<boolean> => {
    ({ next: toldUpTo } = await settleTaskPage({ cycleId: input.cycleId, outcome, caller, reason, after: toldUpTo, pageSize }));
    return toldUpTo === null;
  };

  const cancel = async (request: Caller & { reason: string }): Promise<CycleView> => {
    if (phase !== 'cancelling' && !patched(CLOSE_IN_TWO_STEPS_PATCH)) {
      await execute({ type: 'Cancel', reason: request.reason }, request);
      await broadcast('cycleCancelled', request, { reason: request.reason });
      return view();
    }
    if (phase !== 'cancelling') {
      await execute({ type: 'BeginCancelling', reason: request.reason }, request);
      phase = 'cancelling';
      toldUpTo = null;
    }
    for (;;) {
      if (tooLong()) return continueFresh();
      if (await tellNextPage('cancelled', request, request.reason)) break;
    }
    await execute({ type: 'Cancel', reason: request.reason }, request);
    await condition(allHandlersFinished);
    return view();
  };

  const tooLong = () => {
    const info = workflowInfo();
    const limits = input.limits ?? { maxHistory: MAX_HISTORY, maxSignals: MAX_SIGNALS };
    return info.continueAsNewSuggested || info.historyLength > limits.maxHistory || signals > limits.maxSignals;
  };
  /** Hands everything to a fresh run once no handler is midway. */
  const continueFresh = async (): Promise<never> => {
    await condition(allHandlersFinished);
    return continueAsNew<typeof cycleWorkflow>(input, {
      state,
      final,
      phase,
      after,
      load,
      broadcastDeadline,
      closeRequest,
      cancelRequest,
      publishRequest,
      closing,
      toldUpTo,
      reopened: [...reopened],
    });
  };

  if (!carry) {
    const { cycleId, surveyId, surveyCode, surveyVersion = 1, period, areaCodes, collectionDeadline, autoPublish } = input;
    const launched = { cycleId, surveyId, surveyCode, surveyVersion, period, areaCodes, collectionDeadline, autoPublish };
    await lock.run(() => record([{ type: 'CycleLaunched', data: launched }], launcher));
  }

  if (phase === 'cancelling' && cancelRequest) return cancel(cancelRequest);

  if (phase === 'launching') {
    do {
      if (cancelRequest) return cancel(cancelRequest);
      if (tooLong()) return continueFresh();
      const page: { next: string | null; load: Record<string, number>; started: number } = await startTaskPage({
        cycleId: input.cycleId,
        surveyId: input.surveyId,
        ...(input.surveyVersion === undefined ? {} : { version: input.surveyVersion }),
        areaCodes: input.areaCodes,
        dueAt: state.collectionDeadline,
        correlationId: input.correlationId,
        after,
        pageSize,
        load,
        ...(finalsFromLog ? { signalWhenFinal: false } : {}),
      });
      await execute({ type: 'RecordTasks', count: page.started }, launcher);
      ({ next: after, load } = page);
    } while (after !== null);
    await execute({ type: 'StartCollection' }, launcher);
    phase = 'collecting';
  }

  while (phase === 'collecting') {
    if (cancelRequest) return cancel(cancelRequest);
    if (state.collectionDeadline !== broadcastDeadline) {
      // Tasks started before an extension still carry the old due date.
      broadcastDeadline = state.collectionDeadline;
      await broadcast('dueDateChanged', launcher, { dueAt: broadcastDeadline });
      continue;
    }
    if (tooLong()) return continueFresh();
    const deadline = state.collectionDeadline;
    const woke = await untilFinalOr(
      () => closeRequest !== null || cancelRequest !== null || state.collectionDeadline !== deadline || tooLong(),
      Math.max(Date.parse(deadline) - Date.now(), 1),
    );
    if (woke && !closeRequest && final < state.total) continue;
    const reason = closeRequest ? 'manager' : final >= state.total ? 'all_final' : 'deadline';
    const closer = closeRequest ?? launcher;
    if (reason === 'all_final' || !patched(CLOSE_IN_TWO_STEPS_PATCH)) {
      await execute({ type: 'CloseCollection', reason }, closer);
      phase = 'closed';
      if (reason !== 'all_final') await broadcast('collectionClosed', closer);
      continue;
    }
    const began = await lock.run(async () => {
      // An extension recorded while the deadline's timer fired wins: collection goes on.
      if (reason === 'deadline' && state.collectionDeadline !== deadline) return false;
      try {
        await record(decideCycle({ type: 'BeginClosing', reason }, state), closer);
      } catch (err) {
        throw asFailure(err);
      }
      return true;
    });
    if (!began) continue;
    phase = 'closing';
    closing = { reason, by: closer };
    toldUpTo = null;
  }

  while (phase === 'closing' && closing) {
    if (cancelRequest) return cancel(cancelRequest);
    if (tooLong()) return continueFresh();
    if (!(await tellNextPage('closed', closing.by, ''))) continue;
    await execute({ type: 'CloseCollection', reason: closing.reason }, closing.by);
    phase = 'closed';
    closing = null;
  }

  // A late submission taken after the wait below ended holds publication back: the loop goes on.
  for (;;) {
    for (;;) {
      if (cancelRequest) return cancel(cancelRequest);
      if (final >= state.total && reopened.size === 0 && (input.autoPublish || publishRequest !== null)) break;
      if (tooLong()) return continueFresh();
      const wanted = () => input.autoPublish || publishRequest !== null;
      if (reopened.size > 0) await condition(() => reopened.size === 0 || cancelRequest !== null || tooLong());
      else if (wanted()) await untilFinalOr(() => cancelRequest !== null || tooLong());
      else await condition(() => cancelRequest !== null || wanted() || tooLong());
    }
    const publisher = publishRequest ?? launcher;
    const done = await lock.run(async () => {
      if (reopened.size > 0) return false;
      const published = await publishResults({
        cycleId: input.cycleId,
        surveyId: input.surveyId,
        expectedRevision: state.revision,
        version: state.resultVersion + 1,
        actor: publisher.userId,
        correlationId: publisher.correlationId,
        workflowId: workflowInfo().workflowId,
      });
      state = evolveCycle(state, { type: 'ResultsPublished', data: { ...published, tables: [] } });
      return true;
    });
    if (done) break;
  }
  await condition(allHandlersFinished);
  return view();
}
