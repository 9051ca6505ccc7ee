import { Context } from '@temporalio/activity';
import { streams } from '../domain/events.js';
import type { NotificationReason } from '../domain/task/events.js';
import type { RetryPolicy } from '../domain/task/notifications.js';
import type { EventStore, RecordedEvent } from '../eventstore/port.js';
import type { SentLedger } from '../notify/ledger.js';
import { MailError, messageIdFor, type Mailer } from '../notify/mailer.js';
import { renderMessage, type MessageContext } from '../notify/messages.js';
import { recipientsOf } from '../notify/recipients.js';
import { foldTask } from '../projections/history.js';
import type { Directory } from './directory.js';
import { loadSurvey } from './surveys.js';

/** Mail as the worker sends it; absent when `SMTP_URL` is not set, and then nothing is sent or tried. */
export interface MailDeps {
  readonly mailer: Mailer;
  readonly ledger: SentLedger;
  /** Where the app is reached, for links: `PUBLIC_URL`. */
  readonly publicUrl: string;
  /** A submission's receipt id (api/receipts.ts, keyed by the server's secret); without it a receipt names no id. */
  readonly receiptId?: (event: RecordedEvent) => string;
  /** Given to each task the launch starts (`TaskInput.notify`); the defaults of domain/task/notifications.ts when absent. */
  readonly retry?: Partial<RetryPolicy>;
}

export interface SendInput {
  readonly taskId: string;
  readonly key: string;
  readonly reason: NotificationReason;
}

export type SendOutcome =
  /** `unconfirmed`: those whose copy the server may or may not have (no answer came): not sent again. */
  | { readonly status: 'sent'; readonly to: string[]; readonly messageIds: string[]; readonly unconfirmed?: string[] }
  /** The task's stream already says it was sent: nothing to record. */
  | { readonly status: 'recorded' }
  /** Mail is off on this worker, or nobody to write to has an address: nothing sent, nothing to record. */
  | { readonly status: 'skipped'; readonly why: 'mail_off' | 'nobody' }
  | { readonly status: 'failed'; readonly error: string; readonly permanent: boolean };

const afterColon = (key: string) => key.slice(key.indexOf(':') + 1);

export interface NotifierDeps {
  readonly store: EventStore;
  readonly directory: Pick<Directory, 'respondentsOf' | 'user' | 'unit'>;
  readonly mail: MailDeps | null;
}

/** The `sendNotification` activity: the notifier, saying it is alive while it sends. */
export function createSendNotification(deps: NotifierDeps) {
  const notifier = createNotifier(deps);
  return function sendNotification(input: SendInput): Promise<SendOutcome> {
    const context = Context.current();
    return notifier.send(input, () => context.heartbeat());
  };
}

export function createNotifier(deps: NotifierDeps) {
  const { store, directory, mail } = deps;
  const periods = new Map<string, string>();

  async function periodOf(cycleId: string): Promise<string> {
    let period = periods.get(cycleId);
    if (period === undefined) {
      const [launched] = await store.readStream(streams.cycle(cycleId), { maxCount: 1 });
      period = (launched?.data as { period?: string } | undefined)?.period ?? '';
      periods.set(cycleId, period);
    }
    return period;
  }

  /**
   * Writes one notice to the people of its task, each their own copy in their own language,
   * and answers what happened; the workflow records it. It never sends a copy twice:
   *
   * 1. a notice the task's stream records as sent is not sent again;
   * 2. each copy has a Message-ID derived from the task, the notice and the person;
   * 3. each copy goes into the ledger (notify/ledger.ts) as `committed` just before the final
   *    `.` of its SMTP transaction asks the server to keep it, and `accepted` when the server
   *    says it has. A copy the ledger holds is not sent again: not when a worker dies after the
   *    server took it and before the workflow recorded `NotificationSent`, nor when it dies (or
   *    the connection breaks) after the `.` and before the server's answer. Such a copy, which
   *    the server most likely has but never confirmed, is named in `NotificationSent`'s
   *    `unconfirmed`.
   *
   * What remains is the other way round, a copy that may be lost rather than sent twice: a
   * worker that dies in the instant between the ledger's write and the `.` leaving it (the
   * same turn of its event loop, well under a millisecond), or a server that refuses the
   * message after its `.` (a 5xx after DATA) while the worker is dead, leaves a copy the
   * ledger calls committed that the server does not have. SMTP cannot be asked whether it has
   * a message; at-most-once is the side this takes, since the spec wants no message twice.
   * Also an attempt Temporal gave up on for missing heartbeats (a worker stalled for 10 s, not
   * dead) that is still sending while the next attempt does: both may send a copy the ledger
   * did not yet hold.
   */
  async function send(input: SendInput, heartbeat: () => void): Promise<SendOutcome> {
    if (!mail) return { status: 'skipped', why: 'mail_off' };
    const events = await store.readStream(streams.task(input.taskId));
    if (events.some((e) => e.type === 'NotificationSent' && (e.data as { key: string }).key === input.key)) return { status: 'recorded' };
    const task = foldTask(events);
    const people = recipientsOf({ respondentsOf: (unitId) => directory.respondentsOf(unitId), user: (username) => directory.user(username) }, task);
    if (people.length === 0) return { status: 'skipped', why: 'nobody' };

    const base = mail.publicUrl.replace(/\/+$/, '');
    const survey = await loadSurvey(store, task.surveyId, task.version);
    /** What only a rejection or a receipt says: the reviewer's comment, the receipt. */
    const details = (): Pick<MessageContext, 'rejection' | 'receipt'> => {
      if (input.reason === 'rejection') {
        const rejected = events.find((e) => e.revision === Number(afterColon(input.key)) && e.type === 'TaskRejected');
        const data = rejected?.data as { comment: string; level: string } | undefined;
        return { rejection: { comment: data?.comment ?? '', level: data?.level ?? '' } };
      }
      if (input.reason === 'receipt') {
        const submissionId = afterColon(input.key);
        const submitted = events.find((e) => e.type === 'ResponseSubmitted' && (e.data as { submissionId: string }).submissionId === submissionId);
        const id = submitted && mail.receiptId ? mail.receiptId(submitted) : null;
        return { receipt: { at: submitted?.metadata.at ?? new Date().toISOString(), id, url: id ? `${base}/#/receipts/${encodeURIComponent(id)}` : null } };
      }
      return {};
    };
    const context: Omit<MessageContext, 'recipientName'> = {
      reason: input.reason,
      survey: survey.title,
      period: await periodOf(task.cycleId),
      unit: directory.unit(task.unitId)?.name ?? task.unitId,
      dueAt: input.reason === 'reminder' || input.reason === 'overdue' ? afterColon(input.key) : task.dueAt,
      taskUrl: `${base}/#/tasks/${encodeURIComponent(input.taskId)}`,
      ...details(),
    };

    const messageIds = people.map((person) => messageIdFor(input.taskId, input.key, person.username, mail.mailer.domain));
    const known = await mail.ledger.states(messageIds);
    // A send that stalls still says this attempt is alive (the timeout is 10 s); a worker that died stops saying so.
    const beat = setInterval(heartbeat, 4000);
    const errors: { username: string; error: string; permanent: boolean }[] = [];
    const unconfirmed = new Set<string>();
    try {
      await Promise.all(
        people.map(async (person, i) => {
          const messageId = messageIds[i]!;
          const state = known.get(messageId);
          if (state === 'accepted') return;
          // Committed by an attempt that got no answer: the server may have it, so it is not sent again.
          if (state === 'committed') return void unconfirmed.add(person.username);
          const copy = { messageId, taskId: input.taskId, key: input.key, username: person.username };
          const message = renderMessage({ ...context, recipientName: person.name }, person.language);
          try {
            await mail.mailer.send({ to: { name: person.name, address: person.email }, ...message, messageId, language: person.language }, () => mail.ledger.committed(copy));
          } catch (err) {
            const failure = err instanceof MailError ? err : new MailError(String(err), false);
            if (failure.committed) return void unconfirmed.add(person.username);
            // The server answered that it does not take it (after the final `.` or before): it may be sent again.
            await mail.ledger.refused(messageId);
            errors.push({ username: person.username, error: failure.message, permanent: failure.permanent });
            return;
          }
          await mail.ledger.accepted(messageId);
        }),
      );
    } finally {
      clearInterval(beat);
    }
    if (errors.length > 0) {
      return { status: 'failed', error: errors.map((e) => `${e.username}: ${e.error}`).join('; ').slice(0, 1000), permanent: errors.every((e) => e.permanent) };
    }
    const doubtful = people.filter((person) => unconfirmed.has(person.username)).map((person) => person.username);
    return { status: 'sent', to: people.map((person) => person.username), messageIds, ...(doubtful.length > 0 ? { unconfirmed: doubtful } : {}) };
  }

  return { send };
}
