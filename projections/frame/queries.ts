import type Database from 'better-sqlite3';
import { scopeClause, type Scope } from '../scope.js';
import { searchKey, type UnitRow } from './model.js';

export interface UnitFilter {
  readonly type?: string;
  /** An area: units in it or anywhere below it. */
  readonly areaCode?: string;
  /** Words to find in a unit's id, name or address, diacritics or not. */
  readonly text?: string;
}

/** `%` and `_` typed by the user are letters, not wildcards. */
const likeEscaped = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** One page of the frame's units in id order, inside the caller's scope. */
export function listUnits(db: Database.Database, filter: UnitFilter, scope: Scope, after: string | null, limit: number): UnitRow[] {
  const where = scopeClause(scope);
  const clauses = ['id > ?', where.sql];
  const params: unknown[] = [after ?? '', ...where.params];
  if (filter.type) {
    clauses.push('type = ?');
    params.push(filter.type);
  }
  if (filter.areaCode) {
    clauses.push('(area_code = ? OR commune_code = ? OR province_code = ?)');
    params.push(filter.areaCode, filter.areaCode, filter.areaCode);
  }
  // Every word must appear, in any order: "an thon 3" finds "Hộ Nguyễn Văn An, Thôn 3".
  for (const word of searchKey(filter.text ?? '').split(/\s+/).filter(Boolean)) {
    clauses.push("search LIKE ? ESCAPE '\\'");
    params.push(`%${likeEscaped(word)}%`);
  }
  params.push(limit);
  return db
    .prepare<unknown[], UnitRow>(
      `SELECT id, type, area_code, commune_code, province_code, name, address, enumerator FROM frame_units WHERE ${clauses.join(' AND ')} ORDER BY id LIMIT ?`,
    )
    .all(...params);
}

/** The unit types the frame holds inside the scope, with how many units of each. */
export function unitTypes(db: Database.Database, scope: Scope): { type: string; units: number }[] {
  const where = scopeClause(scope);
  return db
    .prepare<unknown[], { type: string; units: number }>(`SELECT type, count(*) AS units FROM frame_units WHERE ${where.sql} GROUP BY type ORDER BY type`)
    .all(...where.params);
}
