import type { ResultTable } from '../results/tables.js';

export const CYCLE_STATUSES = ['launching', 'collecting', 'closed', 'published', 'cancelled'] as const;
export type CycleStatus = (typeof CYCLE_STATUSES)[number];

export type CycleLaunched = {
  type: 'CycleLaunched';
  data: {
    cycleId: string;
    surveyId: string;
    surveyCode: string;
    period: string;
    areaCodes: string[];
    collectionDeadline: string;
    autoPublish: boolean;
  };
};
export type TasksCreated = { type: 'TasksCreated'; data: { count: number; total: number } };
export type CollectionStarted = { type: 'CollectionStarted'; data: { total: number } };
export type DeadlineExtended = { type: 'DeadlineExtended'; data: { from: string; to: string } };
export type CollectionClosed = { type: 'CollectionClosed'; data: { reason: 'deadline' | 'all_final' | 'manager' } };
export type ResultsPublished = {
  type: 'ResultsPublished';
  data: { version: number; publishedAt: string; tables: ResultTable[]; approved: number };
};
export type CycleCancelled = { type: 'CycleCancelled'; data: { reason: string } };

export type CycleEvent =
  | CycleLaunched
  | TasksCreated
  | CollectionStarted
  | DeadlineExtended
  | CollectionClosed
  | ResultsPublished
  | CycleCancelled;
