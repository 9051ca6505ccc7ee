import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import shared from 'nodemailer/lib/shared/index.js';
import { SmtpPool } from './smtp-pool.js';

/** Not a secret, so a default: the address people see messages come from. */
export const DEFAULT_MAIL_FROM = 'Thống kê <no-reply@survey-ops.local>';

export interface MailConfig {
  /** `smtp://host:port` or `smtps://user:password@host:port`, as nodemailer reads it. */
  readonly smtpUrl: string;
  readonly from: string;
}

export interface OutgoingMessage {
  readonly to: { readonly name: string; readonly address: string };
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  readonly messageId: string;
  readonly language: string;
}

/**
 * Why the mail server did not take a message. `permanent`: it refused the recipient (5xx) and
 * trying again will not help. `committed`: the failure came after the message was committed
 * (see `Mailer.send`) and without the server's answer, so the server may have it.
 */
export class MailError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
    readonly committed = false,
  ) {
    super(message);
  }
}

export interface Mailer {
  /** The domain of `from`, for Message-IDs. */
  readonly domain: string;
  /**
   * Sends a message and resolves once the server accepted it; throws a `MailError` otherwise.
   * `commit` is awaited once the server has taken the recipient and the message's text is on
   * its way, just before the final `.` that asks the server to keep it: from then on the server
   * may have the message whatever happens to this process. A failure before it means the server
   * does not have the message.
   */
  send(message: OutgoingMessage, commit: () => Promise<void>): Promise<void>;
  close(): void;
}

/** The message as its MIME text, with its Message-ID. */
function compose(from: string, message: OutgoingMessage): Promise<Buffer> {
  const node = new MailComposer({
    from,
    to: { name: message.to.name, address: message.to.address },
    subject: message.subject,
    text: message.text,
    html: message.html,
    messageId: message.messageId,
    headers: { 'Content-Language': message.language, 'Auto-Submitted': 'auto-generated' },
  }).compile();
  return new Promise((resolve, reject) => node.build((err, buf) => (err ? reject(err) : resolve(buf))));
}

/**
 * SMTP through a few pooled connections (notify/smtp-pool.ts). Its timeouts end a send well
 * inside the activity's 30 seconds, so an attempt that fails says why. The URL's query may
 * change any of these (`smtp://relay:587?maxConnections=8`).
 */
export function createMailer(config: MailConfig): Mailer {
  const pool = new SmtpPool({
    maxConnections: 4,
    connectionTimeout: 8000,
    greetingTimeout: 8000,
    socketTimeout: 15_000,
    ...shared.parseConnectionUrl(config.smtpUrl),
  });
  const domain = /@([^>\s]+)>?\s*$/.exec(config.from)?.[1] ?? 'survey-ops.local';
  const sender = /<([^>]+)>/.exec(config.from)?.[1] ?? config.from;
  return {
    domain,
    async send(message, commit) {
      const text = await compose(config.from, message);
      let committed = false;
      // The connection reads the text once the server has said to send it, then asks for more:
      // the commit runs before the stream ends, which is what makes the connection send the final `.`.
      const raw = () =>
        Readable.from(
          (async function* () {
            yield text;
            await commit();
            committed = true;
          })(),
          { objectMode: false },
        );
      try {
        const info = await pool.send({ from: sender, to: [message.to.address] }, raw);
        if (info.accepted.length === 0) throw new MailError(`the mail server refused ${message.to.address}: ${info.response}`, true);
      } catch (err) {
        if (err instanceof MailError) throw err;
        const e = err as { message?: string; responseCode?: number; code?: string };
        // The server answered (a recipient refused for good, 550 no such mailbox, is permanent); or no answer came.
        const answered = e.responseCode !== undefined;
        throw new MailError(e.message ?? String(err), answered && e.responseCode! >= 500 && e.code === 'EENVELOPE', committed && !answered);
      }
    },
    close() {
      pool.close();
    },
  };
}

/**
 * The Message-ID of one person's copy of one notice: derived, not random, so that a copy sent
 * again after a crash is recognisably the same message to the server, the reader's mail
 * program and the tests.
 */
export function messageIdFor(taskId: string, key: string, username: string, domain: string): string {
  const digest = createHash('sha256').update(`${taskId}\n${key}\n${username}`).digest('hex').slice(0, 40);
  return `<notice.${digest}@${domain}>`;
}
