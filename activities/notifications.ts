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
  | { readonly status: 'sent'; readonly to: string[]; readonly messageIds: string[] }
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
   * and answers what happened; the workflow records it. It never sends a notice twice:
   *
   * 1. a notice the task's stream records as sent is not sent again;
   * 2. each copy has a Message-ID derived from the task, the notice and the person;
   * 3. each copy the mail server accepts goes into the ledger (notify/ledger.ts) at once, and a
   *    copy the ledger holds is not sent again: a worker that dies after sending, before the
   *    workflow records `NotificationSent`, leaves it there for the retry to find.
   *
   * What remains, since SMTP cannot be asked whether it has a message: a copy the server has
   * stored but whose answer (`250`) the worker never acted on, because it died between the two
   * or the connection broke, is sent again by the next attempt, with the same Message-ID. The
   * window is the time from the server storing the copy to the ledger's write: the answer's trip
   * and the worker's event loop getting to it, milliseconds when idle, about a tenth of a second
   * on a saturated machine; at most one copy per pooled connection can be in it at a crash. In
   * bench/notify.bench.ts a worker killed (SIGKILL) halfway through 10,000 invitations sent one
   * of them twice, stored by Mailpit 0.1 s before the kill. Also an attempt Temporal gave up on
   * for missing heartbeats (a worker stalled for 10 s, not dead) that is still sending when the
   * next attempt does. Mail programs and servers that drop repeated Message-IDs show such a copy once.
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
    const context: Omit<MessageContext, 'recipientName'> = {
      reason: input.reason,
      survey: survey.title,
      period: await periodOf(task.cycleId),
      unit: directory.unit(task.unitId)?.name ?? task.unitId,
      dueAt: input.reason === 'reminder' || input.reason === 'overdue' ? afterColon(input.key) : task.dueAt,
      taskUrl: `${base}/#/tasks/${encodeURIComponent(input.taskId)}`,
    };
    if (input.reason === 'rejection') {
      const rejected = events.find((e) => e.revision === Number(afterColon(input.key)) && e.type === 'TaskRejected');
      const data = rejected?.data as { comment: string; level: string } | undefined;
      Object.assign(context, { rejection: { comment: data?.comment ?? '', level: data?.level ?? '' } });
    }
    if (input.reason === 'receipt') {
      const submissionId = afterColon(input.key);
      const submitted = events.find((e) => e.type === 'ResponseSubmitted' && (e.data as { submissionId: string }).submissionId === submissionId);
      const id = submitted && mail.receiptId ? mail.receiptId(submitted) : null;
      Object.assign(context, { receipt: { at: submitted?.metadata.at ?? new Date().toISOString(), id, url: id ? `${base}/#/receipts/${encodeURIComponent(id)}` : null } });
    }

    const messageIds = people.map((person) => messageIdFor(input.taskId, input.key, person.username, mail.mailer.domain));
    const accepted = await mail.ledger.accepted(messageIds);
    // A send that stalls still says this attempt is alive (the timeout is 10 s); a worker that died stops saying so.
    const beat = setInterval(heartbeat, 4000);
    const errors: { username: string; error: string; permanent: boolean }[] = [];
    try {
      await Promise.all(
        people.map(async (person, i) => {
          const messageId = messageIds[i]!;
          if (accepted.has(messageId)) return;
          const message = renderMessage({ ...context, recipientName: person.name }, person.language);
          try {
            await mail.mailer.send({ to: { name: person.name, address: person.email }, ...message, messageId, language: person.language });
          } catch (err) {
            errors.push({ username: person.username, error: err instanceof Error ? err.message : String(err), permanent: err instanceof MailError && err.permanent });
            return;
          }
          await mail.ledger.record({ messageId, taskId: input.taskId, key: input.key, username: person.username });
        }),
      );
    } finally {
      clearInterval(beat);
    }
    if (errors.length > 0) {
      return { status: 'failed', error: errors.map((e) => `${e.username}: ${e.error}`).join('; ').slice(0, 1000), permanent: errors.every((e) => e.permanent) };
    }
    return { status: 'sent', to: people.map((person) => person.username), messageIds };
  }

  return { send };
}
