import type Database from 'better-sqlite3';
import type { CycleEvent } from '../../domain/cycle/events.js';
import { prepared, type ReadModel } from '../model.js';

/**
 * Why a cycle was cancelled, by whom and when: a model of its own, so that installs whose
 * `cycles` table predates it fill it from the log like any model added later.
 */
export const cycleCancellationsModel: ReadModel = {
  name: 'cycle_cancellations',
  schema: `CREATE TABLE IF NOT EXISTS cycle_cancellations (
    cycle_id TEXT PRIMARY KEY, reason TEXT NOT NULL, cancelled_by TEXT NOT NULL, asked_at TEXT NOT NULL);`,
  apply(db, event, changes) {
    if (!event.stream.startsWith('cycle-') || event.type !== 'CancellationStarted') return;
    const e = { type: event.type, data: event.data } as Extract<CycleEvent, { type: 'CancellationStarted' }>;
    const id = event.stream.slice('cycle-'.length);
    prepared(db, 'INSERT OR REPLACE INTO cycle_cancellations (cycle_id, reason, cancelled_by, asked_at) VALUES (?, ?, ?, ?)').run(id, e.data.reason, event.metadata.actor, event.metadata.at);
    changes.cycles.add(id);
  },
};

export interface Cancellation {
  readonly reason: string;
  readonly by: string;
  readonly at: string;
}

export function findCancellation(db: Database.Database, cycleId: string): Cancellation | null {
  const row = prepared<[string], { reason: string; cancelled_by: string; asked_at: string }>(db, 'SELECT * FROM cycle_cancellations WHERE cycle_id = ?').get(cycleId);
  return row ? { reason: row.reason, by: row.cancelled_by, at: row.asked_at } : null;
}
