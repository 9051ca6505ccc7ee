import { refusal } from '../problems.js';
import type { CheckOutcome } from '../survey/checks.js';
import type { ResponseData } from '../survey/response.js';
import { isFinal, OPEN_STATUSES, type TaskEvent } from './events.js';
import { reviewLevelName, type TaskState } from './state.js';

export type TaskCommand =
  | { type: 'Submit'; submissionId: string; data: ResponseData; by: string; outcome: CheckOutcome; explanations: Record<string, string>; forUnit?: boolean }
  | { type: 'Review'; decision: 'approve' | 'reject'; level: string; comment: string; by: string }
  | { type: 'Reassign'; to: string; by: string }
  | { type: 'ChangeDue'; to: string }
  | { type: 'Remind' }
  | { type: 'MarkOverdue'; alerted: string[] }
  | { type: 'CloseCollection' }
  | { type: 'Cancel'; reason: string }
  | { type: 'Upgrade'; to: number; by: string }
  | { type: 'AcceptLate'; lateId: string; data: ResponseData; submittedBy: string; by: string; outcome: CheckOutcome; explanations: Record<string, string>; reopen?: boolean };

/** Refuses a submission the state does not allow; shared by `decide` and the workflow's update validator. */
/** `forUnit`: the caller answers for the task's unit (a respondent), so it need not be the one the task names. */
export function assertCanSubmit(state: TaskState, by: string, forUnit = false): void {
  if (!forUnit && by !== state.enumerator) throw refusal('task.not_yours');
  if (!state.collectionOpen) throw refusal('task.collection_closed');
  if (!OPEN_STATUSES.includes(state.status)) throw refusal('task.not_submittable', { status: state.status });
}

export function assertCanReview(state: TaskState, level: string, decision: 'approve' | 'reject', comment: string): void {
  const current = reviewLevelName(state);
  if (current === null) throw refusal('task.not_in_review', { status: state.status });
  if (current !== level) throw refusal('task.review_elsewhere', { current, level });
  if (decision === 'reject' && comment.trim() === '') throw refusal('task.reject_needs_comment', {}, [{ path: 'comment', message: 'is required to reject', code: 'required' }]);
}

export function assertCanReassign(state: TaskState, to: string): void {
  if (isFinal(state.status)) throw refusal('task.not_reassignable', { status: state.status });
  if (to === state.enumerator) throw refusal('task.already_assigned', { enumerator: to });
}

/**
 * A late submission becomes the response of a task still waiting for one while collection is
 * open, or (`reopen`) of one that became non-response when collection closed.
 */
export function assertCanAcceptLate(state: TaskState, reopen = false): void {
  if (reopen) {
    if (state.status !== 'non_response' || state.collectionOpen) throw refusal('late.task_answered', { id: state.id, status: state.status });
    return;
  }
  if (!state.collectionOpen) throw refusal('task.collection_closed');
  if (!OPEN_STATUSES.includes(state.status)) throw refusal('late.task_answered', { id: state.id, status: state.status });
}

/** A task moves to a newer version while it has no accepted submission and collection is open. */
export function canUpgrade(state: TaskState, to: number): boolean {
  return OPEN_STATUSES.includes(state.status) && state.collectionOpen && to > state.version;
}

export function decideTask(command: TaskCommand, state: TaskState): TaskEvent[] {
  switch (command.type) {
    case 'Submit': {
      assertCanSubmit(state, command.by, command.forUnit);
      const submitted: TaskEvent = {
        type: 'ResponseSubmitted',
        data: { submissionId: command.submissionId, data: command.data, by: command.by, version: state.version, explanations: command.explanations },
      };
      const { failed, warnings } = command.outcome;
      if (failed.length > 0) return [submitted, { type: 'ChecksFailed', data: { failed, warnings } }];
      return [submitted, { type: 'ChecksPassed', data: { warnings, reviewLevel: state.reviewLevels[0] ?? '' } }];
    }
    case 'AcceptLate': {
      assertCanAcceptLate(state, command.reopen);
      const accepted: TaskEvent = { type: 'LateSubmissionAccepted', data: { lateId: command.lateId, by: command.by, submittedBy: command.submittedBy } };
      // It goes on as the holder's own submission would: the same events, checks and review.
      const submitted: TaskEvent = {
        type: 'ResponseSubmitted',
        data: { submissionId: `late:${command.lateId}`, data: command.data, by: command.submittedBy, version: state.version, explanations: command.explanations },
      };
      const { failed, warnings } = command.outcome;
      if (failed.length === 0) return [accepted, submitted, { type: 'ChecksPassed', data: { warnings, reviewLevel: state.reviewLevels[0] ?? '' } }];
      const checked: TaskEvent = { type: 'ChecksFailed', data: { failed, warnings } };
      // After collection closed nobody may correct it: the task is non-response again.
      return state.collectionOpen ? [accepted, submitted, checked] : [accepted, submitted, checked, { type: 'TaskNonResponse', data: { reason: 'late_checks_failed' } }];
    }
    case 'Review': {
      assertCanReview(state, command.level, command.decision, command.comment);
      if (command.decision === 'reject') {
        const rejected: TaskEvent = { type: 'TaskRejected', data: { level: command.level, by: command.by, comment: command.comment } };
        return state.collectionOpen ? [rejected] : [rejected, { type: 'TaskNonResponse', data: { reason: 'rejected_after_close' } }];
      }
      const nextLevel = state.reviewLevels[state.levelIndex + 1] ?? null;
      const approved: TaskEvent = {
        type: 'ReviewApproved',
        data: { level: command.level, by: command.by, comment: command.comment, nextLevel },
      };
      return nextLevel === null ? [approved, { type: 'TaskApproved', data: {} }] : [approved];
    }
    case 'Reassign':
      assertCanReassign(state, command.to);
      return [{ type: 'TaskReassigned', data: { from: state.enumerator, to: command.to, by: command.by } }];
    case 'ChangeDue':
      return isFinal(state.status) || state.dueAt === command.to ? [] : [{ type: 'TaskDueChanged', data: { from: state.dueAt, to: command.to } }];
    case 'Remind':
      return OPEN_STATUSES.includes(state.status) && state.collectionOpen
        ? [{ type: 'TaskReminded', data: { enumerator: state.enumerator, dueAt: state.dueAt } }]
        : [];
    case 'MarkOverdue':
      return isFinal(state.status) || state.overdue
        ? []
        : [{ type: 'TaskOverdue', data: { enumerator: state.enumerator, dueAt: state.dueAt, alerted: command.alerted } }];
    case 'CloseCollection': {
      if (isFinal(state.status) || !state.collectionOpen) return [];
      const closed: TaskEvent = { type: 'TaskCollectionClosed', data: {} };
      return OPEN_STATUSES.includes(state.status)
        ? [closed, { type: 'TaskNonResponse', data: { reason: 'collection_closed' } }]
        : [closed];
    }
    case 'Cancel':
      return isFinal(state.status) ? [] : [{ type: 'TaskCancelled', data: { reason: command.reason } }];
    case 'Upgrade':
      // Only a task with no accepted submission moves; one in review or done keeps the version it was answered in.
      return canUpgrade(state, command.to) ? [{ type: 'TaskUpgraded', data: { from: state.version, to: command.to, by: command.by } }] : [];
    default: {
      const _exhaustive: never = command;
      return _exhaustive;
    }
  }
}
