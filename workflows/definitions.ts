import { SearchAttributeType, defineSearchAttributeKey } from '@temporalio/common';
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { CheckResult } from '../domain/survey/checks.js';
import type { ResponseData } from '../domain/survey/response.js';
import type { TaskStatus } from '../domain/task/events.js';
import type { RetryPolicy } from '../domain/task/notifications.js';
import type { TaskState } from '../domain/task/state.js';
import type { CycleState } from '../domain/cycle/state.js';

/** Who asked for a change; recorded in the metadata of the events it produces. */
export interface Caller {
  readonly userId: string;
  readonly correlationId: string;
}

export interface SubmitArgs extends Caller {
  readonly data: ResponseData;
  readonly submissionId: string;
  /** Explanations of warnings, by check key; absent in updates sent before they existed. */
  readonly explanations?: Record<string, string>;
  /** The caller is a respondent of the task's unit (the API checked it): it may answer whoever the task names. */
  readonly forUnit?: boolean;
}
export interface SubmitResult {
  readonly status: TaskStatus;
  readonly reviewLevel: string | null;
  readonly failed: CheckResult[];
  readonly warnings: CheckResult[];
}
export interface ReviewArgs extends Caller {
  readonly decision: 'approve' | 'reject';
  readonly level: string;
  readonly comment: string;
}
export interface TaskView {
  readonly status: TaskStatus;
  readonly reviewLevel: string | null;
  readonly enumerator: string;
}
export interface ReassignArgs extends Caller {
  readonly enumerator: string;
}

export interface UpgradeArgs extends Caller {
  /** The questionnaire version to move to. */
  readonly version: number;
}

export const submitUpdate = defineUpdate<SubmitResult, [SubmitArgs]>('submit');
/** A supervisor takes a late submission as the response (domain/task/late.ts); `userId` is the supervisor. */
export interface AcceptLateArgs extends Caller {
  readonly lateId: string;
  readonly data: ResponseData;
  readonly explanations: Record<string, string>;
  /** Who sent the late submission. */
  readonly submittedBy: string;
}
/**
 * `reopen`: the task is non-response and its run has not ended yet (it is still trying its last
 * notices): it takes the late submission itself, as a run started to reopen it would.
 */
export const acceptLateUpdate = defineUpdate<SubmitResult, [AcceptLateArgs & { reopen?: boolean }]>('acceptLate');
/** Moves a task without an accepted submission to a newer questionnaire version; a no-op for any other. */
export const upgradeUpdate = defineUpdate<TaskView, [UpgradeArgs]>('upgrade');
export const reviewUpdate = defineUpdate<TaskView, [ReviewArgs]>('review');
export const reassignUpdate = defineUpdate<TaskView, [ReassignArgs]>('reassign');
export const collectionClosedSignal = defineSignal<[Caller]>('collectionClosed');
export const cycleCancelledSignal = defineSignal<[Caller & { reason: string }]>('cycleCancelled');
export const dueDateChangedSignal = defineSignal<[Caller & { dueAt: string }]>('dueDateChanged');
/**
 * The cycle's word that collection has closed, or that the cycle is cancelled. An update, not a
 * signal: it returns once the task has recorded it, so the cycle knows every task has taken it
 * before it records that it is closed or cancelled.
 */
export const closeCollectionUpdate = defineUpdate<TaskView, [Caller]>('closeCollection');
export const cancelTaskUpdate = defineUpdate<TaskView, [Caller & { reason: string }]>('cancelTask');
export const taskStateQuery = defineQuery<TaskState>('taskState');

export interface ExtendArgs extends Caller {
  readonly collectionDeadline: string;
}
export interface CycleView {
  readonly status: CycleState['status'];
  readonly collectionDeadline: string;
  readonly total: number;
  readonly final: number;
  readonly publishPending: boolean;
  readonly resultVersion: number;
}
export const extendDeadlineUpdate = defineUpdate<CycleView, [ExtendArgs]>('extendDeadline');
export const closeUpdate = defineUpdate<CycleView, [Caller]>('close');
export const cancelUpdate = defineUpdate<CycleView, [Caller & { reason: string }]>('cancel');
export const publishUpdate = defineUpdate<CycleView, [Caller]>('publish');
/** Takes a late submission as the response of a task that became non-response when collection closed; the cycle must be closed and unpublished. */
export const reopenTaskUpdate = defineUpdate<SubmitResult, [AcceptLateArgs & { taskId: string }]>('reopenTask');
export const taskFinishedSignal = defineSignal<[{ taskId: string; status: TaskStatus }]>('taskFinished');
export const cycleStateQuery = defineQuery<CycleView>('cycleState');

export const searchAttributes = {
  cycleId: defineSearchAttributeKey('CycleId', SearchAttributeType.KEYWORD),
  surveyCode: defineSearchAttributeKey('SurveyCode', SearchAttributeType.KEYWORD),
  areaCode: defineSearchAttributeKey('AreaCode', SearchAttributeType.KEYWORD),
  taskStatus: defineSearchAttributeKey('TaskStatus', SearchAttributeType.KEYWORD),
} as const;

/** A cycle replayed after a cache eviction may need more than Temporal's default 10 s. */
export const CYCLE_WORKFLOW_TASK_TIMEOUT = '1 minute';

export const workflowIds = {
  cycle: (cycleId: string) => `cycle/${cycleId}`,
  task: (taskId: string) => `task/${taskId}`,
} as const;

export interface TaskInput {
  readonly taskId: string;
  readonly cycleId: string;
  readonly surveyId: string;
  readonly unitId: string;
  readonly areaCode: string;
  readonly enumerator: string;
  readonly reviewLevels: string[];
  readonly dueAt: string;
  readonly correlationId: string;
  /** The questionnaire version; absent (1) for tasks launched before surveys had versions. */
  readonly version?: number;
  /** Absent (true) for tasks of cycles that still count their tasks by signal. */
  readonly signalWhenFinal?: boolean;
  /** True when the launch already recorded `TaskAssigned` (revision 0) from this input; absent for older launches. */
  readonly assigned?: boolean;
  /**
   * A run started again for a task that became non-response when collection closed, to take a
   * late submission as its response (domain/task/late.ts): its state comes from the log.
   */
  readonly reopen?: AcceptLateArgs;
  /**
   * Present when the worker that started the task sends mail: the task then writes to its
   * people (domain/task/notifications.ts), retrying as this says (the defaults when empty; tests
   * shorten it). Absent for tasks started without mail, and for every task started before.
   */
  readonly notify?: {
    readonly retry?: Partial<RetryPolicy>;
    /** False when nobody the task would write to had an address at the launch: no invitation is tried. */
    readonly invite?: boolean;
  };
}

export interface CycleInput {
  readonly cycleId: string;
  readonly surveyId: string;
  readonly surveyCode: string;
  /** The questionnaire version its tasks are given; absent (1) for cycles launched before versions. */
  readonly surveyVersion?: number;
  readonly period: string;
  readonly areaCodes: string[];
  readonly collectionDeadline: string;
  readonly autoPublish: boolean;
  readonly launchedBy: string;
  readonly correlationId: string;
  /** When to continue as new; the defaults suit production, tests lower them. */
  readonly limits?: { readonly maxHistory: number; readonly maxSignals: number; readonly finalsWaitMs?: number; readonly pageSize?: number };
}
