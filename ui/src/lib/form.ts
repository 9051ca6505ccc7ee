import { tick } from 'svelte';
import type { MessageKey } from '../i18n/index.svelte';
import type { CheckResult, ResponseData, ResponseValue, SurveyCheck, SurveyField } from './types';

/** What the user typed, per field id: inputs hold text; a boolean holds '', 'true' or 'false'. */
export type FormValues = Record<string, string>;

/** A problem with one field, as a catalogue key and the numbers it names (formatted when shown). */
export interface FieldProblem {
  key: MessageKey;
  params?: Record<string, number>;
}

/** The server's default limit on text answers when the survey sets none. */
const TEXT_MAX = 2000;
const INTEGER = /^[+-]?\d+$/;
// Vietnamese writes a decimal comma; accept either mark.
const DECIMAL = /^[+-]?(\d+([.,]\d*)?|[.,]\d+)$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function isCalendarDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const time = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value;
}

function rangeProblem(field: SurveyField, value: number): FieldProblem | null {
  if (field.min !== undefined && value < field.min) return { key: 'form.error.min', params: { min: field.min } };
  if (field.max !== undefined && value > field.max) return { key: 'form.error.max', params: { max: field.max } };
  return null;
}

/** Parses what was typed into the value sent, or says what is wrong with it. Mirrors the server's rules. */
export function parseField(field: SurveyField, raw: string): { value: ResponseValue } | { problem: FieldProblem } {
  const text = field.type === 'text' ? raw : raw.trim();
  if (text === '') return field.required ? { problem: { key: 'form.error.required' } } : { value: null };
  switch (field.type) {
    case 'integer': {
      if (!INTEGER.test(text)) return { problem: { key: 'form.error.integer' } };
      const value = Number(text);
      const problem = rangeProblem(field, value);
      return problem ? { problem } : { value };
    }
    case 'decimal': {
      if (!DECIMAL.test(text)) return { problem: { key: 'form.error.number' } };
      const value = Number(text.replace(',', '.'));
      const problem = rangeProblem(field, value);
      return problem ? { problem } : { value };
    }
    case 'text': {
      const max = field.maxLength ?? TEXT_MAX;
      return text.length > max ? { problem: { key: 'form.error.maxLength', params: { max } } } : { value: text };
    }
    case 'choice':
      return field.choices?.includes(text) ? { value: text } : { problem: { key: 'form.error.choice' } };
    case 'date':
      return isCalendarDate(text) ? { value: text } : { problem: { key: 'form.error.date' } };
    case 'boolean':
      return text === 'true' || text === 'false' ? { value: text === 'true' } : { problem: { key: 'form.error.boolean' } };
    default: {
      const _exhaustive: never = field.type;
      return _exhaustive;
    }
  }
}

export function fieldProblem(field: SurveyField, raw: string): FieldProblem | null {
  const parsed = parseField(field, raw);
  return 'problem' in parsed ? parsed.problem : null;
}

/** The problems of every field, by field id; empty when the form can be sent. */
export function formProblems(fields: SurveyField[], values: FormValues): Record<string, FieldProblem> {
  const problems: Record<string, FieldProblem> = {};
  for (const field of fields) {
    const problem = fieldProblem(field, values[field.id] ?? '');
    if (problem) problems[field.id] = problem;
  }
  return problems;
}

/** The response to send: empty answers are left out, as the server treats them as missing. */
export function responseData(fields: SurveyField[], values: FormValues): ResponseData {
  const data: ResponseData = {};
  for (const field of fields) {
    const parsed = parseField(field, values[field.id] ?? '');
    if ('value' in parsed && parsed.value !== null) data[field.id] = parsed.value;
  }
  return data;
}

/** The form's starting text: the last response sent, if any. */
export function initialValues(fields: SurveyField[], response: Record<string, unknown> | null): FormValues {
  const values: FormValues = {};
  for (const field of fields) {
    const value = response?.[field.id];
    values[field.id] = typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string' ? String(value) : '';
  }
  return values;
}

/** The field ids an edit check's expression reads (string literals aside). */
export function checkFieldIds(expression: string, fieldIds: readonly string[]): string[] {
  const code = expression.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '');
  const names = new Set(code.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? []);
  return fieldIds.filter((id) => names.has(id));
}

/** Check results grouped under each field the check reads; a check reading no known field is under ''. */
export function checksByField(results: CheckResult[], checks: SurveyCheck[], fieldIds: readonly string[]): Record<string, CheckResult[]> {
  const grouped: Record<string, CheckResult[]> = {};
  for (const result of results) {
    const expression = checks.find((c) => c.id === result.id)?.expression ?? '';
    const ids = checkFieldIds(expression, fieldIds);
    for (const id of ids.length > 0 ? ids : ['']) (grouped[id] ??= []).push(result);
  }
  return grouped;
}

/** The field id a server problem path (`body.data.members`) names, if any. */
export function fieldOfPath(path: string): string | null {
  const match = /(?:^|\.)data\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(path);
  return match?.[1] ?? null;
}

/** Once the problems just found are rendered, focuses the first element under `root` that `selector` picks. */
export async function focusFirst(root: ParentNode, selector: string): Promise<void> {
  await tick();
  root.querySelector<HTMLElement>(selector)?.focus();
}
