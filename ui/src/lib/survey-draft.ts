import { t, type MessageKey } from '../i18n/index.svelte';
import type { FieldProblem } from './api';
import { fieldMessage } from './errors';
import type { FieldType } from './types';

/** What a manager types for one questionnaire field: inputs hold text until the draft is sent. */
export interface FieldDraft {
  id: string;
  type: FieldType;
  required: boolean;
  min: string;
  max: string;
  /** One choice per line. */
  choices: string;
  labelVi: string;
  labelEn: string;
}

export interface CheckDraft {
  id: string;
  expression: string;
  severity: 'block' | 'warn';
  messageVi: string;
  messageEn: string;
}

export interface OutputDraft {
  id: string;
  aggregate: 'count' | 'sum' | 'mean';
  field: string;
  by: 'country' | 'province' | 'commune';
}

export interface SurveyDraft {
  code: string;
  titleVi: string;
  titleEn: string;
  kind: 'census' | 'sample_survey' | 'reporting';
  unitType: string;
  fields: FieldDraft[];
  checks: CheckDraft[];
  /** From the lowest area level up, the order review runs in. */
  reviewLevels: string[];
  outputs: OutputDraft[];
  minCellSize: string;
  scheduled: boolean;
  every: 'month' | 'quarter' | 'year';
  collectionDays: string;
}

export const REVIEW_LEVELS = ['commune', 'province', 'country'] as const;

export const emptyField = (): FieldDraft => ({ id: '', type: 'integer', required: false, min: '', max: '', choices: '', labelVi: '', labelEn: '' });
export const emptyCheck = (): CheckDraft => ({ id: '', expression: '', severity: 'block', messageVi: '', messageEn: '' });
export const emptyOutput = (): OutputDraft => ({ id: '', aggregate: 'count', field: '', by: 'province' });

export function emptyDraft(): SurveyDraft {
  return {
    code: '',
    titleVi: '',
    titleEn: '',
    kind: 'sample_survey',
    unitType: 'household',
    fields: [emptyField()],
    checks: [],
    reviewLevels: ['commune', 'province'],
    outputs: [],
    minCellSize: '3',
    scheduled: false,
    every: 'month',
    collectionDays: '10',
  };
}

/** A number as typed (a decimal comma allowed); text that is not one goes as typed, for the server to name. */
function numberOrText(text: string): number | string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const value = Number(trimmed.replace(',', '.'));
  return Number.isFinite(value) ? value : trimmed;
}

/** The survey document the draft describes, as `POST /api/surveys` takes it. */
export function toDefinition(draft: SurveyDraft): Record<string, unknown> {
  const numeric = (type: FieldType) => type === 'integer' || type === 'decimal';
  return {
    code: draft.code.trim(),
    title: { vi: draft.titleVi.trim(), en: draft.titleEn.trim() },
    kind: draft.kind,
    unitType: draft.unitType.trim(),
    fields: draft.fields.map((f) => ({
      id: f.id.trim(),
      type: f.type,
      required: f.required,
      ...(numeric(f.type) && numberOrText(f.min) !== undefined ? { min: numberOrText(f.min) } : {}),
      ...(numeric(f.type) && numberOrText(f.max) !== undefined ? { max: numberOrText(f.max) } : {}),
      ...(f.type === 'choice' ? { choices: f.choices.split('\n').map((c) => c.trim()).filter((c) => c !== '') } : {}),
      label: { vi: f.labelVi.trim(), en: f.labelEn.trim() },
    })),
    checks: draft.checks.map((c) => ({ id: c.id.trim(), expression: c.expression.trim(), severity: c.severity, message: { vi: c.messageVi.trim(), en: c.messageEn.trim() } })),
    reviewLevels: REVIEW_LEVELS.filter((level) => draft.reviewLevels.includes(level)),
    outputs: draft.outputs.map((o) => ({ id: o.id.trim(), aggregate: o.aggregate, ...(o.aggregate === 'count' ? {} : { field: o.field.trim() }), by: o.by })),
    minCellSize: numberOrText(draft.minCellSize) ?? 1,
    ...(draft.scheduled ? { schedule: { every: draft.every, collectionDays: numberOrText(draft.collectionDays) ?? 0 } } : {}),
  };
}

/** The segments of a problem path under the body: `body.fields.1.max` → `['fields', '1', 'max']`. */
export function pathSegments(path: string): string[] {
  const segments = path.split('.').filter((s) => s !== '');
  return segments[0] === 'body' ? segments.slice(1) : segments;
}

/** The key of the input a path names: `fields-1-max`; the form gives that input the id `sf-fields-1-max`. */
export const keyOf = (segments: readonly string[]) => segments.join('-');

/** Every input key of the draft's form, sections included, so problems find their place. */
export function draftKeys(draft: SurveyDraft): Set<string> {
  const keys = ['code', 'title-vi', 'title-en', 'title', 'kind', 'unitType', 'fields', 'checks', 'outputs', 'reviewLevels', 'minCellSize', 'schedule', 'schedule-every', 'schedule-collectionDays'];
  draft.fields.forEach((_, i) => keys.push(...['id', 'type', 'required', 'min', 'max', 'choices', 'label-vi', 'label-en', 'label'].map((k) => `fields-${i}-${k}`)));
  draft.checks.forEach((_, i) => keys.push(...['id', 'expression', 'severity', 'message-vi', 'message-en', 'message'].map((k) => `checks-${i}-${k}`)));
  draft.outputs.forEach((_, i) => keys.push(...['id', 'aggregate', 'field', 'by'].map((k) => `outputs-${i}-${k}`)));
  return new Set(keys);
}

/**
 * Puts each server problem, in the user's words, on the input its path names, or the nearest input above it
 * (`fields.0.choices.2` → the choices box of field 1). Problems with no place are kept apart.
 */
export function placeProblems(problems: readonly FieldProblem[], keys: ReadonlySet<string>): { byKey: Record<string, string[]>; unplaced: FieldProblem[] } {
  const byKey: Record<string, string[]> = {};
  const unplaced: FieldProblem[] = [];
  for (const problem of problems) {
    const segments = pathSegments(problem.path);
    let placed = false;
    for (let n = segments.length; n > 0 && !placed; n--) {
      const key = keyOf(segments.slice(0, n));
      if (keys.has(key)) {
        (byKey[key] ??= []).push(fieldMessage(problem));
        placed = true;
      }
    }
    if (!placed) unplaced.push(problem);
  }
  return { byKey, unplaced };
}

const LISTS: Record<string, MessageKey> = {
  fields: 'surveyPath.fieldN',
  checks: 'surveyPath.checkN',
  outputs: 'surveyPath.outputN',
  reviewLevels: 'surveyPath.levelN',
};

const NAMES: Record<string, MessageKey> = {
  code: 'surveyForm.code',
  title: 'surveyForm.title',
  kind: 'surveyForm.kind',
  unitType: 'surveyForm.unitType',
  fields: 'surveyForm.fields',
  checks: 'surveyForm.checks',
  outputs: 'surveyForm.outputs',
  reviewLevels: 'surveyForm.reviewLevels',
  minCellSize: 'surveyForm.minCellSize',
  schedule: 'surveyForm.schedule',
  every: 'surveyForm.every',
  collectionDays: 'surveyForm.collectionDays',
  id: 'surveyForm.id',
  type: 'surveyForm.type',
  required: 'surveyForm.required',
  min: 'surveyForm.min',
  max: 'surveyForm.max',
  maxLength: 'surveyForm.maxLength',
  choices: 'surveyForm.choices',
  label: 'surveyForm.label',
  expression: 'surveyForm.expression',
  severity: 'surveyForm.severity',
  message: 'surveyForm.message',
  aggregate: 'surveyForm.aggregate',
  field: 'surveyForm.outputField',
  by: 'surveyForm.by',
  vi: 'lang.vi',
  en: 'lang.en',
};

/** A problem path in words: `body.fields.1.max` → "Câu hỏi 2 › Giá trị lớn nhất". */
export function describePath(path: string): string {
  const segments = pathSegments(path);
  if (segments.length === 0) return t('surveyPath.whole');
  const words: string[] = [];
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    const next = segments[i + 1];
    const list = LISTS[segment];
    if (list && next !== undefined && /^\d+$/.test(next)) {
      words.push(t(list, { n: Number(next) + 1 }));
      i++;
    } else {
      const name = NAMES[segment];
      words.push(name ? t(name) : segment);
    }
  }
  return words.join(' › ');
}
