import type Database from 'better-sqlite3';
import type { EnrolmentEvent } from '../../domain/enrolment.js';
import { prepared, type ReadModel } from '../model.js';

/**
 * Enrolment codes by their MAC (domain/enrolment.ts): the unit, when the code expires, whether
 * a newer code of the unit replaced it, and who enrolled with it. The enrolment door looks a
 * code up here; whether it is still free is decided on its own stream.
 */
export const enrolmentCodesModel: ReadModel = {
  name: 'enrolment_codes',
  schema: `CREATE TABLE IF NOT EXISTS enrolment_codes (
      hash TEXT PRIMARY KEY, unit_id TEXT NOT NULL, batch_id TEXT NOT NULL, issued_at TEXT NOT NULL, expires_at TEXT NOT NULL,
      superseded INTEGER NOT NULL DEFAULT 0, used_by TEXT);
    CREATE INDEX IF NOT EXISTS enrolment_codes_unit ON enrolment_codes (unit_id)`,
  apply(db, event) {
    const e = { type: event.type, data: event.data } as EnrolmentEvent;
    if (e.type === 'EnrolmentCodesIssued') {
      const supersede = prepared(db, 'UPDATE enrolment_codes SET superseded = 1 WHERE unit_id = ? AND batch_id != ? AND used_by IS NULL');
      const insert = prepared(db, 'INSERT OR REPLACE INTO enrolment_codes (hash, unit_id, batch_id, issued_at, expires_at) VALUES (?, ?, ?, ?, ?)');
      for (const code of e.data.codes) {
        supersede.run(code.unitId, e.data.batchId);
        insert.run(code.hash, code.unitId, e.data.batchId, event.metadata.at, e.data.expiresAt);
      }
    } else if (e.type === 'EnrolmentCodeUsed') {
      prepared(db, 'UPDATE enrolment_codes SET used_by = ? WHERE hash = ?').run(e.data.userId, event.stream.slice('enrolcode-'.length));
    } else if (e.type === 'EnrolmentCodeReleased') {
      prepared(db, 'UPDATE enrolment_codes SET used_by = NULL WHERE hash = ?').run(event.stream.slice('enrolcode-'.length));
    }
  },
};

export interface EnrolmentCode {
  readonly unitId: string;
  readonly expiresAt: string;
  readonly superseded: boolean;
  readonly usedBy: string | null;
}

export function findEnrolmentCode(db: Database.Database, hash: string): EnrolmentCode | undefined {
  const row = prepared<[string], { unit_id: string; expires_at: string; superseded: number; used_by: string | null }>(db, 'SELECT unit_id, expires_at, superseded, used_by FROM enrolment_codes WHERE hash = ?').get(hash);
  return row && { unitId: row.unit_id, expiresAt: row.expires_at, superseded: row.superseded === 1, usedBy: row.used_by };
}
