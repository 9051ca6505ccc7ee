import type { Readable } from 'node:stream';
import SMTPConnection from 'nodemailer/lib/smtp-connection/index.js';

export interface PoolOptions extends SMTPConnection.Options {
  readonly maxConnections: number;
}

/**
 * A few SMTP connections (nodemailer's `SMTPConnection`) kept open and reused, so that a
 * cycle's thousands of invitations do not each pay a connection and a greeting.
 *
 * Not nodemailer's own pool, because of when the server may have a message, which the ledger
 * must know (notify/ledger.ts): that pool starts reading a message as it hands it to a
 * connection, before the transaction's first command, where this one gives the message to the
 * connection, which reads it only once the server has said to send it (`354` to `DATA`); and
 * that pool sends a message again on another connection when one closes in the middle of it,
 * when the server may have it already.
 */
export class SmtpPool {
  readonly #options: PoolOptions;
  /** Connections open or opening. */
  readonly #live = new Set<SMTPConnection>();
  readonly #idle: SMTPConnection[] = [];
  readonly #waiting: (() => void)[] = [];
  #closed = false;

  constructor(options: PoolOptions) {
    this.#options = options;
  }

  #forget(connection: SMTPConnection): void {
    const idle = this.#idle.indexOf(connection);
    if (idle >= 0) this.#idle.splice(idle, 1);
    if (this.#live.delete(connection)) this.#waiting.shift()?.();
  }

  async #open(): Promise<SMTPConnection> {
    const { maxConnections: _max, ...options } = this.#options;
    const connection = new SMTPConnection(options);
    this.#live.add(connection);
    // A connection's trouble between sends only ends it; during a send it fails that send (below).
    connection.on('error', () => this.#forget(connection));
    connection.once('end', () => this.#forget(connection));
    try {
      await new Promise<void>((resolve, reject) => {
        const failed = (err?: Error) => reject(err ?? new Error('the mail server closed the connection'));
        connection.once('error', failed);
        connection.once('end', failed);
        connection.connect(() => {
          connection.off('error', failed);
          connection.off('end', failed);
          // The final `.` goes out at once rather than after the server acknowledges the text (up to 40 ms a message).
          connection._socket.setNoDelay(true);
          resolve();
        });
      });
      const { auth } = this.#options;
      if (auth && 'pass' in auth && auth.user) await new Promise<void>((resolve, reject) => connection.login({ user: auth.user, pass: auth.pass ?? '' }, (err) => (err ? reject(err) : resolve())));
      return connection;
    } catch (err) {
      connection.close();
      this.#forget(connection);
      throw err;
    }
  }

  async #acquire(): Promise<{ connection: SMTPConnection; reused: boolean }> {
    for (;;) {
      if (this.#closed) throw new Error('the mail pool is closed');
      const idle = this.#idle.pop();
      if (idle) return { connection: idle, reused: true };
      if (this.#live.size < this.#options.maxConnections) return { connection: await this.#open(), reused: false };
      await new Promise<void>((resolve) => this.#waiting.push(resolve));
    }
  }

  #release(connection: SMTPConnection, healthy: boolean): void {
    if (healthy && !this.#closed && this.#live.has(connection)) {
      this.#idle.push(connection);
      this.#waiting.shift()?.();
      return;
    }
    connection.close();
    this.#forget(connection);
  }

  /**
   * Sends `message()` (called once per try) to the envelope's recipients. A reused connection
   * the server had closed meanwhile fails before the message is read: that send is tried once
   * more on a new connection.
   */
  async send(envelope: SMTPConnection.Envelope, message: () => Readable): Promise<SMTPConnection.SentMessageInfo> {
    for (let tries = 1; ; tries++) {
      const { connection, reused } = await this.#acquire();
      const stream = message();
      try {
        const info = await new Promise<SMTPConnection.SentMessageInfo>((resolve, reject) => {
          const broken = (err?: Error) => reject(err ?? new Error('the mail server closed the connection'));
          connection.once('error', broken);
          connection.once('end', broken);
          connection.send(envelope, stream, (err, sent) => {
            connection.off('error', broken);
            connection.off('end', broken);
            if (err) reject(err);
            else resolve(sent);
          });
        });
        this.#release(connection, true);
        return info;
      } catch (err) {
        this.#release(connection, false);
        if (reused && tries === 1 && !stream.readableDidRead) continue;
        stream.destroy();
        throw err;
      }
    }
  }

  close(): void {
    this.#closed = true;
    for (const connection of [...this.#idle]) this.#release(connection, false);
    for (const wake of this.#waiting.splice(0)) wake();
  }
}
