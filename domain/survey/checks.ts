import type { SurveyDefinition } from './definition.js';
import { evaluateResponse, type CheckResult, type ResponseContext } from './evaluate.js';
import type { ResponseData } from './response.js';

export type { CheckResult } from './evaluate.js';

export interface CheckOutcome {
  /** Block-severity checks that failed: the task goes to `checks_failed`. */
  readonly failed: CheckResult[];
  /** Warn-severity failures and skipped checks: shown to the reviewer. */
  readonly warnings: CheckResult[];
}

/** Runs every edit check of the survey over a response that already passed `validateResponse`, scoped checks once per row. */
export function runChecks(survey: SurveyDefinition, data: ResponseData, context: ResponseContext = {}): CheckOutcome {
  const { failed, warnings } = evaluateResponse(survey, data, context);
  return { failed, warnings };
}

/** The key an explanation of a warning is kept under: the check's id, and the row of a scoped check (`id@persons[2]`). */
export const explanationKey = (check: Pick<CheckResult, 'id' | 'row'>): string => (check.row === undefined ? check.id : `${check.id}@${check.row}`);
