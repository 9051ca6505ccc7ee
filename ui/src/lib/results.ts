import { api } from './api';

export interface ResultRow {
  areaCode: string;
  areaName: string;
  /** Null when the cell is suppressed. */
  value: number | null;
  suppressed: boolean;
}

export interface ResultTable {
  id: string;
  aggregate: string;
  field: string | null;
  by: string;
  rows: ResultRow[];
}

export interface Results {
  cycleId: string;
  version: number;
  publishedAt: string;
  tables: ResultTable[];
}

export function getResults(cycleId: string): Promise<Results> {
  return api.get<Results>(`/api/cycles/${encodeURIComponent(cycleId)}/results`);
}

export function resultsCsvPath(cycleId: string): string {
  return `/api/cycles/${encodeURIComponent(cycleId)}/results?format=csv`;
}
