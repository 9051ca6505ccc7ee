import type { CheckResult } from '../survey/checks.js';
import type { ResponseData } from '../survey/response.js';
import type { TaskEvent, TaskStatus } from './events.js';

export interface ReviewEntry {
  readonly level: string;
  readonly decision: 'approve' | 'reject';
  readonly by: string;
  readonly comment: string;
  readonly at: string;
}

export interface TaskState {
  readonly id: string;
  readonly cycleId: string;
  readonly surveyId: string;
  readonly unitId: string;
  readonly areaCode: string;
  readonly enumerator: string;
  readonly status: TaskStatus;
  readonly reviewLevels: readonly string[];
  /** Index into `reviewLevels` of the level now reviewing; -1 when not in review. */
  readonly levelIndex: number;
  readonly dueAt: string;
  readonly overdue: boolean;
  readonly collectionOpen: boolean;
  readonly response: ResponseData | null;
  /** The response before the last submission, for reviewers to see what changed. */
  readonly previousResponse: ResponseData | null;
  readonly explanations: Readonly<Record<string, string>>;
  /** The questionnaire version the task is answered against. */
  readonly version: number;
  readonly failed: readonly CheckResult[];
  readonly warnings: readonly CheckResult[];
  readonly trail: readonly ReviewEntry[];
  readonly submissions: number;
  /** Late submissions taken as the response (absent from states stored before there were any). */
  readonly lateAccepted?: readonly string[];
  /** Revision of the last event folded in; -1 before the first. */
  readonly revision: number;
}

export const initialTaskState: TaskState = {
  id: '',
  cycleId: '',
  surveyId: '',
  unitId: '',
  areaCode: '',
  enumerator: '',
  status: 'assigned',
  reviewLevels: [],
  levelIndex: -1,
  dueAt: '',
  overdue: false,
  collectionOpen: true,
  response: null,
  previousResponse: null,
  explanations: {},
  version: 1,
  failed: [],
  warnings: [],
  trail: [],
  submissions: 0,
  revision: -1,
};

export function reviewLevelName(state: TaskState): string | null {
  return state.status === 'in_review' ? (state.reviewLevels[state.levelIndex] ?? null) : null;
}

/** Folds one event into the state. `at` is the event's time, kept in the review trail. */
export function evolveTask(state: TaskState, event: TaskEvent, at = ''): TaskState {
  const next = { ...state, revision: state.revision + 1 };
  switch (event.type) {
    case 'TaskAssigned':
      return { ...next, ...event.data, id: event.data.taskId, status: 'assigned' };
    case 'ResponseSubmitted':
      return {
        ...next,
        response: event.data.data,
        previousResponse: state.response,
        explanations: event.data.explanations,
        submissions: state.submissions + 1,
        failed: [],
        warnings: [],
      };
    case 'ChecksFailed':
      return { ...next, status: 'checks_failed', failed: event.data.failed, warnings: event.data.warnings };
    case 'ChecksPassed':
      return { ...next, status: 'in_review', levelIndex: 0, warnings: event.data.warnings };
    case 'ReviewApproved': {
      const trail = [...state.trail, { level: event.data.level, decision: 'approve' as const, by: event.data.by, comment: event.data.comment, at }];
      return { ...next, trail, levelIndex: event.data.nextLevel === null ? state.levelIndex : state.levelIndex + 1 };
    }
    case 'TaskApproved':
      return { ...next, status: 'approved', levelIndex: -1 };
    case 'TaskRejected': {
      const trail = [...state.trail, { level: event.data.level, decision: 'reject' as const, by: event.data.by, comment: event.data.comment, at }];
      return { ...next, trail, status: 'rejected', levelIndex: -1 };
    }
    case 'TaskReassigned':
      return { ...next, enumerator: event.data.to };
    case 'TaskDueChanged':
      return { ...next, dueAt: event.data.to, overdue: false };
    case 'TaskReminded':
      return next;
    case 'TaskOverdue':
      return { ...next, overdue: true };
    case 'TaskCollectionClosed':
      return { ...next, collectionOpen: false };
    case 'TaskNonResponse':
      return { ...next, status: 'non_response', levelIndex: -1 };
    case 'TaskCancelled':
      return { ...next, status: 'cancelled', levelIndex: -1 };
    case 'TaskUpgraded':
      return { ...next, version: event.data.to };
    case 'LateSubmissionAccepted':
      return { ...next, lateAccepted: [...(state.lateAccepted ?? []), event.data.lateId] };
    // What was sent, or not, about the task: the task itself is as it was.
    case 'NotificationSent':
    case 'NotificationFailed':
      return next;
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
}
