import { z } from 'zod';
import { SURVEY_CODE_MAX, SURVEY_CODE_PATTERN } from '../ids.js';
import { outputProblems, outputSchema, AREA_LEVELS } from './outputs.js';
import {
  bilingual,
  checkSchema,
  customIssue,
  issueCode,
  choiceListSchema,
  identifierSchema,
  itemSchema,
  LIMITS,
  questionnaireProblems,
  upcastFields,
} from './questionnaire.js';

export { AREA_LEVELS } from './outputs.js';
export { bilingual } from './questionnaire.js';

/** The flat fields of a version-1 definition, still accepted in a request (`choice` is a `select_one` with its choices inline). */
export const FIELD_TYPES = ['integer', 'decimal', 'text', 'choice', 'date', 'boolean'] as const;

const legacyField = z.strictObject({
  id: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,62}$/, 'must be a letter or _ followed by letters, digits or _ (at most 63)'),
  type: z.enum(FIELD_TYPES),
  required: z.boolean().default(false),
  min: z.number().finite().optional(),
  max: z.number().finite().optional(),
  maxLength: z.number().int().positive().max(10_000).optional(),
  choices: z.array(z.string().min(1).max(200)).min(1).max(500).optional(),
  label: bilingual,
}).superRefine((f, ctx) => {
  if (f.type === 'choice' && !f.choices) ctx.addIssue({ code: 'custom', path: ['choices'], message: 'a choice field needs its choices', params: { code: 'choice_needs_choices' } });
  if (f.type !== 'choice' && f.choices) ctx.addIssue({ code: 'custom', path: ['choices'], message: 'only a choice field has choices', params: { code: 'only_choice_has_choices' } });
});

const head = {
  code: z.string().regex(SURVEY_CODE_PATTERN, `must be 2 to ${SURVEY_CODE_MAX} capital letters, digits or _`),
  title: bilingual,
  kind: z.enum(['census', 'sample_survey', 'reporting']),
  unitType: identifierSchema,
  /** The languages of its labels, the first the default; every label carries Vietnamese and English. */
  languages: z.array(z.enum(['vi', 'en'])).min(1).max(2).default(['vi', 'en']),
  choiceLists: z.record(identifierSchema, choiceListSchema).default({}),
  checks: z.array(checkSchema).max(500).default([]),
  reviewLevels: z.array(z.enum(AREA_LEVELS)).min(1).max(3),
  outputs: z.array(outputSchema).max(100).default([]),
  minCellSize: z.number().int().min(1).max(1000).default(1),
  schedule: z
    .strictObject({
      every: z.enum(['month', 'quarter', 'year']),
      collectionDays: z.number().int().min(1).max(366),
    })
    .optional(),
};

type Ctx = z.core.$RefinementCtx;
type Shape = { items: readonly z.output<typeof itemSchema>[]; choiceLists: Record<string, readonly z.output<typeof choiceListSchema>[number][]>; checks: readonly z.output<typeof checkSchema>[]; outputs: readonly z.output<typeof outputSchema>[]; reviewLevels: readonly (typeof AREA_LEVELS)[number][] };

/** What the parts cannot say alone: the questionnaire's own rules, outputs that name what exists, review levels bottom-up. */
function refineDefinition(s: Shape, ctx: Ctx, itemsKey: 'items' | 'fields') {
  const issues = [...questionnaireProblems(s.items, s.choiceLists, s.checks), ...outputProblems(s.outputs, s.items)];
  for (const issue of issues) {
    const path = issue.path[0] === 'items' ? [itemsKey, ...issue.path.slice(1)] : issue.path;
    ctx.addIssue(customIssue({ ...issue, path }));
  }
  const unique = (list: readonly { id: string }[], key: string) =>
    list.forEach((item, i) => {
      if (list.findIndex((other) => other.id === item.id) !== i) ctx.addIssue({ code: 'custom', path: [key, i, 'id'], message: `duplicate id "${item.id}"`, params: { code: 'duplicate_id', id: item.id } });
    });
  unique(s.checks, 'checks');
  unique(s.outputs, 'outputs');
  // Review runs bottom-up: each level must be above the previous one.
  const depth = { commune: 2, province: 1, country: 0 } as const;
  s.reviewLevels.forEach((level, i) => {
    const prev = s.reviewLevels[i - 1];
    if (prev !== undefined && depth[level] >= depth[prev]) ctx.addIssue({ code: 'custom', path: ['reviewLevels', i], message: 'review levels go from the lowest area level up', params: { code: 'review_levels_order' } });
  });
}

/** A definition as stored and served: version 2, with `items`. */
export const surveyDefinitionSchema = z
  .strictObject({ ...head, items: z.array(itemSchema).min(1).max(LIMITS.items) })
  .superRefine((s, ctx) => refineDefinition(s, ctx, 'items'))
  .meta({ id: 'SurveyDefinition' });

/**
 * A definition as a request may give it: version 2 with `items`, or version 1 with flat
 * `fields` (read as items). Exactly one of the two; `toDefinition` gives the stored form.
 */
export const surveyDefinitionInput = z
  .strictObject({
    ...head,
    items: z.array(itemSchema).min(1).max(LIMITS.items).optional(),
    fields: z.array(legacyField).min(1).max(500).optional().meta({ deprecated: true, description: 'Version 1: flat fields, read as items.' }),
  })
  .superRefine((s, ctx) => {
    if (s.items !== undefined && s.fields !== undefined) return void ctx.addIssue({ code: 'custom', path: ['fields'], message: 'give items or version-1 fields, not both', params: { code: 'items_or_fields' } });
    if (s.items === undefined && s.fields === undefined) {
      for (const key of ['items', 'fields']) ctx.addIssue({ code: 'custom', path: [key], message: 'is required: give items, or version-1 fields', params: { code: 'items_required' } });
      return;
    }
    let items = s.items;
    // Fields their own rules refuse are already reported.
    if (!items && !z.array(legacyField).safeParse(s.fields).success) return;
    if (!items) {
      const parsed = z.array(itemSchema).safeParse(upcastFields((s.fields ?? []) as unknown as Record<string, unknown>[]));
      if (!parsed.success) {
        for (const issue of parsed.error.issues) ctx.addIssue(customIssue({ path: ['fields', ...issue.path], message: issue.message, ...issueCode(issue) }));
        return;
      }
      items = parsed.data;
    }
    refineDefinition({ ...s, items }, ctx, s.items ? 'items' : 'fields');
  })
  .meta({ id: 'SurveyDefinitionRequest' });

export type SurveyDefinition = z.output<typeof surveyDefinitionSchema>;
export type SurveyInput = z.input<typeof surveyDefinitionInput>;
export type CheckDefinition = SurveyDefinition['checks'][number];
export type OutputDefinition = SurveyDefinition['outputs'][number];
export type ReviewLevel = SurveyDefinition['reviewLevels'][number];

/** Version-1 fields as version-2 items, parsed; null when they do not parse as items (the field rules already said why). */
function legacyItems(fields: readonly z.output<typeof legacyField>[]): z.output<typeof itemSchema>[] | null {
  const parsed = z.array(itemSchema).safeParse(upcastFields(fields as unknown as Record<string, unknown>[]));
  return parsed.success ? parsed.data : null;
}

/** The stored form of a request's definition: `fields` become `items`. */
export function toDefinition(input: z.output<typeof surveyDefinitionInput>): SurveyDefinition {
  const { fields, items, ...rest } = input;
  return { ...rest, items: items ?? legacyItems(fields ?? []) ?? [] };
}

/**
 * A definition recorded in any version, as version 2: what the survey event's upcaster and
 * the read model apply to what they hold.
 */
export function upcastDefinition(definition: Record<string, unknown>): Record<string, unknown> {
  if (Array.isArray(definition.items) || !Array.isArray(definition.fields)) return definition;
  const { fields, ...rest } = definition;
  return { languages: ['vi', 'en'], choiceLists: {}, ...rest, items: upcastFields(fields as Record<string, unknown>[]) };
}

/** A definition in either version, checked and in its stored form. */
export const parseDefinition = (input: unknown): SurveyDefinition => toDefinition(surveyDefinitionInput.parse(input));
