import type Database from 'better-sqlite3';
import type { Unit, UnitsImported } from '../../domain/frame.js';
import { prepared, type ReadModel } from '../model.js';

export const frameModel: ReadModel = {
  name: 'frame',
  schema: `CREATE TABLE IF NOT EXISTS units (
    id TEXT PRIMARY KEY, type TEXT NOT NULL, area_code TEXT NOT NULL, name TEXT NOT NULL, enumerator TEXT);
    CREATE INDEX IF NOT EXISTS units_type ON units (type, id);`,
  apply(db, event) {
    if (event.type !== 'UnitsImported') return;
    const insert = prepared(db,
      'INSERT OR REPLACE INTO units (id, type, area_code, name, enumerator) VALUES (@id, @type, @areaCode, @name, @enumerator)',
    );
    for (const unit of (event.data as UnitsImported['data']).units) insert.run({ enumerator: null, ...unit });
  },
};

type Row = { id: string; type: string; area_code: string; name: string; enumerator: string | null };

export function unitsPage(db: Database.Database, type: string, after: string | null, limit: number): Unit[] {
  return prepared<[string, string, number], Row>(db, 'SELECT * FROM units WHERE type = ? AND id > ? ORDER BY id LIMIT ?')
    .all(type, after ?? '', limit)
    .map((r) => ({ id: r.id, type: r.type, areaCode: r.area_code, name: r.name, ...(r.enumerator ? { enumerator: r.enumerator } : {}) }));
}

export function countUnits(db: Database.Database): number {
  return prepared<[], { n: number }>(db, 'SELECT count(*) AS n FROM units').get()?.n ?? 0;
}
