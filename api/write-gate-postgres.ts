import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { WriteGate } from './write-gate.js';

/**
 * The write gate's pause, asked of every replica that shares a PostgreSQL log.
 *
 * Replicas may run on other machines than the backup, so the request goes through the
 * database the log is in. Each replica says it is alive in `ops_replicas` every second, and
 * looks for a request in `ops_pause` ten times a second. When one appears it holds new
 * writes, waits for those in flight, and answers by naming the request. The backup goes on
 * once every replica seen in the last ten seconds has answered; a replica that starts during
 * the pause finds the request before it serves its first write.
 */
export const PAUSE_TABLES = [
  'CREATE TABLE IF NOT EXISTS ops_replicas (id TEXT PRIMARY KEY, seen_at TIMESTAMPTZ NOT NULL, paused_for TEXT)',
  'CREATE TABLE IF NOT EXISTS ops_pause (id TEXT PRIMARY KEY, requested_at TIMESTAMPTZ NOT NULL DEFAULT now())',
];
/** A replica not seen for this long is taken to be gone: the backup does not wait for it. */
const ALIVE_SECONDS = 10;
/** A request older than this is taken to be from a backup that died: writes go on. */
const LONGEST_PAUSE_SECONDS = 120;
const POLL_MS = 100;
const HEARTBEAT_MS = 1_000;

async function createTables(client: pg.Client): Promise<void> {
  // Two replicas starting at once both create: the loser's error is the winner's table.
  for (const sql of PAUSE_TABLES) await client.query(sql).catch((err: { code?: string }) => (err.code === '23505' || err.code === '42P07' ? undefined : Promise.reject(err)));
}

/**
 * Registers this replica and answers backups' pause requests until the returned function is
 * called. Resolves once the first look is done: a request already there holds writes before any is served.
 */
export async function answerPauseRequestsInPostgres(connectionString: string, gate: WriteGate, onError: (err: unknown) => void = () => {}): Promise<() => Promise<void>> {
  const id = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  let client: pg.Client | null = null;
  let pausedFor: string | null = null;
  let lastBeat = 0;
  let failing = false;
  const connect = async () => {
    const next = new pg.Client({ connectionString });
    next.on('error', () => {});
    await next.connect();
    await createTables(next);
    await next.query(`DELETE FROM ops_replicas WHERE seen_at < now() - interval '1 day'`);
    return next;
  };
  const look = async () => {
    client ??= await connect();
    const { rows } = await client.query<{ id: string; stale: boolean }>(`SELECT id, requested_at < now() - make_interval(secs => $1) AS stale FROM ops_pause ORDER BY requested_at LIMIT 1`, [LONGEST_PAUSE_SECONDS]);
    const request = rows[0] && !rows[0].stale ? rows[0].id : null;
    if (request && pausedFor !== request) {
      await gate.pause();
      pausedFor = request;
    } else if (!request && pausedFor) {
      pausedFor = null;
      gate.resume();
    }
    if (pausedFor !== null || Date.now() - lastBeat >= HEARTBEAT_MS) {
      await client.query('INSERT INTO ops_replicas (id, seen_at, paused_for) VALUES ($1, now(), $2) ON CONFLICT (id) DO UPDATE SET seen_at = now(), paused_for = $2', [id, pausedFor]);
      lastBeat = Date.now();
    }
  };
  await look();
  let stopped = false;
  let busy: Promise<void> | null = null;
  const tick = async () => {
    try {
      await look();
      failing = false;
    } catch (err) {
      // The database went away: hold nothing on its account, and connect again next time (said once per outage).
      if (!failing) onError(err);
      failing = true;
      const broken = client;
      client = null;
      await broken?.end().catch(() => {});
      if (pausedFor) {
        pausedFor = null;
        gate.resume();
      }
    }
  };
  const timer = setInterval(() => {
    busy ??= tick().finally(() => (busy = null));
  }, POLL_MS);
  timer.unref();
  return async () => {
    if (stopped) return;
    stopped = true;
    clearInterval(timer);
    await busy;
    if (pausedFor) gate.resume();
    await client?.query('DELETE FROM ops_replicas WHERE id = $1', [id]).catch(() => {});
    await client?.end().catch(() => {});
  };
}

/**
 * Asks every live replica to hold its writes and waits until all have; the returned function
 * lets them go. Throws, having withdrawn the request, when one does not answer within `timeoutMs`.
 */
export async function pauseReplicas(client: pg.Client, timeoutMs = 30_000): Promise<{ replicas: number; resume: () => Promise<void> }> {
  await createTables(client);
  const request = randomBytes(8).toString('hex');
  await client.query('INSERT INTO ops_pause (id) VALUES ($1)', [request]);
  const resume = async () => {
    await client.query('DELETE FROM ops_pause WHERE id = $1', [request]);
  };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await client.query<{ id: string; paused_for: string | null }>(`SELECT id, paused_for FROM ops_replicas WHERE seen_at > now() - make_interval(secs => $1)`, [ALIVE_SECONDS]);
    const waiting = rows.filter((row) => row.paused_for !== request);
    if (waiting.length === 0) return { replicas: rows.length, resume };
    if (Date.now() > deadline) {
      await resume();
      throw new Error(`${waiting.length} replica(s) did not hold their writes for the backup (${waiting.map((row) => row.id).join(', ')}): nothing copied`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}
