import { client, ok } from './api';
import type { components, paths } from './api-schema';
import { withQuery } from './router.svelte';

/** Who has reported, by area and period, as `GET /api/surveys/{id}/reporting-rates` gives it. */
export type ReportingRates = components['schemas']['ReportingRates'];
export type RateItem = ReportingRates['items'][number];
export type RateQuery = NonNullable<paths['/api/surveys/{id}/reporting-rates']['get']['parameters']['query']>;

/** A period as cycles are named (2026-11, 2026-Q4), the server's rule. */
export const PERIOD = /^[0-9A-Za-z][0-9A-Za-z_-]{2,29}$/;

/** The API's query for the matrix: the provinces, or the communes of `province` when one is drilled into. */
export function rateQuery(options: { from?: string; to?: string; province?: string }): RateQuery {
  return {
    ...(options.from ? { from: options.from } : {}),
    ...(options.to ? { to: options.to } : {}),
    ...(options.province ? { level: 'commune' as const, parent: options.province } : { level: 'province' as const }),
  };
}

export function getReportingRates(survey: string, query: RateQuery): Promise<ReportingRates> {
  return ok(client.GET('/api/surveys/{id}/reporting-rates', { params: { path: { id: survey }, query } }));
}

/** The same rows as CSV, for `download` (a plain link cannot send the bearer token). */
export function reportingCsvPath(survey: string, query: RateQuery): string {
  return withQuery(`/api/surveys/${encodeURIComponent(survey)}/reporting-rates.csv`, { ...query });
}

export interface RateTotals {
  expected: number;
  received: number;
  onTime: number;
  late: number;
  approved: number;
  rate: number | null;
}

export interface MatrixRow {
  areaCode: string;
  areaName: string;
  /** By period; a period where nothing was expected of the area has none. */
  cells: Record<string, RateItem>;
}

export interface RateMatrix {
  periods: string[];
  rows: MatrixRow[];
  /** Each period's sums over the rows shown. */
  totals: Record<string, RateTotals>;
}

/** The answer's flat list as areas × periods, areas in the order the server gave them. */
export function buildMatrix(rates: ReportingRates): RateMatrix {
  const rows = new Map<string, MatrixRow>();
  const totals: Record<string, RateTotals> = {};
  for (const period of rates.periods) totals[period] = { expected: 0, received: 0, onTime: 0, late: 0, approved: 0, rate: null };
  for (const item of rates.items) {
    let row = rows.get(item.areaCode);
    if (!row) rows.set(item.areaCode, (row = { areaCode: item.areaCode, areaName: item.areaName, cells: {} }));
    row.cells[item.period] = item;
    const total = (totals[item.period] ??= { expected: 0, received: 0, onTime: 0, late: 0, approved: 0, rate: null });
    total.expected += item.expected;
    total.received += item.received;
    total.onTime += item.onTime;
    total.late += item.late;
    total.approved += item.approved;
  }
  for (const total of Object.values(totals)) total.rate = total.expected > 0 ? total.received / total.expected : null;
  return { periods: rates.periods, rows: [...rows.values()], totals };
}

/** The colour band of a rate; the text always says the rate too, so colour is never the only sign. */
export type RateStep = 'none' | 'low' | 'mid' | 'high' | 'full';

export function rateStep(rate: number | null): RateStep {
  if (rate === null) return 'none';
  if (rate >= 1) return 'full';
  if (rate >= 0.8) return 'high';
  if (rate >= 0.5) return 'mid';
  return 'low';
}
