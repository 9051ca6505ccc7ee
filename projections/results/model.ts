import type Database from 'better-sqlite3';
import type { ResultsPublished } from '../../domain/cycle/events.js';
import type { ResultTable } from '../../domain/results/tables.js';
import { prepared, type ReadModel } from '../model.js';

export const resultsModel: ReadModel = {
  name: 'results',
  schema: `CREATE TABLE IF NOT EXISTS results (
    cycle_id TEXT NOT NULL, version INTEGER NOT NULL, published_at TEXT NOT NULL, tables TEXT NOT NULL,
    PRIMARY KEY (cycle_id, version))`,
  apply(db, event, changes) {
    if (event.type !== 'ResultsPublished' || !event.stream.startsWith('cycle-')) return;
    const cycleId = event.stream.slice('cycle-'.length);
    const data = event.data as ResultsPublished['data'];
    prepared(db, 'INSERT OR REPLACE INTO results (cycle_id, version, published_at, tables) VALUES (?, ?, ?, ?)').run(
      cycleId,
      data.version,
      data.publishedAt,
      JSON.stringify(data.tables),
    );
    changes.cycles.add(cycleId);
  },
};

export interface PublishedResult {
  readonly cycleId: string;
  readonly version: number;
  readonly publishedAt: string;
  readonly tables: ResultTable[];
}

export function latestResult(db: Database.Database, cycleId: string): PublishedResult | undefined {
  const row = prepared<[string], { version: number; published_at: string; tables: string }>(db,
      'SELECT version, published_at, tables FROM results WHERE cycle_id = ? ORDER BY version DESC LIMIT 1',
    )
    .get(cycleId);
  return row && { cycleId, version: row.version, publishedAt: row.published_at, tables: JSON.parse(row.tables) as ResultTable[] };
}
