import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { SideDb } from './side-db.js';

/**
 * Sessions of named devices: a refresh token per user and device, valid 60 days from its
 * last use, kept beside the log (side-db.ts) as a SHA-256 of its secret, never the secret.
 *
 * Each refresh gives a new secret. The one before stays good for a few minutes, so that a
 * device whose answer was lost on a bad line can ask again; used later than that, it is
 * taken for a stolen copy and the device's session is revoked.
 */
export const SESSION_DAYS = 60;
const GRACE_MS = 5 * 60_000;

export const SESSIONS_SCHEMA = [
  `CREATE TABLE IF NOT EXISTS device_sessions (
    user_id TEXT NOT NULL, device_id TEXT NOT NULL, name TEXT NOT NULL, token_id TEXT NOT NULL UNIQUE,
    secret_hash TEXT NOT NULL, previous_hash TEXT, rotated_at TEXT, password_stamp TEXT NOT NULL,
    created_at TEXT NOT NULL, last_used_at TEXT NOT NULL, expires_at TEXT NOT NULL, revoked_at TEXT, revoked_by TEXT,
    PRIMARY KEY (user_id, device_id))`,
];

export interface DeviceSession {
  readonly userId: string;
  readonly deviceId: string;
  readonly name: string;
  readonly createdAt: string;
  readonly lastUsedAt: string;
  readonly expiresAt: string;
  readonly revokedAt: string | null;
  readonly revokedBy: string | null;
}

interface Row {
  user_id: string;
  device_id: string;
  name: string;
  token_id: string;
  secret_hash: string;
  previous_hash: string | null;
  rotated_at: string | null;
  password_stamp: string;
  created_at: string;
  last_used_at: string;
  expires_at: string;
  revoked_at: string | null;
  revoked_by: string | null;
}

export type Refreshed =
  | { readonly ok: true; readonly userId: string; readonly deviceId: string; readonly passwordStamp: string; readonly refreshToken: string; readonly expiresAt: string }
  | { readonly ok: false; readonly reason: 'unknown' | 'expired' | 'revoked' };

const hashOf = (secret: string) => createHash('sha256').update(secret).digest('hex');
const same = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
const newSecret = () => randomBytes(32).toString('base64url');
const expiry = (from: number) => new Date(from + SESSION_DAYS * 86_400_000).toISOString();
const shown = (row: Row): DeviceSession => ({
  userId: row.user_id,
  deviceId: row.device_id,
  name: row.name,
  createdAt: row.created_at,
  lastUsedAt: row.last_used_at,
  expiresAt: row.expires_at,
  revokedAt: row.revoked_at,
  revokedBy: row.revoked_by,
});

export class DeviceSessions {
  readonly #db: SideDb;

  constructor(db: SideDb) {
    this.#db = db;
  }

  /** A new session for the device (replacing any it had, revoked or not); its refresh token. */
  async start(userId: string, deviceId: string, name: string, passwordStamp: string): Promise<{ refreshToken: string; expiresAt: string }> {
    const tokenId = randomBytes(12).toString('base64url');
    const secret = newSecret();
    const now = Date.now();
    const at = new Date(now).toISOString();
    await this.#db.run(
      `INSERT INTO device_sessions (user_id, device_id, name, token_id, secret_hash, previous_hash, rotated_at, password_stamp, created_at, last_used_at, expires_at, revoked_at, revoked_by)
       VALUES (?, ?, ?, ?, ?, NULL, NULL, ?, ?, ?, ?, NULL, NULL)
       ON CONFLICT (user_id, device_id) DO UPDATE SET name = excluded.name, token_id = excluded.token_id, secret_hash = excluded.secret_hash, previous_hash = NULL,
         rotated_at = NULL, password_stamp = excluded.password_stamp, created_at = excluded.created_at, last_used_at = excluded.last_used_at,
         expires_at = excluded.expires_at, revoked_at = NULL, revoked_by = NULL`,
      [userId, deviceId, name, tokenId, hashOf(secret), passwordStamp, at, at, expiry(now)],
    );
    return { refreshToken: `${tokenId}.${secret}`, expiresAt: expiry(now) };
  }

  /** Renews a refresh token: a new one, the session's 60 days counted again. */
  async refresh(refreshToken: string): Promise<Refreshed> {
    const [tokenId, secret, ...rest] = refreshToken.split('.');
    if (!tokenId || !secret || rest.length > 0) return { ok: false, reason: 'unknown' };
    const [row] = await this.#db.all<Row>('SELECT * FROM device_sessions WHERE token_id = ?', [tokenId]);
    if (!row) return { ok: false, reason: 'unknown' };
    if (row.revoked_at) return { ok: false, reason: 'revoked' };
    const now = Date.now();
    if (Date.parse(row.expires_at) <= now) return { ok: false, reason: 'expired' };
    const given = hashOf(secret);
    const current = same(given, row.secret_hash);
    const retried = !current && row.previous_hash !== null && same(given, row.previous_hash) && row.rotated_at !== null && now - Date.parse(row.rotated_at) <= GRACE_MS;
    if (!current && !retried) {
      // An old secret past its grace: someone else holds a copy. The device logs in again.
      await this.revoke(row.user_id, row.device_id, 'reused refresh token');
      return { ok: false, reason: 'revoked' };
    }
    const next = newSecret();
    const at = new Date(now).toISOString();
    // Compare and set: of two refreshes with the same secret, one wins; the other is a retry.
    const changed = await this.#db.run(
      `UPDATE device_sessions SET secret_hash = ?, previous_hash = ?, rotated_at = ?, last_used_at = ?, expires_at = ?
       WHERE token_id = ? AND secret_hash = ? AND revoked_at IS NULL`,
      [hashOf(next), current ? row.secret_hash : row.previous_hash, current ? at : row.rotated_at, at, expiry(now), tokenId, row.secret_hash],
    );
    if (changed === 0) return this.refresh(refreshToken);
    return { ok: true, userId: row.user_id, deviceId: row.device_id, passwordStamp: row.password_stamp, refreshToken: `${tokenId}.${next}`, expiresAt: expiry(now) };
  }

  async list(userId: string): Promise<DeviceSession[]> {
    return (await this.#db.all<Row>('SELECT * FROM device_sessions WHERE user_id = ? ORDER BY last_used_at DESC, device_id', [userId])).map(shown);
  }

  /** Ends the device's session; false when the user has no such device. */
  async revoke(userId: string, deviceId: string, by: string): Promise<boolean> {
    const at = new Date().toISOString();
    await this.#db.run('UPDATE device_sessions SET revoked_at = ?, revoked_by = ? WHERE user_id = ? AND device_id = ? AND revoked_at IS NULL', [at, by, userId, deviceId]);
    return (await this.#db.all<Row>('SELECT * FROM device_sessions WHERE user_id = ? AND device_id = ?', [userId, deviceId])).length > 0;
  }
}
