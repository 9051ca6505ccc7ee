import { client, ok } from './api';
import type { Answer } from './types';

export type Results = Answer<'/api/cycles/{id}/results', 'get'>;
export type ResultTable = Results['tables'][number];
export type ResultRow = ResultTable['rows'][number];

export function getResults(cycleId: string): Promise<Results> {
  // The document offers JSON or CSV; without `format=csv` the answer is JSON.
  return ok(client.GET('/api/cycles/{id}/results', { params: { path: { id: cycleId } } })) as Promise<Results>;
}

export function resultsCsvPath(cycleId: string): string {
  return `/api/cycles/${encodeURIComponent(cycleId)}/results?format=csv`;
}
