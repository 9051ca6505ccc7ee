import type { CheckResult } from '../survey/checks.js';
import type { ResponseData } from '../survey/response.js';

export const TASK_STATUSES = [
  'assigned',
  'checks_failed',
  'in_review',
  'rejected',
  'approved',
  'non_response',
  'cancelled',
] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const FINAL_STATUSES: readonly TaskStatus[] = ['approved', 'non_response', 'cancelled'];
export const isFinal = (status: TaskStatus) => FINAL_STATUSES.includes(status);
/** Statuses from which the enumerator may (re)submit. */
export const OPEN_STATUSES: readonly TaskStatus[] = ['assigned', 'checks_failed', 'rejected'];

export type TaskAssigned = {
  type: 'TaskAssigned';
  data: {
    taskId: string;
    cycleId: string;
    surveyId: string;
    unitId: string;
    areaCode: string;
    enumerator: string;
    reviewLevels: string[];
    dueAt: string;
    /** The questionnaire version the task is answered against. */
    version: number;
  };
};
export type ResponseSubmitted = {
  type: 'ResponseSubmitted';
  data: {
    submissionId: string;
    /** What the evaluator keeps: relevant answers and calculations. */
    data: ResponseData;
    by: string;
    /** The questionnaire version the answers were given against. */
    version: number;
    /** The enumerator's explanations of warnings, by check (`id`, or `id@persons[2]` for a row). */
    explanations: Record<string, string>;
  };
};
export type ChecksFailed = { type: 'ChecksFailed'; data: { failed: CheckResult[]; warnings: CheckResult[] } };
export type ChecksPassed = { type: 'ChecksPassed'; data: { warnings: CheckResult[]; reviewLevel: string } };
export type ReviewApproved = { type: 'ReviewApproved'; data: { level: string; by: string; comment: string; nextLevel: string | null } };
export type TaskApproved = { type: 'TaskApproved'; data: Record<string, never> };
export type TaskRejected = { type: 'TaskRejected'; data: { level: string; by: string; comment: string } };
export type TaskReassigned = { type: 'TaskReassigned'; data: { from: string; to: string; by: string } };
export type TaskDueChanged = { type: 'TaskDueChanged'; data: { from: string; to: string } };
export type TaskReminded = { type: 'TaskReminded'; data: { enumerator: string; dueAt: string } };
export type TaskOverdue = { type: 'TaskOverdue'; data: { enumerator: string; dueAt: string; alerted: string[] } };
export type TaskCollectionClosed = { type: 'TaskCollectionClosed'; data: Record<string, never> };
/** `late_checks_failed`: a late submission accepted after collection closed failed its checks, and nobody may correct it now. */
export type TaskNonResponse = { type: 'TaskNonResponse'; data: { reason: 'collection_closed' | 'rejected_after_close' | 'late_checks_failed' } };
export type TaskCancelled = { type: 'TaskCancelled'; data: { reason: string } };
/** Moved to a newer questionnaire version before any accepted submission; its answers carry over by item path. */
export type TaskUpgraded = { type: 'TaskUpgraded'; data: { from: number; to: number; by: string } };
/**
 * A supervisor took a late submission (domain/task/late.ts) as the task's response: recorded with
 * the `ResponseSubmitted` it becomes and that submission's checks.
 */
export type LateSubmissionAccepted = { type: 'LateSubmissionAccepted'; data: { lateId: string; by: string; submittedBy: string } };

/** Why people are written to about a task (domain/task/notifications.ts). */
export const NOTIFICATION_REASONS = ['invitation', 'reminder', 'overdue', 'rejection', 'receipt'] as const;
export type NotificationReason = (typeof NOTIFICATION_REASONS)[number];
/**
 * A message about the task reached the mail server: `key` names the occasion (`invitation`,
 * `reminder:<dueAt>`, `rejection:<revision>`, `receipt:<submissionId>`…), at most once per task;
 * `to` the usernames written to, `messageIds` the Message-ID of each one's copy, in the same order
 * (each person gets a copy of their own, in their language, without the others' addresses).
 */
export type NotificationSent = {
  type: 'NotificationSent';
  /** `unconfirmed`: those whose copy went out but whose acceptance the mail server never confirmed (a crash or a broken connection after it); never sent twice. */
  data: { key: string; reason: NotificationReason; to: string[]; messageIds: string[]; unconfirmed?: string[] };
};
/** An attempt to send one failed; `nextAttemptAt` is null when no attempt follows (given up). Neither changes the task. */
export type NotificationFailed = {
  type: 'NotificationFailed';
  data: { key: string; reason: NotificationReason; attempt: number; error: string; nextAttemptAt: string | null };
};

export type TaskEvent =
  | TaskAssigned
  | ResponseSubmitted
  | ChecksFailed
  | ChecksPassed
  | ReviewApproved
  | TaskApproved
  | TaskRejected
  | TaskReassigned
  | TaskDueChanged
  | TaskReminded
  | TaskOverdue
  | TaskCollectionClosed
  | TaskNonResponse
  | TaskCancelled
  | TaskUpgraded
  | LateSubmissionAccepted
  | NotificationSent
  | NotificationFailed;

export type TaskEventType = TaskEvent['type'];
