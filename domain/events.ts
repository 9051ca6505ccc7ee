/** What every event carries besides its data (SPEC.md, Event streams). */
export interface EventMetadata {
  readonly actor: string;
  readonly correlationId: string;
  readonly causationId: string | null;
  readonly workflowId: string | null;
  readonly at: string;
  readonly schemaVersion: number;
  readonly prevHash?: string;
  readonly hash?: string;
}

/** The business part of an event, before the store gives it an id and a place. */
export interface DomainEvent<T extends string = string, D = unknown> {
  readonly type: T;
  readonly data: D;
}

/** Who caused a change, and in answer to what. */
export interface Actor {
  readonly userId: string;
  readonly correlationId: string;
}

export const SYSTEM_ACTOR = 'system';

export const streams = {
  survey: (id: string) => `survey-${id}`,
  cycle: (id: string) => `cycle-${id}`,
  task: (taskId: string) => `task-${taskId}`,
  /** What reached the server after the world moved on (domain/task/late.ts); written by the API, one stream per task. */
  late: (taskId: string) => `late-${taskId}`,
  user: (id: string) => `user-${id}`,
  frame: (batchId: string) => `frame-${batchId}`,
} as const;

export const taskId = (cycleId: string, unitId: string) => `${cycleId}.${unitId}`;
