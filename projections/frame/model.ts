import type Database from 'better-sqlite3';
import type { Attributes, Unit, UnitsImported } from '../../domain/frame.js';
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

/**
 * What the register knows of each unit (`attributes`), a model of its own so that a read
 * database from before attributes fills it from the log. A unit imported again without
 * attributes has none.
 */
export const unitAttributesModel: ReadModel = {
  name: 'unit_attributes',
  schema: 'CREATE TABLE IF NOT EXISTS unit_attributes (id TEXT PRIMARY KEY, attributes TEXT NOT NULL)',
  apply(db, event) {
    if (event.type !== 'UnitsImported') return;
    for (const unit of (event.data as UnitsImported['data']).units) {
      if (unit.attributes && Object.keys(unit.attributes).length > 0) prepared(db, 'INSERT OR REPLACE INTO unit_attributes (id, attributes) VALUES (?, ?)').run(unit.id, JSON.stringify(unit.attributes));
      else prepared(db, 'DELETE FROM unit_attributes WHERE id = ?').run(unit.id);
    }
  },
};

export function unitAttributes(db: Database.Database, unitId: string): Attributes {
  const row = prepared<[string], { attributes: string }>(db, 'SELECT attributes FROM unit_attributes WHERE id = ?').get(unitId);
  return row ? (JSON.parse(row.attributes) as Attributes) : {};
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

export function findUnit(db: Database.Database, id: string): (Unit & { communeCode: string | null; provinceCode: string | null }) | undefined {
  const row = prepared<[string], UnitRow>(db, 'SELECT * FROM frame_units WHERE id = ?').get(id);
  return row && { ...toUnit(row), communeCode: row.commune_code, provinceCode: row.province_code };
}
