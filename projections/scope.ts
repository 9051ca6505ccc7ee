/**
 * The areas a caller may see: `null` for everything (national staff, auditors),
 * else a list of area codes; rows match when their province, commune or own area is listed.
 */
export type Scope = readonly string[] | null;

export function scopeClause(scope: Scope, alias = ''): { sql: string; params: string[] } {
  if (scope === null) return { sql: '1', params: [] };
  if (scope.length === 0) return { sql: '0', params: [] };
  const marks = scope.map(() => '?').join(',');
  const p = alias ? `${alias}.` : '';
  return {
    sql: `(${p}province_code IN (${marks}) OR ${p}commune_code IN (${marks}) OR ${p}area_code IN (${marks}))`,
    params: [...scope, ...scope, ...scope],
  };
}
