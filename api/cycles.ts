import type Database from 'better-sqlite3';
import type { Geography } from '../domain/geography/geography.js';
import type { TaskStatus } from '../domain/task/events.js';
import type { UserRecord } from '../domain/users.js';
import type { CycleRow } from '../projections/cycles/model.js';
import { cycleCounts, emptyCounts } from '../projections/tasks/queries.js';
import { scopeOf } from './access.js';
import { findCancellation } from '../projections/cycles/cancellations.js';

/** Whether a cycle's areas meet the caller's: out-of-scope cycles are invisible (404). */
export function cycleVisible(cycle: CycleRow, user: UserRecord, geography: Geography): boolean {
  const scope = scopeOf(user);
  if (scope === null || cycle.areaCodes.length === 0) return true;
  return cycle.areaCodes.some((a) => scope.some((s) => geography.overlaps(s, a)));
}

/** The overview a caller sees: counts inside their areas, or of their own tasks for an enumerator. */
export function cycleOverview(db: Database.Database, cycle: CycleRow, user: UserRecord) {
  let counts;
  let overdue;
  let total;
  if (user.role === 'enumerator') {
    counts = emptyCounts();
    overdue = 0;
    const rows = db
      .prepare<[string, string], { status: TaskStatus; n: number; late: number }>(
        `SELECT status, count(*) AS n, sum(overdue) AS late FROM tasks WHERE cycle_id = ? AND enumerator = ? GROUP BY status`,
      )
      .all(cycle.id, user.username);
    for (const row of rows) {
      counts[row.status] = row.n;
      if (!['approved', 'non_response', 'cancelled'].includes(row.status)) overdue += row.late;
    }
    total = rows.reduce((a, r) => a + r.n, 0);
  } else {
    ({ counts, overdue, total } = cycleCounts(db, cycle.id, scopeOf(user)));
    // Nationally, a launching cycle's total is what the workflow has created so far.
    if (scopeOf(user) === null) total = Math.max(total, cycle.total);
  }
  return {
    id: cycle.id,
    survey: cycle.survey,
    period: cycle.period,
    status: cycle.status,
    collectionDeadline: cycle.collectionDeadline,
    areaCodes: cycle.areaCodes,
    autoPublish: cycle.autoPublish,
    total,
    overdue,
    counts,
    resultVersion: cycle.resultVersion,
    launchedAt: cycle.launchedAt,
    cancellation: findCancellation(db, cycle.id),
  };
}
