import { setMaxListeners } from 'node:events';
import { ApplicationFailure, Context } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import type { DomainEvent } from '../domain/events.js';
import { chooseEnumerator } from '../domain/frame.js';
import type { Geography } from '../domain/geography/geography.js';
import { publishedTables } from '../domain/results/publish.js';
import { DISCLOSURE_POLICY, type ApprovedResponse } from '../domain/results/tables.js';
import { runChecks as evaluateChecks } from '../domain/survey/checks.js';
import type { SurveyDefinition } from '../domain/survey/definition.js';
import type { ResponseData } from '../domain/survey/response.js';
import { decideTask } from '../domain/task/decide.js';
import { isFinal, type TaskEvent } from '../domain/task/events.js';
import { evolveTask, initialTaskState, reviewLevelName } from '../domain/task/state.js';
import { derivedEventId } from '../eventstore/ids.js';
import type { EventStore } from '../eventstore/port.js';
import { recipientsOf } from '../notify/recipients.js';
import { foldTask } from '../projections/history.js';
import { publicationHistory } from '../projections/publication-history.js';
import {
  acceptLateUpdate,
  cancelTaskUpdate,
  closeCollectionUpdate,
  collectionClosedSignal,
  cycleCancelledSignal,
  dueDateChangedSignal,
  searchAttributes,
  workflowIds,
  type AcceptLateArgs,
  type Caller,
  type SubmitResult,
  type TaskInput,
} from '../workflows/definitions.js';
import type { Directory } from './directory.js';
import { createSendNotification, type MailDeps } from './notifications.js';
import { loadSurvey } from './surveys.js';

export interface ActivityDeps {
  readonly store: EventStore;
  readonly client: Client;
  readonly taskQueue: string;
  readonly directory: Directory;
  readonly geography: Geography;
  /** Null when mail is off (no `SMTP_URL`): tasks are then started without notices. */
  readonly mail?: MailDeps | null;
}

export interface AppendInput {
  readonly stream: string;
  /** The stream's revision before this append; -1 for a new stream. */
  readonly expectedRevision: number;
  readonly events: DomainEvent[];
  readonly actor: string;
  readonly correlationId: string;
  readonly workflowId: string;
}

/**
 * Workflow starts (and signals) in flight at once within a page. The dev server writes
 * through one SQLite connection; it stays busy only with enough requests waiting. In one
 * run of 20,000 tasks, 64 launched 1.2× faster than 16, and 128 no faster than 64.
 */
const START_CONCURRENCY = 64;
/** How often a waiting cycle looks at the read models for finished tasks. */
const FINALS_POLL_MS = 500;

async function inParallel<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await fn(items[next++]!);
  });
  await Promise.all(lanes);
}

export function createActivities(deps: ActivityDeps) {
  const { store, client, directory, geography } = deps;
  const survey = (surveyId: string, version?: number): Promise<SurveyDefinition> => loadSurvey(store, surveyId, version);
  const mail = deps.mail ?? null;
  // Tasks started by this worker write to people only if it can send mail; the policy travels in their input.
  const notifying = (task: { unitId: string; enumerator: string }): Pick<TaskInput, 'notify'> => {
    if (!mail) return {};
    // Nobody to write to at the launch: the invitation is not even tried (a census of units without addresses starts no mail activities).
    const invite = recipientsOf({ respondentsOf: (unitId) => directory.respondentsOf(unitId), user: (username) => directory.user(username) }, task).length > 0;
    return { notify: { ...(mail.retry ? { retry: mail.retry } : {}), ...(invite ? {} : { invite: false }) } };
  };
  const sendNotification = createSendNotification({ store, directory, mail });

  async function appendEvents(input: AppendInput): Promise<{ nextRevision: number }> {
    const at = new Date().toISOString();
    const result = await store.append(
      input.stream,
      input.events.map((event, i) => ({
        id: derivedEventId(input.stream, input.expectedRevision + 1 + i),
        type: event.type,
        data: event.data,
        metadata: { actor: input.actor, correlationId: input.correlationId, causationId: null, workflowId: input.workflowId, at },
      })),
      { expected: input.expectedRevision === -1 ? 'no_stream' : input.expectedRevision },
    );
    return { nextRevision: result.nextRevision };
  }

  /** The checks of the version the task is answered against (the first, for tasks from before versions). */
  async function runChecks(input: { surveyId: string; version?: number; data: ResponseData; taskId?: string }) {
    // Histories from before `taskId` was passed replay the recorded outcome; new runs look back at the unit.
    return evaluateChecks(await survey(input.surveyId, input.version ?? 1), input.data, input.taskId ? directory.responseContext(input.taskId) : {});
  }

  async function supervisorsOf(input: { areaCode: string }): Promise<string[]> {
    return directory
      .activeUsers('supervisor')
      .filter((user) => geography.withinAny(user.areaCodes, input.areaCode))
      .map((user) => user.username);
  }

  /** A task's state as its log holds it. */
  async function loadTaskState(input: { taskId: string }) {
    return foldTask(await store.readStream(`task-${input.taskId}`));
  }

  /**
   * Starts a task that became non-response when collection closed again, to take a late
   * submission as its response, and returns once its log shows it taken. Its run reads its state
   * from the log; started twice (a retry), it finds the submission taken and records nothing.
   */
  async function reopenTask(input: AcceptLateArgs & { taskId: string }): Promise<SubmitResult> {
    const { taskId, ...reopen } = input;
    const taken = (state: Awaited<ReturnType<typeof loadTaskState>>): SubmitResult | null =>
      state.lateAccepted?.includes(input.lateId) ? { status: state.status, reviewLevel: reviewLevelName(state), failed: [...state.failed], warnings: [...state.warnings] } : null;
    const state = await loadTaskState({ taskId });
    const done = taken(state);
    if (done) return done;
    // A run that has not ended (it is still trying its last notices, domain/task/notifications.ts)
    // would be found by the start below and ignore its input: it takes the submission itself.
    const running = client.workflow.getHandle(workflowIds.task(taskId));
    if ((await running.describe().then((d) => d.status.name === 'RUNNING', () => false))) {
      try {
        return await running.executeUpdate(acceptLateUpdate, { updateId: `reopen:${input.lateId}`, args: [{ ...reopen, reopen: true }] });
      } catch (err) {
        // Refused (the task is not non-response after all): as final as a reopened run's refusal.
        if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) throw ApplicationFailure.create({ message: err.cause.message, type: err.cause.type ?? undefined, nonRetryable: true, details: err.cause.details ?? undefined });
        // Ended meanwhile: started again below.
        if (!(err instanceof WorkflowNotFoundError)) throw err;
      }
    }
    const { cycleId, surveyId, unitId, areaCode, enumerator, reviewLevels, dueAt, version } = state;
    const task: TaskInput = { taskId, cycleId, surveyId, unitId, areaCode, enumerator, reviewLevels: [...reviewLevels], dueAt, version, correlationId: input.correlationId, assigned: true, reopen, ...notifying({ unitId, enumerator }) };
    const handle = await client.workflow.start('taskWorkflow', {
      taskQueue: deps.taskQueue,
      workflowId: workflowIds.task(taskId),
      workflowIdConflictPolicy: 'USE_EXISTING',
      args: [task],
      typedSearchAttributes: [
        { key: searchAttributes.cycleId, value: cycleId },
        { key: searchAttributes.surveyCode, value: (await survey(surveyId, version)).code },
        { key: searchAttributes.areaCode, value: areaCode },
        { key: searchAttributes.taskStatus, value: state.status },
      ],
    });
    for (;;) {
      await Context.current().sleep(100);
      Context.current().heartbeat();
      const now = taken(await loadTaskState({ taskId }));
      if (now) return now;
      // A run that ended without taking it was refused: say so rather than wait.
      if ((await handle.describe()).status.name !== 'RUNNING' && !taken(await loadTaskState({ taskId }))) {
        throw ApplicationFailure.nonRetryable(`task ${taskId} ended without taking late submission ${input.lateId}`, 'late.not_taken');
      }
    }
  }

  /** Starts one page of task workflows; starting one that exists is a no-op (`USE_EXISTING`). */
  async function startTaskPage(input: {
    cycleId: string;
    surveyId: string;
    /** The questionnaire version the tasks are given; absent (1) from cycles launched before versions. */
    version?: number;
    areaCodes: string[];
    dueAt: string;
    correlationId: string;
    after: string | null;
    pageSize: number;
    load?: Record<string, number>;
    /** False for cycles that count final tasks from the log; tasks of older cycles signal each finish. */
    signalWhenFinal?: boolean;
  }): Promise<{ started: number; next: string | null; load: Record<string, number> }> {
    const version = input.version ?? 1;
    const definition = await survey(input.surveyId, version);
    const enumerators = directory.activeUsers('enumerator');
    const load = new Map(Object.entries(input.load ?? {}));
    const units = directory.unitsPage(definition.unitType, input.after, input.pageSize);
    const inScope = units.filter((unit) => input.areaCodes.length === 0 || geography.withinAny(input.areaCodes, unit.areaCode));
    // A unit that answers for itself (it has respondents) gets no enumerator: its respondents hold the task.
    const selfReporting = directory.unitsWithRespondents(inScope.map((unit) => unit.id));
    const tasks: TaskInput[] = inScope.map((unit) => {
      const candidates = enumerators.filter((u) => geography.withinAny(u.areaCodes, unit.areaCode)).map((u) => u.username);
      const enumerator = selfReporting.has(unit.id) ? '' : (chooseEnumerator(unit, candidates, load) ?? '');
      return {
        taskId: `${input.cycleId}.${unit.id}`,
        cycleId: input.cycleId,
        surveyId: input.surveyId,
        unitId: unit.id,
        areaCode: unit.areaCode,
        enumerator,
        reviewLevels: [...definition.reviewLevels],
        dueAt: input.dueAt,
        correlationId: input.correlationId,
        version,
        ...(input.signalWhenFinal === false ? { signalWhenFinal: false } : {}),
        ...notifying({ unitId: unit.id, enumerator }),
      };
    });
    // The launch records each assignment itself, so a census is assigned as fast as the
    // store appends rather than as fast as the worker runs each task's first workflow task.
    // A retried page writes nothing twice (ids derived from stream@0) and starts each
    // workflow from what the log holds, should the staff have changed in between.
    const at = new Date().toISOString();
    // Each task's append is made before any awaits, so the page's appends commit together.
    const recorded: TaskInput[] = await Promise.all(
      tasks.map(async (task) => {
        const stream = `task-${task.taskId}`;
        const { taskId, cycleId, surveyId, unitId, areaCode, enumerator, reviewLevels, dueAt, version = 1 } = task;
        const metadata = { actor: 'system', correlationId: task.correlationId, causationId: null, workflowId: workflowIds.task(taskId), at };
        await store.append(stream, [{ id: derivedEventId(stream, 0), type: 'TaskAssigned', data: { taskId, cycleId, surveyId, unitId, areaCode, enumerator, reviewLevels, dueAt, version }, metadata }], { expected: 'no_stream' });
        const [first] = await store.readStream(stream, { maxCount: 1 });
        return { ...task, ...(first?.data as Partial<TaskInput>), assigned: true };
      }),
    );
    Context.current().heartbeat();
    await inParallel(recorded, START_CONCURRENCY, async (task) => {
      await client.workflow.start('taskWorkflow', {
        taskQueue: deps.taskQueue,
        workflowId: workflowIds.task(task.taskId),
        workflowIdConflictPolicy: 'USE_EXISTING',
        args: [task],
        typedSearchAttributes: [
          { key: searchAttributes.cycleId, value: task.cycleId },
          { key: searchAttributes.surveyCode, value: definition.code },
          { key: searchAttributes.areaCode, value: task.areaCode },
          { key: searchAttributes.taskStatus, value: 'assigned' },
        ],
      });
      Context.current().heartbeat();
    });
    const next = units.length < input.pageSize ? null : (units[units.length - 1]?.id ?? null);
    return { started: tasks.length, next, load: Object.fromEntries(load) };
  }

  /**
   * Waits until the read models show `total` of the cycle's tasks final, or `maxWaitMs`
   * passes, and returns the count. One long poll instead of a signal per finished task
   * keeps the cycle's history short at census scale.
   */
  async function awaitFinals(input: { cycleId: string; total: number; maxWaitMs: number }): Promise<number> {
    const context = Context.current();
    const until = Date.now() + input.maxWaitMs;
    for (;;) {
      const final = directory.finalTasks(input.cycleId);
      if (final >= input.total || Date.now() >= until) return final;
      context.heartbeat(final);
      // Rejects when the cycle cancels the wait (a close, a cancel, the deadline).
      await context.sleep(FINALS_POLL_MS);
    }
  }

  /** A cycle of the survey for the period already launched (by hand or by schedule), if any. */
  async function activeCycle(input: { surveyCode: string; period: string }): Promise<string | null> {
    return directory.activeCycle(input.surveyCode, input.period);
  }

  /** Signals one page of the cycle's task workflows; tasks that already ended are skipped. */
  async function signalTaskPage(input: {
    cycleId: string;
    signal: 'collectionClosed' | 'cycleCancelled' | 'dueDateChanged';
    caller: Caller;
    reason: string;
    dueAt?: string;
    after: string | null;
    pageSize: number;
  }): Promise<{ next: string | null }> {
    const prefix = `task-${input.cycleId}.`;
    const page = await store.listStreams(prefix, { after: input.after ?? undefined, limit: input.pageSize });
    await inParallel(page, START_CONCURRENCY, async (stream) => {
      const handle = client.workflow.getHandle(workflowIds.task(stream.slice('task-'.length)));
      try {
        if (input.signal === 'collectionClosed') await handle.signal(collectionClosedSignal, input.caller);
        else if (input.signal === 'dueDateChanged') await handle.signal(dueDateChangedSignal, { ...input.caller, dueAt: input.dueAt ?? '' });
        else await handle.signal(cycleCancelledSignal, { ...input.caller, reason: input.reason });
      } catch (err) {
        if (!(err instanceof WorkflowNotFoundError)) throw err;
      }
      Context.current().heartbeat();
    });
    return { next: page.length < input.pageSize ? null : (page[page.length - 1] ?? null) };
  }

  /**
   * Tells one page of the cycle's tasks that collection closed (or the cycle is cancelled) and
   * returns once every one of them has recorded it. Each is an update with an id of its own per
   * cycle and outcome, so a page told again after a crash changes nothing twice.
   */
  async function settleTaskPage(input: {
    cycleId: string;
    outcome: 'closed' | 'cancelled';
    caller: Caller;
    reason: string;
    after: string | null;
    pageSize: number;
  }): Promise<{ next: string | null; told: number }> {
    const context = Context.current();
    const prefix = `task-${input.cycleId}.`;
    const page = await store.listStreams(prefix, { after: input.after ?? undefined, limit: input.pageSize });
    // An update waits for its task's worker; the heartbeat says this attempt is alive meanwhile.
    const beat = setInterval(() => context.heartbeat(), 2000);
    // Each update in flight listens on the signal (Node warns past 10 listeners by default).
    setMaxListeners(START_CONCURRENCY * 4, context.cancellationSignal);
    try {
      // A worker shutting down cancels this attempt: the updates waiting (perhaps on this very
      // worker's task workflows) are abandoned, and the next attempt, on any worker, tells them again.
      await client.withAbortSignal(context.cancellationSignal, () => inParallel(page, START_CONCURRENCY, async (stream) => {
        const taskId = stream.slice('task-'.length);
        const handle = client.workflow.getHandle(workflowIds.task(taskId));
        try {
          if (input.outcome === 'closed') await handle.executeUpdate(closeCollectionUpdate, { updateId: `close:${input.cycleId}`, args: [input.caller] });
          else await handle.executeUpdate(cancelTaskUpdate, { updateId: `cancel:${input.cycleId}`, args: [{ ...input.caller, reason: input.reason }] });
        } catch (err) {
          if (!(err instanceof WorkflowNotFoundError)) throw err;
          await settleWithoutWorkflow(stream, input);
        }
      }));
    } finally {
      clearInterval(beat);
    }
    return { next: page.length < input.pageSize ? null : (page[page.length - 1] ?? null), told: page.length };
  }

  /**
   * A task whose workflow has ended is final, unless an operator ended it by hand. Then nothing
   * else writes its stream any more, and the close or cancellation is recorded here, so that
   * no task of a closed or cancelled cycle stays open.
   */
  async function settleWithoutWorkflow(stream: string, input: { cycleId: string; outcome: 'closed' | 'cancelled'; caller: Caller; reason: string }) {
    const events = await store.readStream(stream);
    const task = events.reduce((s, e) => evolveTask(s, { type: e.type, data: e.data } as TaskEvent), initialTaskState);
    if (isFinal(task.status)) return;
    const decided = decideTask(input.outcome === 'closed' ? { type: 'CloseCollection' } : { type: 'Cancel', reason: input.reason }, task);
    await appendEvents({
      stream,
      expectedRevision: task.revision,
      events: decided as DomainEvent[],
      actor: input.caller.userId,
      correlationId: input.caller.correlationId,
      workflowId: workflowIds.cycle(input.cycleId),
    });
  }

  /** Computes the output tables from approved responses and records them as the cycle's next result version. */
  async function publishResults(input: {
    cycleId: string;
    surveyId: string;
    expectedRevision: number;
    version: number;
    actor: string;
    correlationId: string;
    workflowId: string;
  }): Promise<{ version: number; publishedAt: string; approved: number }> {
    const definition = await survey(input.surveyId);
    const approved: ApprovedResponse[] = [];
    const prefix = `task-${input.cycleId}.`;
    let after: string | undefined;
    for (;;) {
      const page = await store.listStreams(prefix, { after, limit: 1000 });
      for (const stream of page) {
        const events = await store.readStream(stream);
        const task = events.reduce((s, e) => evolveTask(s, { type: e.type, data: e.data } as TaskEvent), initialTaskState);
        if (task.status === 'approved' && task.response) approved.push({ areaCode: task.areaCode, data: task.response });
      }
      Context.current().heartbeat();
      if (page.length < 1000) break;
      after = page[page.length - 1];
    }
    const publishedAt = new Date().toISOString();
    const history = await publicationHistory(store, input.cycleId, { version: input.version });
    const { tables, audit } = await publishedTables(definition, approved, geography, DISCLOSURE_POLICY, history);
    const stream = `cycle-${input.cycleId}`;
    const data = { version: input.version, publishedAt, tables, approved: approved.length, disclosurePolicy: DISCLOSURE_POLICY, ...(audit ? { audit } : {}) };
    await appendEvents({ ...input, stream, events: [{ type: 'ResultsPublished', data }] });
    // On a retry the first attempt's event stands; answer with what is stored.
    const [stored] = await store.readStream(stream, { from: input.expectedRevision + 1, maxCount: 1 });
    const recorded = (stored?.data ?? data) as typeof data;
    return { version: recorded.version, publishedAt: recorded.publishedAt, approved: recorded.approved };
  }

  return { appendEvents, runChecks, supervisorsOf, loadTaskState, reopenTask, startTaskPage, signalTaskPage, settleTaskPage, awaitFinals, activeCycle, publishResults, sendNotification };
}

export type Activities = ReturnType<typeof createActivities>;
