import { client, ok } from './api';
import type { Answer } from './types';

/** A cycle's tasks counted by status, as `GET /api/cycles/{id}/counts` gives them. */
export type TaskTally = Answer<'/api/cycles/{id}/counts', 'get'>;

/** The counts of one enumerator's tasks in a cycle, inside the caller's areas. */
export function getEnumeratorCounts(cycleId: string, enumerator: string): Promise<TaskTally> {
  return ok(client.GET('/api/cycles/{id}/counts', { params: { path: { id: cycleId }, query: { enumerator } } }));
}
