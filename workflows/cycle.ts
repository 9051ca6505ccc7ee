import { condition, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { DomainEvent } from '../domain/events.js';
import type { CycleEvent } from '../domain/cycle/events.js';
import { assertCanCancel, assertCanClose, assertCanExtend, assertCanPublish, decideCycle, type CycleCommand } from '../domain/cycle/decide.js';
import { evolveCycle, initialCycleState, type CycleState } from '../domain/cycle/state.js';
import type { Activities } from '../activities/index.js';
import {
  cancelUpdate,
  closeUpdate,
  cycleStateQuery,
  extendDeadlineUpdate,
  publishUpdate,
  taskFinishedSignal,
  type Caller,
  type CycleInput,
  type CycleView,
} from './definitions.js';
import { Mutex, asFailure, refuseAsFailure } from './failures.js';

const { appendEvents } = proxyActivities<Activities>({ startToCloseTimeout: '30 seconds' });
const { startTaskPage, signalTaskPage, publishResults } = proxyActivities<Activities>({
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '1 minute',
  retry: { maximumInterval: '30 seconds' },
});

const PAGE_SIZE = 500;

/** One run of a survey: launch the tasks, hold the collection deadline, close, publish. */
export async function cycleWorkflow(input: CycleInput): Promise<CycleView> {
  const stream = `cycle-${input.cycleId}`;
  let state: CycleState = initialCycleState;
  let final = 0;
  let closeRequest: Caller | null = null;
  let cancelRequest: (Caller & { reason: string }) | null = null;
  let publishRequest: Caller | null = null;
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
  setHandler(taskFinishedSignal, () => {
    final += 1;
  });
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
      await condition(() => state.status !== 'collecting');
      return view();
    },
    { validator: (_args) => refuseAsFailure(() => assertCanClose(state)) },
  );
  setHandler(
    cancelUpdate,
    async (args) => {
      cancelRequest = args;
      await condition(() => state.status === 'cancelled');
      return view();
    },
    { validator: (_args) => refuseAsFailure(() => assertCanCancel(state)) },
  );
  setHandler(
    publishUpdate,
    async (args) => {
      publishRequest = args;
      // Publication waits until no task is in review; the caller is told it is pending.
      await condition(() => state.status === 'published' || state.status === 'cancelled' || final < state.total);
      return view();
    },
    { validator: (_args) => refuseAsFailure(() => assertCanPublish(state)) },
  );

  const broadcast = async (signal: 'collectionClosed' | 'cycleCancelled', caller: Caller, reason = '') => {
    let after: string | null = null;
    do {
      ({ next: after } = await signalTaskPage({ cycleId: input.cycleId, signal, caller, reason, after, pageSize: PAGE_SIZE }));
    } while (after !== null);
  };

  const cancel = async (request: Caller & { reason: string }) => {
    await execute({ type: 'Cancel', reason: request.reason }, request);
    await broadcast('cycleCancelled', request, request.reason);
    return view();
  };

  const { cycleId, surveyId, surveyCode, period, areaCodes, collectionDeadline, autoPublish } = input;
  const launched = { cycleId, surveyId, surveyCode, period, areaCodes, collectionDeadline, autoPublish };
  await lock.run(() => record([{ type: 'CycleLaunched', data: launched }], launcher));

  let after: string | null = null;
  // Tasks handed to each enumerator so far, so that assignment stays even across pages.
  let load: Record<string, number> = {};
  do {
    const page: { next: string | null; load: Record<string, number>; started: number } = await startTaskPage({ cycleId, surveyId, areaCodes, dueAt: collectionDeadline, correlationId: input.correlationId, after, pageSize: PAGE_SIZE, load });
    ({ next: after, load } = page);
    await execute({ type: 'RecordTasks', count: page.started }, launcher);
    if (cancelRequest) return cancel(cancelRequest);
  } while (after !== null);
  await execute({ type: 'StartCollection' }, launcher);

  for (;;) {
    const remaining = Date.parse(state.collectionDeadline) - Date.now();
    const deadline = state.collectionDeadline;
    const woke = await condition(
      () => final >= state.total || closeRequest !== null || cancelRequest !== null || state.collectionDeadline !== deadline,
      Math.max(remaining, 1),
    );
    if (cancelRequest) return cancel(cancelRequest);
    if (woke && state.collectionDeadline !== deadline && final < state.total && !closeRequest) continue;
    const reason = closeRequest ? 'manager' : final >= state.total ? 'all_final' : 'deadline';
    const closer = closeRequest ?? launcher;
    await execute({ type: 'CloseCollection', reason }, closer);
    if (reason !== 'all_final') await broadcast('collectionClosed', closer);
    break;
  }

  await condition(() => cancelRequest !== null || (final >= state.total && (input.autoPublish || publishRequest !== null)));
  if (cancelRequest) return cancel(cancelRequest);
  const publisher = publishRequest ?? launcher;
  await lock.run(async () => {
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
  });
  return view();
}
