import type Database from 'better-sqlite3';
import type { Geography } from '../../domain/geography/geography.js';
import { scopeClause, type Scope } from '../scope.js';
import { prepared, type ReadModel } from '../model.js';

/** What the dashboard's chart counts over time, from the task events that mark it. */
export const TIMELINE_KINDS = { ResponseSubmitted: 'submitted', TaskApproved: 'approved', TaskRejected: 'rejected' } as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[keyof typeof TIMELINE_KINDS];

/**
 * Counts of submissions, approvals and rejections per cycle, commune and hour, so that a
 * census's chart never scans its tasks. The commune comes from the task's assignment.
 * A batch's counts are summed in memory and written once per cycle, area, hour and kind.
 */
export function timelineModel(geography: Geography): ReadModel {
  type Place = { cycle_id: string; area_code: string; commune_code: string | null; province_code: string | null };
  /** Tasks looked up or assigned in this batch. */
  const places = new Map<string, Place | undefined>();
  const counts = new Map<string, Place & { hour: string; kind: TimelineKind; n: number }>();
  return {
    name: 'timeline',
    schema: `CREATE TABLE IF NOT EXISTS timeline_tasks (id TEXT PRIMARY KEY, cycle_id TEXT NOT NULL, area_code TEXT NOT NULL, commune_code TEXT, province_code TEXT);
      CREATE TABLE IF NOT EXISTS timeline (
        cycle_id TEXT NOT NULL, province_code TEXT, commune_code TEXT, area_code TEXT NOT NULL, hour TEXT NOT NULL, kind TEXT NOT NULL, n INTEGER NOT NULL,
        PRIMARY KEY (cycle_id, area_code, hour, kind));`,
    apply(db, event) {
      if (!event.stream.startsWith('task-')) return;
      const id = event.stream.slice('task-'.length);
      if (event.type === 'TaskAssigned') {
        const data = event.data as { cycleId: string; areaCode: string };
        const { commune, province } = geography.placeOf(data.areaCode);
        const place: Place = { cycle_id: data.cycleId, area_code: data.areaCode, commune_code: commune, province_code: province };
        prepared(db, 'INSERT OR REPLACE INTO timeline_tasks (id, cycle_id, area_code, commune_code, province_code) VALUES (?, ?, ?, ?, ?)').run(id, place.cycle_id, place.area_code, place.commune_code, place.province_code);
        places.set(id, place);
        return;
      }
      const kind = TIMELINE_KINDS[event.type as keyof typeof TIMELINE_KINDS];
      if (!kind) return;
      if (!places.has(id)) places.set(id, prepared<[string], Place>(db, 'SELECT cycle_id, area_code, commune_code, province_code FROM timeline_tasks WHERE id = ?').get(id));
      const place = places.get(id);
      if (!place) return;
      const hour = `${event.metadata.at.slice(0, 13)}:00:00Z`;
      const key = `${place.cycle_id}\u0000${place.area_code}\u0000${hour}\u0000${kind}`;
      const count = counts.get(key) ?? { ...place, hour, kind, n: 0 };
      count.n += 1;
      counts.set(key, count);
    },
    flush(db) {
      const add = prepared(
        db,
        `INSERT INTO timeline (cycle_id, province_code, commune_code, area_code, hour, kind, n) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (cycle_id, area_code, hour, kind) DO UPDATE SET n = n + excluded.n`,
      );
      for (const c of counts.values()) add.run(c.cycle_id, c.province_code, c.commune_code, c.area_code, c.hour, c.kind, c.n);
      counts.clear();
      places.clear();
    },
    discard() {
      counts.clear();
      places.clear();
    },
  };
}

export interface TimelinePoint {
  readonly at: string;
  readonly submitted: number;
  readonly approved: number;
  readonly rejected: number;
}

/** The cycle's counts per hour or per day (UTC), inside the caller's scope, oldest first. */
export function cycleTimeline(db: Database.Database, cycleId: string, bucket: 'hour' | 'day', scope: Scope): TimelinePoint[] {
  const where = scopeClause(scope);
  const at = bucket === 'hour' ? 'hour' : "substr(hour, 1, 10) || 'T00:00:00Z'";
  const rows = db
    .prepare<unknown[], { at: string; kind: TimelineKind; n: number }>(`SELECT ${at} AS at, kind, sum(n) AS n FROM timeline WHERE cycle_id = ? AND ${where.sql} GROUP BY 1, 2 ORDER BY 1`)
    .all(cycleId, ...where.params);
  const points = new Map<string, { at: string; submitted: number; approved: number; rejected: number }>();
  for (const row of rows) {
    const point = points.get(row.at) ?? { at: row.at, submitted: 0, approved: 0, rejected: 0 };
    point[row.kind] = row.n;
    points.set(row.at, point);
  }
  return [...points.values()];
}
