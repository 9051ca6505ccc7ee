import type { FieldError } from '../errors.js';
import type { FieldDefinition, SurveyDefinition } from './definition.js';
import { isCalendarDate } from './evaluate.js';

export type ResponseValue = number | string | boolean | null;
export type ResponseData = Record<string, ResponseValue>;

function fieldProblem(field: FieldDefinition, value: unknown): string | null {
  switch (field.type) {
    case 'integer':
    case 'decimal': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return `must be a ${field.type === 'integer' ? 'whole number' : 'number'}`;
      if (field.type === 'integer' && !Number.isInteger(value)) return 'must be a whole number';
      if (field.min !== undefined && value < field.min) return `must be at least ${field.min}`;
      if (field.max !== undefined && value > field.max) return `must be at most ${field.max}`;
      return null;
    }
    case 'text':
      if (typeof value !== 'string') return 'must be text';
      if (value.length > (field.maxLength ?? 2000)) return `must be at most ${field.maxLength ?? 2000} characters`;
      return null;
    case 'choice':
      if (typeof value !== 'string' || !field.choices?.includes(value)) return `must be one of ${field.choices?.join(', ')}`;
      return null;
    case 'date':
      // A round trip refuses days that do not exist, such as 30 February.
      if (typeof value !== 'string' || !isCalendarDate(value)) return 'must be a date YYYY-MM-DD';
      return null;
    case 'boolean':
      if (typeof value !== 'boolean') return 'must be true or false';
      return null;
    default: {
      const _exhaustive: never = field.type;
      return _exhaustive;
    }
  }
}

/**
 * Type, required, range and choice rules of the questionnaire. A response that
 * breaks one is refused outright (400) and recorded nowhere; edit checks come after.
 */
export function validateResponse(survey: SurveyDefinition, data: Record<string, unknown>): FieldError[] {
  const errors: FieldError[] = [];
  const known = new Set(survey.fields.map((f) => f.id));
  for (const key of Object.keys(data)) {
    if (!known.has(key)) errors.push({ path: `data.${key}`, message: 'is not a field of this survey' });
  }
  for (const field of survey.fields) {
    const value = data[field.id];
    if (value === undefined || value === null || value === '') {
      if (field.required) errors.push({ path: `data.${field.id}`, message: 'is required' });
      continue;
    }
    const problem = fieldProblem(field, value);
    if (problem) errors.push({ path: `data.${field.id}`, message: problem });
  }
  return errors;
}
