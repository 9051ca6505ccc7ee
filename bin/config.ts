import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEFAULT_WRITE_RATE_LIMIT } from '../api/rate-limits.js';
import { DEFAULT_MAIL_FROM } from '../notify/mailer.js';

export interface StartConfig {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  /** `sqlite:<path>` (the embedded default), a PostgreSQL URL or a KurrentDB connection string. */
  readonly eventStore: string;
  readonly temporalPort: number;
  readonly temporalAddress: string | null;
  readonly namespace: string;
  readonly taskQueue: string;
  readonly authSecret: string;
  readonly demoSeed: boolean;
  readonly production: boolean;
  /** The first manager of an install without demo users: `INITIAL_MANAGER` (default `admin`) and its password. */
  readonly initialManager: { username: string; password: string } | null;
  /** `METRICS_TOKEN`: when set, `/metrics` needs it as a bearer token. */
  readonly metricsToken: string | null;
  /** `WRITE_RATE_LIMIT`: writes a minute per user (per address before login); 600 unless set. */
  readonly writeRateLimit: number;
  /** `DEMO_REPORT`: with the demo, `npm start` opens the monthly enterprise report of the month that ended; `0` leaves it to its schedule. */
  readonly demoReport: boolean;
  /** `ENROL_RATE_LIMIT`: enrolment attempts a minute per address; 10 unless set. */
  readonly enrolRateLimit: number;
  /** `SMTP_URL`: the mail server notifications go through; `npm start` runs a mail catcher when it is not set, a worker alone sends nothing. */
  readonly smtpUrl: string | null;
  /** `MAIL_FROM`: who messages come from. */
  readonly mailFrom: string;
  /** `PUBLIC_URL`: where people open the app, for links in messages; `http://localhost:<PORT>` unless set. */
  readonly publicUrl: string;
  /** `MAIL_CATCHER`: `0` stops `npm start` from running a mail catcher when `SMTP_URL` is not set (mail is then off). */
  readonly mailCatcher: boolean;
  /** `MAILPIT_SMTP_PORT` and `MAILPIT_UI_PORT`: the mail catcher `npm start` runs without `SMTP_URL` (1025 and 8025). */
  readonly mailpitSmtpPort: number;
  readonly mailpitUiPort: number;
  /** `NOTIFY_FIRST_RETRY_MS`: the wait after a notice's first failed attempt (doubling after each next one); 30 s unless set. */
  readonly notifyFirstRetryMs: number | null;
}

export function intEnv(env: NodeJS.ProcessEnv, name: string, fallback: number, max = 65535, what = 'a port number'): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = /^[0-9]+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < 1 || value > max) throw new Error(`${name} must be ${what}, not "${raw}"`);
  return value;
}


/** Where the data lives: enough for tools that work on it offline (bin/rebuild-projections.ts). */
export function storageConfig(env: NodeJS.ProcessEnv = process.env): Pick<StartConfig, 'dataDir' | 'eventStore'> {
  const dataDir = resolve(env.DATA_DIR ?? './data');
  return { dataDir, eventStore: env.EVENT_STORE ?? `sqlite:${join(dataDir, 'events.db')}` };
}

/** The environment of SPEC.md, checked; production refuses demo users and a missing secret. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): StartConfig {
  const production = env.NODE_ENV === 'production';
  const { dataDir, eventStore } = storageConfig(env);
  const demoSeed = (env.DEMO_SEED ?? (production ? '0' : '1')) === '1';
  if (production && demoSeed) throw new Error('DEMO_SEED=1 is refused when NODE_ENV=production: demo users have known passwords');
  let authSecret = env.AUTH_SECRET ?? '';
  if (production && authSecret.length < 32) throw new Error('AUTH_SECRET (at least 32 characters) is required when NODE_ENV=production');
  if (!authSecret) {
    mkdirSync(dataDir, { recursive: true });
    const file = join(dataDir, 'auth-secret');
    if (!existsSync(file)) writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600 });
    authSecret = readFileSync(file, 'utf8').trim();
  }
  return {
    port: intEnv(env, 'PORT', 3000),
    host: env.HOST ?? '127.0.0.1',
    dataDir,
    eventStore,
    temporalPort: intEnv(env, 'TEMPORAL_PORT', 7233),
    temporalAddress: env.TEMPORAL_ADDRESS || null,
    namespace: env.TEMPORAL_NAMESPACE ?? 'default',
    taskQueue: env.TEMPORAL_TASK_QUEUE ?? 'survey-ops',
    authSecret,
    demoSeed,
    production,
    initialManager: env.INITIAL_MANAGER_PASSWORD ? { username: env.INITIAL_MANAGER ?? 'admin', password: env.INITIAL_MANAGER_PASSWORD } : null,
    metricsToken: env.METRICS_TOKEN || null,
    writeRateLimit: intEnv(env, 'WRITE_RATE_LIMIT', DEFAULT_WRITE_RATE_LIMIT, 1_000_000_000, 'a whole number of writes a minute (1 to 1000000000)'),
    demoReport: env.DEMO_REPORT !== '0',
    enrolRateLimit: intEnv(env, 'ENROL_RATE_LIMIT', 10, 1_000_000, 'a whole number of enrolment attempts a minute (1 to 1000000)'),
    smtpUrl: env.SMTP_URL || null,
    mailFrom: env.MAIL_FROM || DEFAULT_MAIL_FROM,
    publicUrl: (env.PUBLIC_URL || `http://localhost:${intEnv(env, 'PORT', 3000)}`).replace(/\/+$/, ''),
    mailCatcher: env.MAIL_CATCHER !== '0',
    mailpitSmtpPort: intEnv(env, 'MAILPIT_SMTP_PORT', 1025),
    mailpitUiPort: intEnv(env, 'MAILPIT_UI_PORT', 8025),
    notifyFirstRetryMs: env.NOTIFY_FIRST_RETRY_MS ? intEnv(env, 'NOTIFY_FIRST_RETRY_MS', 30_000, 3_600_000, 'a number of milliseconds (1 to 3600000)') : null,
  };
}

/** The mail settings of the worker, sending through `smtpUrl` (the configured one, or the mail catcher's). */
export function mailSettings(config: StartConfig, smtpUrl: string) {
  return {
    smtpUrl,
    from: config.mailFrom,
    publicUrl: config.publicUrl,
    ...(config.notifyFirstRetryMs === null ? {} : { retry: { firstRetryMs: config.notifyFirstRetryMs } }),
  };
}
