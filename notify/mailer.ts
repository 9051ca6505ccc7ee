import { createHash } from 'node:crypto';
import nodemailer from 'nodemailer';
import shared from 'nodemailer/lib/shared/index.js';
import type SMTPPool from 'nodemailer/lib/smtp-pool/index.js';

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

/** Why the mail server would not take a message; `permanent` when it refused the recipient (5xx) and trying again will not help. */
export class MailError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
  }
}

export interface Mailer {
  /** The domain of `from`, for Message-IDs. */
  readonly domain: string;
  /** Resolves once the server accepted the message; throws a `MailError` otherwise. */
  send(message: OutgoingMessage): Promise<void>;
  close(): void;
}

/**
 * SMTP through one pooled transport: a few connections kept open and reused, so a cycle's
 * thousands of invitations do not each pay a connection and a greeting. Its timeouts end a
 * send well inside the activity's 30 seconds, so an attempt that fails says why. The URL's
 * query may change any of these (`smtp://relay:587?maxConnections=8`). Each connection is one
 * message that a crash at the wrong moment may leave sent but not known to be (see
 * activities/notifications.ts): more connections, more such messages at most per crash.
 */
export function createMailer(config: MailConfig): Mailer {
  const options: SMTPPool.Options = {
    maxConnections: 4,
    connectionTimeout: 8000,
    greetingTimeout: 8000,
    socketTimeout: 15_000,
    ...shared.parseConnectionUrl(config.smtpUrl),
    pool: true,
  };
  const transport = nodemailer.createTransport(options);
  const domain = /@([^>\s]+)>?\s*$/.exec(config.from)?.[1] ?? 'survey-ops.local';
  return {
    domain,
    async send(message) {
      try {
        const info = await transport.sendMail({
          from: config.from,
          to: { name: message.to.name, address: message.to.address },
          subject: message.subject,
          text: message.text,
          html: message.html,
          messageId: message.messageId,
          headers: { 'Content-Language': message.language, 'Auto-Submitted': 'auto-generated' },
        });
        if (info.accepted.length === 0) throw new MailError(`the mail server refused ${message.to.address}: ${info.response}`, true);
      } catch (err) {
        if (err instanceof MailError) throw err;
        const e = err as { message?: string; responseCode?: number; code?: string };
        // A recipient refused for good (550 no such mailbox): trying again for two days will not help.
        const permanent = e.code === 'EENVELOPE' && (e.responseCode ?? 0) >= 500;
        throw new MailError(e.message ?? String(err), permanent);
      }
    },
    close() {
      transport.close();
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
