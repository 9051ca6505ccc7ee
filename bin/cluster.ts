import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig, storageConfig } from './config.js';
import { findMailpit, startMailpit, type Mailpit } from './mailpit.js';
import { NODE_FLAGS } from './node-flags.js';
import { startPostgres, type Postgres } from './postgres.js';
import { findTemporalBinary, postgresTarget, setUpTemporalSchemas, startClusterServer, type ClusterServer, type TemporalService } from './temporal-cluster.js';

/**
 * `npm run cluster`: the path beyond one machine, on one machine. PostgreSQL (the event log
 * and Temporal's state), Temporal's own server on it, and two app replicas (API, worker and
 * projector each) on two ports, sharing the log and Temporal. Each replica keeps its read
 * models in its own folder, projected from the shared log.
 */
const say = (line: string) => process.stdout.write(`${line}\n`);

function port(name: string, fallback: number): number {
  const raw = process.env[name];
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 65535) throw new Error(`${name} must be a port number, not "${raw}"`);
  return value;
}

/** A secret both replicas share (sessions made on one are good on the other), kept in the data folder. */
function sharedSecret(dir: string): string {
  if (process.env.AUTH_SECRET) return process.env.AUTH_SECRET;
  const file = join(dir, 'auth-secret');
  if (!existsSync(file)) writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

export interface ClusterOptions {
  readonly dataDir: string;
  readonly appPorts: readonly [number, number];
  readonly postgresPort: number;
  readonly temporalPort: number;
  readonly say?: (line: string) => void;
  /** Extra environment for the replicas. */
  readonly env?: Readonly<Record<string, string>>;
  /** Runs each of these Temporal services as a process of its own (the benchmarks measure each); one process with all four when absent. */
  readonly temporalServices?: readonly TemporalService[];
  /**
   * One mail catcher for both replicas on these ports (`npm run cluster` without `SMTP_URL`);
   * when absent the replicas send through `SMTP_URL` if it is set, else mail is off.
   */
  readonly mailCatcher?: { readonly smtpPort: number; readonly uiPort: number };
}

export interface Cluster {
  readonly postgres: Postgres;
  readonly temporal: ClusterServer;
  readonly mailpit: Mailpit | null;
  readonly eventStore: string;
  readonly replicas: Replica[];
  /** Starts the Temporal server again (after a kill) with the same settings. */
  restartTemporal(): Promise<void>;
  /** Starts PostgreSQL again (after a kill): crash recovery, then the same port and data. */
  restartPostgres(): Promise<void>;
  stop(): Promise<void>;
}

export interface Replica {
  readonly url: string;
  readonly env: Readonly<Record<string, string>>;
  process: ChildProcess;
  /** Starts it again (after a kill) with the same settings. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const log = options.say ?? say;
  mkdirSync(options.dataDir, { recursive: true });
  const postgres = await startPostgres({ dir: join(options.dataDir, 'postgres'), port: options.postgresPort, say: log });
  let temporal: ClusterServer | null = null;
  let mailpit: Mailpit | null = null;
  const replicas: Replica[] = [];
  try {
    // Each replica is `npm start`'s program, which would run a mail catcher of its own: they share one instead.
    const catcher = options.mailCatcher ? findMailpit(log) : null;
    if (options.mailCatcher && catcher) mailpit = await startMailpit({ bin: catcher, ...options.mailCatcher, dbFile: join(options.dataDir, 'mailpit.db') });
    const target = postgresTarget(postgres.url);
    await setUpTemporalSchemas(findTemporalBinary('sql', log), target, log);
    temporal = await startClusterServer({ binary: findTemporalBinary('server', log), dir: join(options.dataDir, 'temporal'), postgres: target, port: options.temporalPort, namespace: 'default', say: log, services: options.temporalServices });
    log(`Temporal server on ${temporal.address}, its state in PostgreSQL`);
    const secret = sharedSecret(options.dataDir);
    for (const [i, appPort] of options.appPorts.entries()) {
      const env = {
        ...options.env,
        PORT: String(appPort),
        DATA_DIR: join(options.dataDir, `replica-${i + 1}`),
        EVENT_STORE: postgres.url,
        TEMPORAL_ADDRESS: temporal.address,
        AUTH_SECRET: secret,
        MAIL_CATCHER: '0',
        ...(mailpit ? { SMTP_URL: mailpit.smtpUrl } : {}),
        // The first replica opens the demo's report; two starting together could both launch it.
        ...(i > 0 ? { DEMO_REPORT: '0' } : {}),
      };
      replicas.push(await startReplica(`replica ${i + 1}`, env, log));
    }
  } catch (err) {
    await Promise.all(replicas.map((replica) => replica.stop()));
    await temporal?.stop();
    await mailpit?.stop();
    postgres.stop();
    throw err;
  }
  const temporalOptions = { binary: findTemporalBinary('server', log), dir: join(options.dataDir, 'temporal'), postgres: postgresTarget(postgres.url), port: options.temporalPort, namespace: 'default', say: log, services: options.temporalServices };
  const cluster: Cluster = {
    postgres,
    temporal,
    mailpit,
    eventStore: postgres.url,
    replicas,
    async restartTemporal() {
      (cluster as { temporal: ClusterServer }).temporal = await startClusterServer(temporalOptions);
    },
    async restartPostgres() {
      // Until the killed server's last processes are gone, its shared memory is still in use: try again for a while.
      const deadline = Date.now() + 60_000;
      for (;;) {
        try {
          await startPostgres({ dir: join(options.dataDir, 'postgres'), port: options.postgresPort, say: log });
          return;
        } catch (err) {
          if (Date.now() > deadline) throw err;
          await new Promise((r) => setTimeout(r, 1_000));
        }
      }
    },
    async stop() {
      await Promise.all(replicas.map((replica) => replica.stop()));
      await cluster.temporal.stop();
      await mailpit?.stop();
      postgres.stop();
    },
  };
  return cluster;
}

/** One app replica: `npm start`'s program against the shared log and Temporal, its output prefixed with its name. */
async function startReplica(name: string, env: Readonly<Record<string, string>>, log: (line: string) => void): Promise<Replica> {
  const replica: Replica = {
    url: `http://127.0.0.1:${env.PORT}`,
    env,
    process: launch(),
    async restart() {
      replica.process = launch();
      await ready(replica.process);
    },
    async stop() {
      const child = replica.process;
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    },
  };
  function launch(): ChildProcess {
    // A process group of its own: Ctrl-C reaches the cluster, which stops the replicas before what they depend on.
    const child = spawn(process.execPath, [...NODE_FLAGS, '--import', 'tsx', 'bin/start.ts'], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    for (const stream of [child.stdout, child.stderr]) {
      let rest = '';
      stream?.on('data', (chunk: Buffer) => {
        const lines = (rest + chunk.toString()).split('\n');
        rest = lines.pop() ?? '';
        for (const line of lines) if (line.trim()) log(`[${name}] ${line}`);
      });
    }
    return child;
  }
  async function ready(child: ChildProcess): Promise<void> {
    const deadline = Date.now() + 180_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${name} exited (${child.exitCode}) while starting`);
      if (Date.now() > deadline) throw new Error(`${name} did not answer on ${replica.url} in time`);
      const ok = await fetch(`${replica.url}/healthz`).then((r) => r.ok, () => false);
      if (ok) return;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  await ready(replica.process);
  return replica;
}

async function main(): Promise<void> {
  const { dataDir } = storageConfig();
  const config = loadConfig();
  const appPort = port('PORT', 3000);
  const cluster = await startCluster({
    ...(config.smtpUrl || process.env.MAIL_CATCHER === '0' ? {} : { mailCatcher: { smtpPort: config.mailpitSmtpPort, uiPort: config.mailpitUiPort } }),
    dataDir,
    appPorts: [appPort, port('SECOND_PORT', appPort + 1)],
    postgresPort: port('POSTGRES_PORT', 5433),
    temporalPort: port('TEMPORAL_PORT', 7233),
  });
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    say('\nStopping the replicas, the Temporal server and PostgreSQL…');
    await cluster.stop();
    say('Stopped.');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  const shown = cluster.eventStore.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
  say('');
  for (const [i, replica] of cluster.replicas.entries()) say(`  App, replica ${i + 1}:  ${replica.url}/   (API docs ${replica.url}/docs)`);
  say(`  Temporal:          ${cluster.temporal.address} (gRPC; the CLI's web UI comes only with npm start)`);
  say(`  PostgreSQL:        ${shown} (password in ${join(dataDir, 'postgres', 'password')})`);
  say(`  Mail:              ${cluster.mailpit ? `${cluster.mailpit.url}/ (the inbox of every message sent)` : config.smtpUrl ? 'sent through SMTP_URL' : 'off'}`);
  if (config.demoSeed) say('  Demo users:        manager, sup.hanoi, sup.hcm, enum.hanoi, enum.hcm, auditor (password: demo)');
  say('');
  say('Ctrl-C stops everything.');
}

if (process.argv[1]?.endsWith('cluster.ts')) {
  main().catch((err: unknown) => {
    process.stderr.write(`Could not start the cluster: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
