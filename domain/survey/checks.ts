import { celEnv, isCelError, parse, plan, type CelInput } from '@bufbuild/cel';
import type { FieldError } from '../errors.js';
import type { CheckDefinition, FieldDefinition, SurveyDefinition } from './definition.js';
import { freeNames } from './expressions.js';
import type { ResponseData } from './response.js';

export interface CheckResult {
  readonly id: string;
  readonly severity: 'block' | 'warn';
  readonly message: { readonly vi: string; readonly en: string };
  /** `failed`: the expression was false; `skipped`: it could not be evaluated (a field it reads is empty). */
  readonly outcome: 'failed' | 'skipped';
}

export interface CheckOutcome {
  /** Block-severity checks that failed: the task goes to `checks_failed`. */
  readonly failed: CheckResult[];
  /** Warn-severity failures and skipped checks: shown to the reviewer. */
  readonly warnings: CheckResult[];
}

const env = celEnv();
type Evaluator = (bindings: Record<string, CelInput>) => unknown;

function celValue(field: FieldDefinition, value: unknown): CelInput {
  if (value === undefined || value === null || value === '') return null;
  if (field.type === 'integer' && typeof value === 'number') return BigInt(value);
  return value as CelInput;
}

function sampleValue(field: FieldDefinition): CelInput {
  switch (field.type) {
    case 'integer':
      return 0n;
    case 'decimal':
      return 0.5;
    case 'boolean':
      return false;
    default:
      return field.choices?.[0] ?? 'x';
  }
}

/** Syntax, unknown names and non-boolean results in the checks of a definition, as field errors. */
export function checkExpressionProblems(survey: SurveyDefinition): FieldError[] {
  const problems: FieldError[] = [];
  const sample = Object.fromEntries(survey.fields.map((f) => [f.id, sampleValue(f)]));
  const fields = new Set(survey.fields.map((f) => f.id));
  survey.checks.forEach((check, i) => {
    const path = `checks.${i}.expression`;
    let evaluate: Evaluator;
    let unknown: string[];
    try {
      const parsed = parse(check.expression);
      unknown = [...freeNames(parsed.expr)].filter((name) => !fields.has(name));
      evaluate = plan(env, parsed);
    } catch (err) {
      problems.push({ path, message: `is not a valid CEL expression: ${(err as Error).message}` });
      return;
    }
    if (unknown.length > 0) {
      problems.push({ path, message: `uses ${unknown.map((n) => `"${n}"`).join(', ')}, not a field of this survey` });
      return;
    }
    const result = evaluate(sample);
    if (!isCelError(result) && typeof result !== 'boolean') problems.push({ path, message: 'must give true or false' });
  });
  return problems;
}

const planCache = new WeakMap<CheckDefinition, Evaluator>();

function planned(check: CheckDefinition): Evaluator {
  let evaluate = planCache.get(check);
  if (!evaluate) {
    evaluate = plan(env, parse(check.expression));
    planCache.set(check, evaluate);
  }
  return evaluate;
}

/** Runs every edit check of the survey over a response that already passed `validateResponse`. */
export function runChecks(survey: SurveyDefinition, data: ResponseData): CheckOutcome {
  const activation = Object.fromEntries(survey.fields.map((f) => [f.id, celValue(f, data[f.id])]));
  const failed: CheckResult[] = [];
  const warnings: CheckResult[] = [];
  for (const check of survey.checks) {
    const value = planned(check)(activation);
    const base = { id: check.id, severity: check.severity, message: check.message };
    if (isCelError(value) || typeof value !== 'boolean') {
      warnings.push({ ...base, outcome: 'skipped' });
    } else if (!value) {
      (check.severity === 'block' ? failed : warnings).push({ ...base, outcome: 'failed' });
    }
  }
  return { failed, warnings };
}
