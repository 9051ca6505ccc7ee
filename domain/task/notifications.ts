import type { NotificationReason, TaskEvent } from './events.js';

/**
 * What is written to people about a task, and when. Pure, so the task workflow can decide
 * it while replaying: the recorded events say what happened, and each occasion gets a key of
 * its own that a task's stream records as sent at most once.
 */
export interface Notice {
  /** Names the occasion within the task: `invitation`, `reminder:<dueAt>`, `overdue:<dueAt>`, `rejection:<revision>`, `receipt:<submissionId>`. */
  readonly key: string;
  readonly reason: NotificationReason;
}

/** The notices that events just recorded call for; `revision` is that of the first of them. */
export function noticesFor(events: readonly TaskEvent[], revision: number): Notice[] {
  const notices: Notice[] = [];
  let submitted: string | null = null;
  events.forEach((event, i) => {
    switch (event.type) {
      case 'TaskAssigned':
        notices.push({ key: 'invitation', reason: 'invitation' });
        break;
      case 'TaskReminded':
        notices.push({ key: `reminder:${event.data.dueAt}`, reason: 'reminder' });
        break;
      case 'TaskOverdue':
        notices.push({ key: `overdue:${event.data.dueAt}`, reason: 'overdue' });
        break;
      case 'TaskRejected':
        notices.push({ key: `rejection:${revision + i}`, reason: 'rejection' });
        break;
      case 'ResponseSubmitted':
        submitted = event.data.submissionId;
        break;
      // A submission is accepted when its checks pass; one refused by them gets its errors on screen, not a receipt.
      case 'ChecksPassed':
        if (submitted !== null) notices.push({ key: `receipt:${submitted}`, reason: 'receipt' });
        submitted = null;
        break;
      default:
        break;
    }
  });
  return notices;
}

/** How hard a notice is tried: the first retry's wait, doubled at each failure up to `maxRetryMs`, for `giveUpAfterMs`. */
export interface RetryPolicy {
  readonly firstRetryMs: number;
  readonly maxRetryMs: number;
  /** From the first attempt: a mail server down for longer loses the message (recorded as given up). */
  readonly giveUpAfterMs: number;
  /**
   * Once the task is final its workflow would end but for the notices still being tried: they get
   * this long more, so that a final receipt or rejection still goes out after a short outage, and
   * a finished task does not wait two days for a mail server.
   */
  readonly afterFinalMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  firstRetryMs: 30_000,
  maxRetryMs: 30 * 60_000,
  giveUpAfterMs: 48 * 3600_000,
  afterFinalMs: 3600_000,
};

/** The wait after failed attempt number `attempt` (1 for the first): 30 s, 1 min, 2 min … 30 min by default. */
export function retryDelay(attempt: number, policy: RetryPolicy): number {
  return Math.min(policy.firstRetryMs * 2 ** Math.min(attempt - 1, 30), policy.maxRetryMs);
}

/**
 * Whether a notice still matters to a task with this status: an invitation, a reminder or an
 * overdue notice asks for work that a final task no longer takes; a rejection or a receipt
 * tells what happened, and is still worth sending.
 */
export function stillWanted(reason: NotificationReason, final: boolean): boolean {
  return !final || reason === 'rejection' || reason === 'receipt';
}
