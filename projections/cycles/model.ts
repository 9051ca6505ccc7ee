import type Database from 'better-sqlite3';
import { CYCLE_STATUSES, type CycleEvent, type CycleStatus } from '../../domain/cycle/events.js';
import { prepared, type ReadModel } from '../model.js';

export const cyclesModel: ReadModel = {
  name: 'cycles',
  schema: `CREATE TABLE IF NOT EXISTS cycles (
    id TEXT PRIMARY KEY, survey_id TEXT NOT NULL, survey_code TEXT NOT NULL, period TEXT NOT NULL, status TEXT NOT NULL,
    collection_deadline TEXT NOT NULL, area_codes TEXT NOT NULL, auto_publish INTEGER NOT NULL, total INTEGER NOT NULL DEFAULT 0,
    result_version INTEGER NOT NULL DEFAULT 0, launched_at TEXT NOT NULL, launched_by TEXT NOT NULL, updated_at TEXT NOT NULL);
    CREATE INDEX IF NOT EXISTS cycles_survey ON cycles (survey_code, period);`,
  apply(db, event, changes) {
    if (!event.stream.startsWith('cycle-')) return;
    const e = { type: event.type, data: event.data } as CycleEvent;
    const id = event.stream.slice('cycle-'.length);
    const at = event.metadata.at;
    const set = (sql: string, ...params: unknown[]) => prepared(db, `UPDATE cycles SET ${sql}, updated_at = ? WHERE id = ?`).run(...params, at, id);
    switch (e.type) {
      case 'CycleLaunched':
        prepared(db,
          `INSERT OR REPLACE INTO cycles (id, survey_id, survey_code, period, status, collection_deadline, area_codes, auto_publish, launched_at, launched_by, updated_at)
           VALUES (?, ?, ?, ?, 'launching', ?, ?, ?, ?, ?, ?)`,
        ).run(id, e.data.surveyId, e.data.surveyCode, e.data.period, e.data.collectionDeadline, JSON.stringify(e.data.areaCodes), e.data.autoPublish ? 1 : 0, at, event.metadata.actor, at);
        break;
      case 'TasksCreated':
        set('total = ?', e.data.total);
        break;
      case 'CollectionStarted':
        set("status = 'collecting', total = ?", e.data.total);
        break;
      case 'DeadlineExtended':
        set('collection_deadline = ?', e.data.to);
        break;
      case 'ClosingStarted':
        set("status = 'closing'");
        break;
      case 'CollectionClosed':
        set("status = 'closed'");
        break;
      case 'ResultsPublished':
        set("status = 'published', result_version = ?", e.data.version);
        break;
      case 'CancellationStarted':
        set("status = 'cancelling'");
        break;
      case 'CycleCancelled':
        set("status = 'cancelled'");
        break;
      default: {
        const _exhaustive: never = e;
        return _exhaustive;
      }
    }
    changes.cycles.add(id);
  },
};

export interface CycleRow {
  readonly id: string;
  readonly surveyId: string;
  readonly survey: string;
  readonly period: string;
  readonly status: CycleStatus;
  readonly collectionDeadline: string;
  readonly areaCodes: string[];
  readonly autoPublish: boolean;
  readonly total: number;
  readonly resultVersion: number;
  readonly launchedAt: string;
}

type Row = {
  id: string; survey_id: string; survey_code: string; period: string; status: CycleStatus; collection_deadline: string;
  area_codes: string; auto_publish: number; total: number; result_version: number; launched_at: string;
};

const toCycle = (r: Row): CycleRow => ({
  id: r.id,
  surveyId: r.survey_id,
  survey: r.survey_code,
  period: r.period,
  status: r.status,
  collectionDeadline: r.collection_deadline,
  areaCodes: JSON.parse(r.area_codes) as string[],
  autoPublish: r.auto_publish === 1,
  total: r.total,
  resultVersion: r.result_version,
  launchedAt: r.launched_at,
});

export function findCycle(db: Database.Database, id: string): CycleRow | undefined {
  const row = prepared<[string], Row>(db, 'SELECT * FROM cycles WHERE id = ?').get(id);
  return row && toCycle(row);
}

/** Newest first; the cursor is the launch time and id of the last row seen. */
export function listCycles(db: Database.Database, after: { launchedAt: string; id: string } | null, limit: number): CycleRow[] {
  const rows = after
    ? prepared<[string, string, string, number], Row>(db,
          'SELECT * FROM cycles WHERE launched_at < ? OR (launched_at = ? AND id < ?) ORDER BY launched_at DESC, id DESC LIMIT ?',
        )
        .all(after.launchedAt, after.launchedAt, after.id, limit)
    : prepared<[number], Row>(db, 'SELECT * FROM cycles ORDER BY launched_at DESC, id DESC LIMIT ?').all(limit);
  return rows.map(toCycle);
}

export function activeCycleFor(db: Database.Database, surveyCode: string, period: string): CycleRow | undefined {
  const row = prepared<[string, string], Row>(db, "SELECT * FROM cycles WHERE survey_code = ? AND period = ? AND status <> 'cancelled' LIMIT 1")
    .get(surveyCode, period);
  return row && toCycle(row);
}

/** How many cycles are in each status, for the metrics. */
export function cycleStatusCounts(db: Database.Database): Record<CycleStatus, number> {
  const counts = Object.fromEntries(CYCLE_STATUSES.map((s) => [s, 0])) as Record<CycleStatus, number>;
  for (const row of db.prepare<[], { status: CycleStatus; n: number }>('SELECT status, count(*) AS n FROM cycles GROUP BY status').all()) counts[row.status] = row.n;
  return counts;
}
