import type Database from 'better-sqlite3';
import type { Unit, UnitsImported } from '../../domain/frame.js';
import type { Geography } from '../../domain/geography/geography.js';
import { prepared, type ReadModel } from '../model.js';

/**
 * The frame's units, with their address, the commune and province they lie in (for scoped and
 * area filters) and a search key. A model of its own name and table: installs whose `units`
 * table predates addresses fill this one from the log, and the old table goes.
 */
export function frameModel(geography: Geography): ReadModel {
  return {
    name: 'frame_units',
    schema: `DROP TABLE IF EXISTS units;
      CREATE TABLE IF NOT EXISTS frame_units (
      id TEXT PRIMARY KEY, type TEXT NOT NULL, area_code TEXT NOT NULL, commune_code TEXT, province_code TEXT,
      name TEXT NOT NULL, address TEXT, enumerator TEXT, search TEXT NOT NULL);
      CREATE INDEX IF NOT EXISTS frame_units_type ON frame_units (type, id);
      CREATE INDEX IF NOT EXISTS frame_units_area ON frame_units (area_code, id);
      CREATE INDEX IF NOT EXISTS frame_units_commune ON frame_units (commune_code, id);
      CREATE INDEX IF NOT EXISTS frame_units_province ON frame_units (province_code, id);`,
    apply(db, event) {
      if (event.type !== 'UnitsImported') return;
      const insert = prepared(
        db,
        `INSERT OR REPLACE INTO frame_units (id, type, area_code, commune_code, province_code, name, address, enumerator, search)
         VALUES (@id, @type, @areaCode, @commune, @province, @name, @address, @enumerator, @search)`,
      );
      for (const unit of (event.data as UnitsImported['data']).units) {
        insert.run({ address: null, enumerator: null, ...unit, ...geography.placeOf(unit.areaCode), search: searchKey([unit.id, unit.name, unit.address ?? ''].join(' ')) });
      }
    },
  };
}

/** Text as the frame search compares it: lower case, without diacritics, so `ha noi` finds `Hà Nội`. */
export function searchKey(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
}

export type UnitRow = {
  id: string; type: string; area_code: string; commune_code: string | null; province_code: string | null;
  name: string; address: string | null; enumerator: string | null;
};

export const toUnit = (r: UnitRow): Unit => ({
  id: r.id,
  type: r.type,
  areaCode: r.area_code,
  name: r.name,
  ...(r.address ? { address: r.address } : {}),
  ...(r.enumerator ? { enumerator: r.enumerator } : {}),
});

export function unitsPage(db: Database.Database, type: string, after: string | null, limit: number): Unit[] {
  return prepared<[string, string, number], UnitRow>(db, 'SELECT * FROM frame_units WHERE type = ? AND id > ? ORDER BY id LIMIT ?')
    .all(type, after ?? '', limit)
    .map(toUnit);
}

export function countUnits(db: Database.Database): number {
  return prepared<[], { n: number }>(db, 'SELECT count(*) AS n FROM frame_units').get()?.n ?? 0;
}
