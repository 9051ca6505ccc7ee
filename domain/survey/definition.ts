import { z } from 'zod';
import { SURVEY_CODE_MAX, SURVEY_CODE_PATTERN } from '../ids.js';

const identifier = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]{0,62}$/, 'must be a letter or _ followed by letters, digits or _ (at most 63)');

export const bilingual = z.strictObject({
  vi: z.string().min(1).max(500),
  en: z.string().min(1).max(500),
});

export const FIELD_TYPES = ['integer', 'decimal', 'text', 'choice', 'date', 'boolean'] as const;

const field = z
  .strictObject({
    id: identifier,
    type: z.enum(FIELD_TYPES),
    required: z.boolean().default(false),
    min: z.number().finite().optional(),
    max: z.number().finite().optional(),
    maxLength: z.number().int().positive().max(10_000).optional(),
    choices: z.array(z.string().min(1).max(200)).min(1).max(500).optional(),
    label: bilingual,
  })
  .superRefine((f, ctx) => {
    if (f.type === 'choice' && !f.choices) {
      ctx.addIssue({ code: 'custom', path: ['choices'], message: 'a choice field needs its choices' });
    }
    if (f.type !== 'choice' && f.choices) {
      ctx.addIssue({ code: 'custom', path: ['choices'], message: 'only a choice field has choices' });
    }
    const numeric = f.type === 'integer' || f.type === 'decimal';
    if (!numeric && (f.min !== undefined || f.max !== undefined)) {
      ctx.addIssue({ code: 'custom', path: ['min'], message: 'only integer and decimal fields have a range' });
    }
    if (f.min !== undefined && f.max !== undefined && f.min > f.max) {
      ctx.addIssue({ code: 'custom', path: ['max'], message: 'max is below min' });
    }
  });

const check = z.strictObject({
  id: identifier,
  expression: z.string().min(1).max(2000),
  severity: z.enum(['block', 'warn']),
  message: bilingual,
});

export const AREA_LEVELS = ['country', 'province', 'commune'] as const;

const output = z
  .strictObject({
    id: identifier,
    aggregate: z.enum(['count', 'sum', 'mean']),
    field: identifier.optional(),
    by: z.enum(AREA_LEVELS),
  })
  .superRefine((o, ctx) => {
    if (o.aggregate !== 'count' && !o.field) {
      ctx.addIssue({ code: 'custom', path: ['field'], message: `a ${o.aggregate} needs a field` });
    }
  });

export const surveyDefinitionSchema = z
  .strictObject({
    code: z.string().regex(SURVEY_CODE_PATTERN, `must be 2 to ${SURVEY_CODE_MAX} capital letters, digits or _`),
    title: bilingual,
    kind: z.enum(['census', 'sample_survey', 'reporting']),
    unitType: identifier,
    fields: z.array(field).min(1).max(500),
    checks: z.array(check).max(500).default([]),
    reviewLevels: z.array(z.enum(AREA_LEVELS)).min(1).max(3),
    outputs: z.array(output).max(100).default([]),
    minCellSize: z.number().int().min(1).max(1000).default(1),
    schedule: z
      .strictObject({
        every: z.enum(['month', 'quarter', 'year']),
        collectionDays: z.number().int().min(1).max(366),
      })
      .optional(),
  })
  .superRefine((s, ctx) => {
    const ids = new Map<string, (typeof s.fields)[number]>();
    s.fields.forEach((f, i) => {
      if (ids.has(f.id)) ctx.addIssue({ code: 'custom', path: ['fields', i, 'id'], message: `duplicate field id "${f.id}"` });
      ids.set(f.id, f);
    });
    const unique = (list: readonly { id: string }[], key: string) =>
      list.forEach((item, i) => {
        if (list.findIndex((other) => other.id === item.id) !== i) {
          ctx.addIssue({ code: 'custom', path: [key, i, 'id'], message: `duplicate id "${item.id}"` });
        }
      });
    unique(s.checks, 'checks');
    unique(s.outputs, 'outputs');
    s.outputs.forEach((o, i) => {
      if (!o.field) return;
      const f = ids.get(o.field);
      if (!f) ctx.addIssue({ code: 'custom', path: ['outputs', i, 'field'], message: `unknown field "${o.field}"` });
      else if (f.type !== 'integer' && f.type !== 'decimal') {
        ctx.addIssue({ code: 'custom', path: ['outputs', i, 'field'], message: `"${o.field}" is not numeric` });
      }
    });
    // Review runs bottom-up: each level must be above the previous one.
    const depth = { commune: 2, province: 1, country: 0 } as const;
    s.reviewLevels.forEach((level, i) => {
      const prev = s.reviewLevels[i - 1];
      if (prev !== undefined && depth[level] >= depth[prev]) {
        ctx.addIssue({ code: 'custom', path: ['reviewLevels', i], message: 'review levels go from the lowest area level up' });
      }
    });
  });

export type SurveyDefinition = z.infer<typeof surveyDefinitionSchema>;
export type SurveyInput = z.input<typeof surveyDefinitionSchema>;
export type FieldDefinition = SurveyDefinition['fields'][number];
export type CheckDefinition = SurveyDefinition['checks'][number];
export type OutputDefinition = SurveyDefinition['outputs'][number];
export type ReviewLevel = SurveyDefinition['reviewLevels'][number];
