import { condition, proxyActivities } from '@temporalio/workflow';
import type { TaskEvent, TaskStatus } from '../domain/task/events.js';
import { DEFAULT_RETRY, retryDelay, stillWanted, type Notice } from '../domain/task/notifications.js';
import type { Activities } from '../activities/index.js';
import type { SendOutcome } from '../activities/notifications.js';
import type { TaskInput } from './definitions.js';

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

/** What the notices need of their task's workflow. */
export interface NoticeHost {
  readonly taskId: string;
  readonly notify: NonNullable<TaskInput['notify']>;
  readonly status: () => TaskStatus;
  readonly final: () => boolean;
  /** Appends under the task's lock, as the system. */
  readonly record: (events: TaskEvent[]) => Promise<void>;
}

/**
 * A task's notices (domain/task/notifications.ts): each is tried in a loop of its own, outside
 * the task's lock while the mail server is talked to, and each outcome is recorded under it.
 */
export class Notices {
  readonly #host: NoticeHost;
  readonly #retry;
  readonly #noticed = new Set<string>();
  #sending = 0;
  /** When the task last became final; null while it is not. */
  #finalAt: number | null = null;

  constructor(host: NoticeHost) {
    this.#host = host;
    this.#retry = { ...DEFAULT_RETRY, ...host.notify.retry };
    void (async () => {
      for (;;) {
        await condition(host.final);
        this.#finalAt = Date.now();
        // A non-response task may be reopened for a late submission.
        await condition(() => !host.final());
        this.#finalAt = null;
      }
    })();
  }

  /** Notices still being tried: the workflow ends once there are none. */
  get pending(): number {
    return this.#sending;
  }

  /** Starts trying a notice, unless this run has already taken it up. */
  add(notice: Notice): void {
    if (this.#noticed.has(notice.key) || (notice.reason === 'invitation' && this.#host.notify.invite === false)) return;
    this.#noticed.add(notice.key);
    this.#sending += 1;
    void this.#deliver(notice).finally(() => {
      this.#sending -= 1;
    });
  }

  #recordFailure(notice: Notice, attempt: number, error: string, nextAttemptAt: number | null): Promise<void> {
    const next = nextAttemptAt === null ? null : new Date(nextAttemptAt).toISOString();
    return this.#host.record([{ type: 'NotificationFailed', data: { key: notice.key, reason: notice.reason, attempt, error, nextAttemptAt: next } }]);
  }

  /**
   * Tries a notice until the mail server takes it, refuses it for good, or the policy gives up:
   * `giveUpAfterMs` after the first attempt, or `afterFinalMs` after the task became final (a
   * wait that would end later is cut short for one last attempt). An invitation, reminder or
   * overdue notice of a task that became final meanwhile is dropped.
   */
  async #deliver(notice: Notice): Promise<void> {
    const host = this.#host;
    const retry = this.#retry;
    const started = Date.now();
    const deadline = () => Math.min(started + retry.giveUpAfterMs, this.#finalAt === null ? Infinity : this.#finalAt + retry.afterFinalMs);
    const wanted = () => stillWanted(notice.reason, host.final());
    for (let attempt = 1; ; attempt++) {
      if (!wanted()) {
        if (attempt > 1) await this.#recordFailure(notice, attempt - 1, `not sent: the task is ${host.status()}`, null);
        return;
      }
      let outcome: SendOutcome;
      try {
        outcome = await sendNotification({ taskId: host.taskId, key: notice.key, reason: notice.reason });
      } catch (err) {
        outcome = { status: 'failed', error: failureText(err), permanent: false };
      }
      if (outcome.status === 'sent') {
        const { to, messageIds, unconfirmed } = outcome;
        await host.record([{ type: 'NotificationSent', data: { key: notice.key, reason: notice.reason, to, messageIds, ...(unconfirmed ? { unconfirmed } : {}) } }]);
        return;
      }
      if (outcome.status !== 'failed') return;
      const next = Date.now() + retryDelay(attempt, retry);
      const again = !outcome.permanent && next <= deadline();
      await this.#recordFailure(notice, attempt, outcome.error, again ? next : null);
      if (!again) return;
      if (next > Date.now()) await condition(() => !wanted() || deadline() < next, next - Date.now());
    }
  }
}
