export const TASK_STATUSES = [
  'assigned',
  'checks_failed',
  'in_review',
  'rejected',
  'approved',
  'non_response',
  'cancelled',
] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** Statuses a task does not leave: the work on it is done one way or another. */
export const FINAL_TASK_STATUSES = ['approved', 'non_response', 'cancelled'] as const satisfies readonly TaskStatus[];

export function finalTaskCount(counts: Record<TaskStatus, number>): number {
  return FINAL_TASK_STATUSES.reduce((sum, status) => sum + counts[status], 0);
}

export type CycleStatus = 'launching' | 'collecting' | 'closed' | 'published' | 'cancelled';

export interface CycleOverview {
  id: string;
  survey: string;
  period: string;
  /** A CycleStatus; kept as string so a status added later still renders. */
  status: string;
  collectionDeadline: string;
  total: number;
  overdue: number;
  counts: Record<TaskStatus, number>;
}

export interface CyclePage {
  items: CycleOverview[];
  nextCursor: string | null;
}

export interface User {
  id: string;
  username: string;
  role: string;
  areaCodes: string[];
}

export interface Session {
  token: string;
  user: User;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

export function isCycleOverview(value: unknown): value is CycleOverview {
  return (
    isRecord(value) &&
    typeof value.id === 'string' &&
    typeof value.total === 'number' &&
    isRecord(value.counts) &&
    TASK_STATUSES.every((s) => isRecord(value.counts) && typeof value.counts[s] === 'number')
  );
}

export function isSession(value: unknown): value is Session {
  return (
    isRecord(value) &&
    typeof value.token === 'string' &&
    isRecord(value.user) &&
    typeof value.user.username === 'string' &&
    typeof value.user.role === 'string'
  );
}

/** Replaces the cycle with the same id, or puts a new one first. */
export function upsertCycle(list: CycleOverview[], cycle: CycleOverview): CycleOverview[] {
  const at = list.findIndex((c) => c.id === cycle.id);
  if (at < 0) return [cycle, ...list];
  return list.map((c, i) => (i === at ? cycle : c));
}
