import type { Unit } from '../domain/frame.js';
import type { ResponseContext } from '../domain/survey/evaluate.js';
import type { UserRecord } from '../domain/users.js';

/** What activities need to read from the read side: the frame and the staff. */
export interface Directory {
  /** Units of `type`, ordered by id, after `after`. */
  unitsPage(type: string, after: string | null, limit: number): Unit[];
  activeUsers(role: UserRecord['role']): UserRecord[];
  /** How many of the cycle's tasks the read models show as final. */
  finalTasks(cycleId: string): number;
  /** The id of the survey's cycle for that period that is not cancelled, if any. */
  activeCycle(surveyCode: string, period: string): string | null;
  /** What the task's checks see besides its answers: its unit's attributes and previous approved response. */
  responseContext(taskId: string): ResponseContext;
  /** Which of these units have an active respondent: their tasks go to the respondents. */
  unitsWithRespondents(unitIds: readonly string[]): Set<string>;
  /** A unit's active respondents: who is sent its task's messages. */
  respondentsOf(unitId: string): UserRecord[];
  /** An account by username, disabled or not (a task's enumerator, to write to). */
  user(username: string): UserRecord | undefined;
  /** A unit of the frame, for its name in messages. */
  unit(unitId: string): Unit | undefined;
}
