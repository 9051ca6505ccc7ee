import type { AuditedCell } from '../disclosure/protect.js';
import type { ResultTable } from '../results/tables.js';

/**
 * `closing` and `cancelling` last while the cycle tells its tasks: a cycle reads `closed` or
 * `cancelled` only once every task has taken the news, so no task of it is still open then.
 */
export const CYCLE_STATUSES = ['launching', 'collecting', 'closing', 'closed', 'published', 'cancelling', 'cancelled'] as const;
export type CycleStatus = (typeof CYCLE_STATUSES)[number];

/** While a cycle is in one of these, its tasks take submissions and its deadline may move; from `closing` or `cancelling` on, neither. */
export function isCollecting(status: CycleStatus): boolean {
  return status === 'launching' || status === 'collecting';
}

export type CycleLaunched = {
  type: 'CycleLaunched';
  data: {
    cycleId: string;
    surveyId: string;
    surveyCode: string;
    /** The questionnaire version its tasks are given. */
    surveyVersion: number;
    period: string;
    areaCodes: string[];
    collectionDeadline: string;
    autoPublish: boolean;
  };
};
export type TasksCreated = { type: 'TasksCreated'; data: { count: number; total: number } };
export type CollectionStarted = { type: 'CollectionStarted'; data: { total: number } };
export type DeadlineExtended = { type: 'DeadlineExtended'; data: { from: string; to: string } };
/** Submissions stop here; the cycle then tells each of its tasks, and records `CollectionClosed` once all have. */
export type ClosingStarted = { type: 'ClosingStarted'; data: { reason: 'deadline' | 'manager' } };
export type CollectionClosed = { type: 'CollectionClosed'; data: { reason: 'deadline' | 'all_final' | 'manager' } };
export type ResultsPublished = {
  type: 'ResultsPublished';
  /**
   * `disclosurePolicy`: the rules the tables were protected by (see DISCLOSURE_POLICY); absent before policy 2, meaning 1.
   * `audit`: what a reader can derive about each hidden cell (policy 3); for auditors, never published.
   */
  data: { version: number; publishedAt: string; tables: ResultTable[]; approved: number; disclosurePolicy?: number; audit?: AuditedCell[] };
};
/** Like `ClosingStarted`, for a cancellation: `CycleCancelled` follows once every task is cancelled or final. */
export type CancellationStarted = { type: 'CancellationStarted'; data: { reason: string } };
export type CycleCancelled = { type: 'CycleCancelled'; data: { reason: string } };

export type CycleEvent =
  | CycleLaunched
  | TasksCreated
  | CollectionStarted
  | DeadlineExtended
  | ClosingStarted
  | CollectionClosed
  | ResultsPublished
  | CancellationStarted
  | CycleCancelled;
