import type Database from 'better-sqlite3';
import { scopeClause, type Scope } from '../scope.js';

export interface RateQuery {
  readonly survey: string;
  /** Periods from and to, inclusive, compared as written (2026-01 … 2026-12). */
  readonly from?: string;
  readonly to?: string;
  readonly level: 'province' | 'commune';
  /** With `commune`: only the communes of this province. */
  readonly parent?: string;
  readonly scope: Scope;
}

export interface Rate {
  readonly areaCode: string;
  readonly period: string;
  readonly expected: number;
  readonly received: number;
  readonly onTime: number;
  readonly late: number;
  readonly approved: number;
  /** received ÷ expected; null when nothing was expected. */
  readonly rate: number | null;
  readonly onTimeRate: number | null;
}

/**
 * A survey's reporting rates by area and period, over its cycles that were not cancelled (a
 * period launched twice counts both). Areas and periods with nothing expected have no row.
 */
export function reportingRates(db: Database.Database, q: RateQuery): { periods: string[]; items: Rate[] } {
  const column = q.level === 'province' ? 'r.province_code' : 'r.commune_code';
  const where = scopeClause(q.scope, 'r');
  const clauses = ["c.survey_code = ?", "c.status <> 'cancelled'", 'c.period >= ?', 'c.period <= ?', `${column} IS NOT NULL`, where.sql];
  const params: unknown[] = [q.survey, q.from ?? '', q.to ?? '\uffff', ...where.params];
  if (q.parent !== undefined) {
    clauses.push('r.province_code = ?');
    params.push(q.parent);
  }
  const rows = db
    .prepare<unknown[], [string, string, number, number, number, number]>(
      `SELECT ${column}, c.period, sum(r.expected), sum(r.received), sum(r.on_time), sum(r.approved)
       FROM cycles c JOIN reporting r ON r.cycle_id = c.id WHERE ${clauses.join(' AND ')}
       GROUP BY ${column}, c.period ORDER BY ${column}, c.period`,
    )
    .raw(true)
    .all(...params);
  const ratio = (n: number, d: number) => (d === 0 ? null : n / d);
  const items = rows.map(([areaCode, period, expected, received, onTime, approved]) => ({
    areaCode,
    period,
    expected,
    received,
    onTime,
    late: received - onTime,
    approved,
    rate: ratio(received, expected),
    onTimeRate: ratio(onTime, expected),
  }));
  return { periods: [...new Set(items.map((item) => item.period))].sort(), items };
}
