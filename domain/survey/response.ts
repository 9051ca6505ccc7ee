import type { FieldError } from '../errors.js';
import type { SurveyDefinition } from './definition.js';
import { evaluateResponse, type Evaluation, type ResponseContext } from './evaluate.js';

/** Answers as stored: they mirror the questionnaire's items (numbers, text, lists, points, roster rows). */
export type ResponseData = Record<string, unknown>;

export interface Validated {
  /** What is stored: the relevant answers and the calculations. */
  readonly data: ResponseData;
  readonly evaluation: Evaluation;
}

/**
 * Types, required items, ranges, choices, row counts and constraints of the questionnaire.
 * A response that breaks one is refused outright (400) and recorded nowhere; edit checks
 * come after. Answers to items that are not relevant are dropped, as ODK does.
 */
export function validateResponse(survey: SurveyDefinition, data: Record<string, unknown>, context: ResponseContext = {}): { errors: FieldError[] } & Validated {
  const evaluation = evaluateResponse(survey, data, context);
  return { errors: evaluation.errors.map((e) => ({ ...e, path: `data.${e.path}` })), data: evaluation.data, evaluation };
}
