import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common';
import pg from 'pg';
import { goBin, portOpen, SEARCH_ATTRIBUTES } from './temporal.js';

/**
 * Temporal's own server, the release the CLI embeds, on PostgreSQL: what a deployment beyond
 * one machine runs, here as one process with its four services (or one process per service).
 * Built once with Go like the CLI; its schemas are set up with its own SQL tool; the namespace
 * and the search attributes the app needs are created at first start.
 */
export const TEMPORAL_SERVER_VERSION = 'v1.29.1';
const BINARIES = {
  server: { module: `go.temporal.io/server/cmd/server@${TEMPORAL_SERVER_VERSION}`, built: 'server', name: `temporal-server-${TEMPORAL_SERVER_VERSION}`, env: 'TEMPORAL_SERVER' },
  sql: { module: `go.temporal.io/server/cmd/tools/sql@${TEMPORAL_SERVER_VERSION}`, built: 'sql', name: `temporal-sql-tool-${TEMPORAL_SERVER_VERSION}`, env: 'TEMPORAL_SQL_TOOL' },
} as const;
export const TEMPORAL_DATABASES = [
  { name: 'temporal', schema: 'postgresql/v12/temporal' },
  { name: 'temporal_visibility', schema: 'postgresql/v12/visibility' },
] as const;

type Say = (line: string) => void;

/**
 * A Temporal binary: its environment variable, else Go's bin folder, else built there with
 * `go install` (several minutes, once) and renamed after its release, since Go names it
 * after its folder (`server`, `sql`).
 */
export function findTemporalBinary(kind: keyof typeof BINARIES, say: Say): string {
  const binary = BINARIES[kind];
  const explicit = process.env[binary.env];
  if (explicit) {
    if (!existsSync(explicit)) throw new Error(`${binary.env} is set to ${explicit}, which does not exist`);
    return explicit;
  }
  const bin = goBin();
  if (!bin) throw new Error(`No Go toolchain to build ${binary.module} with: install Go, or set ${binary.env}`);
  const target = join(bin, binary.name);
  if (existsSync(target)) return target;
  say(`Building ${binary.module} with Go (go install); the first build takes several minutes, later starts reuse it.`);
  const started = Date.now();
  const result = spawnSync('go', ['install', binary.module], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0 || !existsSync(join(bin, binary.built))) throw new Error(`go install ${binary.module} failed (exit ${result.status}); set ${binary.env} instead`);
  renameSync(join(bin, binary.built), target);
  say(`Built ${target} in ${Math.round((Date.now() - started) / 1000)} s`);
  return target;
}

export interface PostgresTarget {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password: string;
}

export function postgresTarget(url: string): PostgresTarget {
  const parsed = new URL(url);
  return { host: parsed.hostname, port: Number(parsed.port || 5432), user: decodeURIComponent(parsed.username), password: decodeURIComponent(parsed.password) };
}

/** Creates Temporal's two databases when missing and brings their schemas to this release's, with its SQL tool. */
export async function setUpTemporalSchemas(tool: string, target: PostgresTarget, say: Say): Promise<void> {
  const admin = new pg.Client({ host: target.host, port: target.port, user: target.user, password: target.password, database: 'postgres' });
  await admin.connect();
  let existing: Set<string>;
  try {
    existing = new Set((await admin.query('SELECT datname FROM pg_database')).rows.map((row: { datname: string }) => row.datname));
  } finally {
    await admin.end();
  }
  // The password goes by environment, not on a command line others can read.
  const env = { ...process.env, SQL_PASSWORD: target.password };
  const sql = (database: string, args: readonly string[]) => {
    const result = spawnSync(tool, ['--plugin', 'postgres12', '--ep', target.host, '-p', String(target.port), '-u', target.user, '--db', database, ...args], { env, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`temporal-sql-tool ${args[0]} on ${database} failed: ${(result.stderr || result.stdout).trim().slice(-2000)}`);
  };
  for (const { name, schema } of TEMPORAL_DATABASES) {
    if (!existing.has(name)) {
      say(`Creating Temporal's database ${name}`);
      sql(name, ['create-database']);
      sql(name, ['setup-schema', '-v', '0.0']);
    }
    sql(name, ['update-schema', '--schema-name', schema]);
  }
}

export interface ClusterServer {
  readonly address: string;
  /** The server's process; with `services`, the first service's (the frontend, when listed first). */
  readonly process: ChildProcess;
  /** Every process of the server: one, or one per service when started with `services`. */
  readonly processes: readonly ChildProcess[];
  /** A clean stop. */
  stop(): Promise<void>;
}

/** The server's four services; `startClusterServer` runs them in one process unless told otherwise. */
export type TemporalService = 'frontend' | 'history' | 'matching' | 'worker';

/**
 * The server's configuration in `dir`: PostgreSQL for history and visibility, the four
 * services on loopback from `port` (frontend) up, and the dev server's dynamic settings.
 * The file holds the database password: it is readable by its owner only.
 */
function writeConfig(dir: string, target: PostgresTarget, port: number): void {
  const store = (database: string, conns: number) => `
      sql:
        pluginName: "postgres12"
        databaseName: "${database}"
        connectAddr: "${target.host}:${target.port}"
        connectProtocol: "tcp"
        user: ${JSON.stringify(target.user)}
        password: ${JSON.stringify(target.password)}
        maxConns: ${conns}
        maxIdleConns: ${conns}
        maxConnLifetime: "1h"`;
  const service = (offset: number) => `
    rpc:
      grpcPort: ${port + offset}
      membershipPort: ${port + 100 + offset}
      bindOnLocalHost: true`;
  const config = `log:
  stdout: true
  level: warn
persistence:
  defaultStore: default
  visibilityStore: visibility
  numHistoryShards: 4
  datastores:
    default:${store('temporal', 20)}
    visibility:${store('temporal_visibility', 4)}
global:
  membership:
    maxJoinDuration: 30s
    broadcastAddress: "127.0.0.1"
services:
  frontend:${service(0)}
      httpPort: ${port + 10}
  history:${service(1)}
  matching:${service(2)}
  worker:${service(3)}
clusterMetadata:
  enableGlobalNamespace: false
  failoverVersionIncrement: 10
  masterClusterName: "active"
  currentClusterName: "active"
  clusterInformation:
    active:
      enabled: true
      initialFailoverVersion: 1
      rpcName: "frontend"
      rpcAddress: "127.0.0.1:${port}"
dcRedirectionPolicy:
  policy: "noop"
dynamicConfigClient:
  filepath: ${JSON.stringify(join(dir, 'dynamic.yaml'))}
  pollInterval: "60s"
`;
  mkdirSync(join(dir, 'config'), { recursive: true, mode: 0o700 });
  writeFileSync(join(dir, 'config', 'cluster.yaml'), config, { mode: 0o600 });
  // As the CLI's dev server has them: a larger host-level cache and more visibility reads per second.
  writeFileSync(join(dir, 'dynamic.yaml'), 'history.hostLevelCacheMaxSize:\n  - value: 8096\nfrontend.namespaceRPS.visibility:\n  - value: 100\n');
}

/**
 * Starts the server on `port` against PostgreSQL and waits until it answers, with the namespace and search attributes in place.
 * One process with the four services, unless `services` lists them: then one process per service, with the same
 * configuration (each finds the others through the membership table), so that each service's cost can be told apart.
 */
export async function startClusterServer(options: {
  binary: string;
  dir: string;
  postgres: PostgresTarget;
  port: number;
  namespace: string;
  say?: Say;
  timeoutMs?: number;
  services?: readonly TemporalService[];
}): Promise<ClusterServer> {
  const say = options.say ?? (() => {});
  if (await portOpen(options.port, '127.0.0.1')) throw new Error(`port ${options.port} is taken: stop what runs there, or choose another TEMPORAL_PORT`);
  writeConfig(options.dir, options.postgres, options.port);
  const args = ['--root', options.dir, '--config', 'config', '--env', 'cluster', '--allow-no-auth', 'start'];
  const launches = options.services && options.services.length > 0 ? options.services.map((service) => [...args, '--service', service]) : [args];
  // A process group of its own, as the replicas have: Ctrl-C stops them first.
  const children = launches.map((launchArgs) => spawn(options.binary, launchArgs, { stdio: ['ignore', 'pipe', 'pipe'], detached: true }));
  // Its log (warnings and errors, on stdout) and stderr say why it stopped, when it does: the reason first, a stack trace after.
  let head = '';
  let tail = '';
  for (const child of children) {
    for (const stream of [child.stdout, child.stderr]) {
      stream?.on('data', (chunk: Buffer) => {
        if (head.length < 3000) head += chunk.toString().slice(0, 3000 - head.length);
        else tail = (tail + chunk.toString()).slice(-1000);
      });
    }
  }
  const output = () => (tail ? `${head}\n…\n${tail}` : head);
  const exits = children.map((child) => new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code))));
  const address = `127.0.0.1:${options.port}`;
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  const server: ClusterServer = {
    address,
    process: children[0]!,
    processes: children,
    async stop() {
      await Promise.all(
        children.map(async (child, i) => {
          if (child.exitCode !== null || child.signalCode !== null) return;
          child.kill('SIGTERM');
          const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
          await exits[i];
          clearTimeout(timer);
        }),
      );
    },
  };
  try {
    for (;;) {
      const exited = children.find((child) => child.exitCode !== null);
      if (exited) throw new Error(`the Temporal server exited (${exited.exitCode}): ${output().trim()}`);
      if (Date.now() > deadline) throw new Error(`the Temporal server did not answer on ${address} in time: ${output().trim()}`);
      // Ready once nothing was missing: a namespace just created takes a few seconds to reach every service.
      if ((await portOpen(options.port, '127.0.0.1')) && (await ensureNamespace(address, options.namespace, say).catch(() => false))) break;
      await new Promise((r) => setTimeout(r, 500));
    }
  } catch (err) {
    for (const child of children) child.kill('SIGKILL');
    throw err;
  }
  return server;
}

/** The namespace and the app's search attributes, created when missing; true when they were all there and usable. */
async function ensureNamespace(address: string, namespace: string, say: Say): Promise<boolean> {
  const connection = await Connection.connect({ address, connectTimeout: 2_000 });
  try {
    const { workflowService } = connection;
    const namespaces = await workflowService.listNamespaces({ pageSize: 100 });
    if (!namespaces.namespaces.some((n) => n.namespaceInfo?.name === namespace)) {
      say(`Creating the Temporal namespace ${namespace}`);
      await workflowService.registerNamespace({ namespace, workflowExecutionRetentionPeriod: msToTs('30 days') });
      return false;
    }
    if (await addSearchAttributes(connection, namespace)) return false;
    // Visibility queries go through the frontend's namespace cache: they answer once the namespace has reached it.
    await workflowService.countWorkflowExecutions({ namespace, query: 'CycleId = "none"' });
    return true;
  } finally {
    await connection.close();
  }
}

/** Adds the app's search attributes a namespace lacks; true when it added any. */
export async function addSearchAttributes(connection: Connection, namespace: string): Promise<boolean> {
  const existing = await connection.operatorService.listSearchAttributes({ namespace });
  const missing = SEARCH_ATTRIBUTES.map((entry) => entry.split('=')[0]!).filter((name) => !(name in (existing.customAttributes ?? {})));
  if (missing.length === 0) return false;
  // 2 is Keyword in Temporal's IndexedValueType.
  await connection.operatorService.addSearchAttributes({ namespace, searchAttributes: Object.fromEntries(missing.map((name) => [name, 2])) });
  return true;
}
