/**
 * The mail catcher of `npm start` and the tests: Mailpit, an SMTP server that keeps every
 * message it is sent and shows them in a web inbox, with a REST API the tests read. Chosen
 * because it is one Go binary built with `go install` from the module proxy, as the Temporal
 * CLI is (bin/temporal.ts), with SMTP, the inbox and the API in it; MailHog, the older choice,
 * is no longer maintained.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { goBin, onPath, portOpen } from './temporal.js';

export const MAILPIT_MODULE = 'github.com/axllent/mailpit@v1.33.1';

type Say = (line: string) => void;

/**
 * The Mailpit binary: `MAILPIT` (a path), else `mailpit` on PATH, else Go's bin folder, else
 * built there with `go install` (about a minute and a half, once); null when there is no Go
 * to build it with, so that `npm start` can run without mail rather than not at all.
 */
export function findMailpit(say: Say): string | null {
  const explicit = process.env.MAILPIT;
  if (explicit) {
    if (!existsSync(explicit)) throw new Error(`MAILPIT is set to ${explicit}, which does not exist`);
    return explicit;
  }
  const found = onPath('mailpit');
  if (found) return found;
  const bin = goBin();
  if (!bin) return null;
  const built = join(bin, 'mailpit');
  if (existsSync(built)) return built;
  say(`Building the Mailpit mail catcher with Go (go install ${MAILPIT_MODULE}); the first build takes a minute or two, later starts reuse it.`);
  const started = Date.now();
  const result = spawnSync('go', ['install', MAILPIT_MODULE], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0 || !existsSync(built)) throw new Error(`go install ${MAILPIT_MODULE} failed (exit ${result.status}); set MAILPIT or SMTP_URL instead`);
  say(`Built Mailpit in ${Math.round((Date.now() - started) / 1000)} s: ${built}`);
  return built;
}

export interface MailpitOptions {
  readonly bin: string;
  readonly smtpPort: number;
  /** The web inbox and the REST API. */
  readonly uiPort: number;
  readonly host?: string;
  /** Messages kept in this file across restarts; in a temporary file removed at exit when absent. */
  readonly dbFile?: string;
  /** The most messages kept, the oldest deleted first; 0 for no limit (Mailpit's own default is 500). */
  readonly maxMessages?: number;
  readonly timeoutMs?: number;
}

export interface Mailpit {
  readonly smtpUrl: string;
  /** The web inbox; its REST API is under `/api/v1/`. */
  readonly url: string;
  readonly api: MailpitApi;
  readonly process: ChildProcess;
  stop(): Promise<void>;
}

/** Starts Mailpit as a child process and waits until it answers as ready and takes SMTP connections. */
export async function startMailpit(options: MailpitOptions): Promise<Mailpit> {
  const host = options.host ?? '127.0.0.1';
  for (const port of [options.smtpPort, options.uiPort]) {
    if (await portOpen(port, host)) throw new Error(`port ${port} is taken: stop what runs there, or set MAILPIT_SMTP_PORT and MAILPIT_UI_PORT, or SMTP_URL`);
  }
  const args = [
    '--listen', `${host}:${options.uiPort}`,
    '--smtp', `${host}:${options.smtpPort}`,
    // No calls out: no update check, no reverse DNS of each sender.
    '--disable-version-check',
    '--smtp-disable-rdns',
    '--quiet',
    '--max', String(options.maxMessages ?? 500),
  ];
  if (options.dbFile) args.push('--database', options.dbFile);
  const child = spawn(options.bin, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://${host}:${options.uiPort}`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  for (;;) {
    const ready = await fetch(`${url}/readyz`).then((r) => r.ok, () => false);
    if (ready && (await portOpen(options.smtpPort, host))) break;
    if (child.exitCode !== null) throw new Error(`Mailpit exited (${child.exitCode}): ${stderr.trim()}`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`Mailpit did not answer on ${url} in time: ${stderr.trim()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { smtpUrl: `smtp://${host}:${options.smtpPort}`, url, api: new MailpitApi(url), process: child, stop };
}

export interface Address {
  readonly Name: string;
  readonly Address: string;
}

/** A message as Mailpit lists it. `MessageID` is the Message-ID header without its angle brackets. */
export interface MailpitSummary {
  readonly ID: string;
  readonly MessageID: string;
  readonly From: Address;
  readonly To: Address[];
  readonly Subject: string;
  readonly Created: string;
}

export interface MailpitMessage extends MailpitSummary {
  readonly Text: string;
  readonly HTML: string;
}

/** Mailpit's REST API: what the tests and the benchmark read of the inbox. */
export class MailpitApi {
  constructor(readonly url: string) {}

  async #json<T>(path: string, init?: RequestInit): Promise<T> {
    const res = await fetch(`${this.url}${path}`, init);
    if (!res.ok) throw new Error(`Mailpit ${init?.method ?? 'GET'} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  }

  /** How many messages the inbox holds. */
  async count(): Promise<number> {
    return (await this.#json<{ total: number }>('/api/v1/messages?limit=1')).total;
  }

  /** Every message, newest first. */
  async list(): Promise<MailpitSummary[]> {
    const all: MailpitSummary[] = [];
    for (let start = 0; ; start += 2000) {
      const page = await this.#json<{ total: number; messages: MailpitSummary[] }>(`/api/v1/messages?start=${start}&limit=2000`);
      all.push(...page.messages);
      if (page.messages.length < 2000) return all;
    }
  }

  async message(id: string): Promise<MailpitMessage> {
    return this.#json<MailpitMessage>(`/api/v1/message/${encodeURIComponent(id)}`);
  }

  async deleteAll(): Promise<void> {
    const res = await fetch(`${this.url}/api/v1/messages`, { method: 'DELETE' });
    if (!res.ok) throw new Error(`Mailpit DELETE /api/v1/messages: ${res.status} ${await res.text()}`);
  }
}
