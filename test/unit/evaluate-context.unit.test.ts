import { describe, expect, it } from 'vitest';
import { parseDefinition, surveyDefinitionInput } from '../../domain/survey/definition.js';
import { evaluateResponse } from '../../domain/survey/evaluate.js';

/** Checks that look back (domain/survey/evaluate.ts ResponseContext): the unit's attributes as `unit`, its previous approved response as `previous`. */
const survey = parseDefinition({
  code: 'DN_CTX',
  title: { vi: 'Báo cáo tháng', en: 'Monthly report' },
  kind: 'reporting',
  unitType: 'enterprise',
  items: [
    { id: 'turnover', type: 'decimal', required: true, min: 0, label: { vi: 'Doanh thu', en: 'Turnover' } },
    { id: 'employees', type: 'integer', required: true, min: 0, label: { vi: 'Lao động', en: 'Employees' } },
  ],
  checks: [
    { id: 'jump', severity: 'warn', expression: 'previous == null || turnover <= previous.turnover * 3.0', message: { vi: 'Doanh thu tăng hơn ba lần', en: 'Turnover more than tripled' } },
    { id: 'small', severity: 'block', expression: "!has(unit.size) || unit.size != 'small' || employees < 50", message: { vi: 'Doanh nghiệp nhỏ dưới 50 lao động', en: 'A small enterprise has under 50 employees' } },
    { id: 'registered', severity: 'warn', expression: '!has(unit.employees) || employees <= unit.employees * 2', message: { vi: 'Lao động gấp đôi đăng ký', en: 'Twice the registered employees' } },
  ],
  reviewLevels: ['province'],
  outputs: [{ id: 'n', aggregate: 'count', by: 'province' }],
});
const ids = (results: { id: string }[]) => results.map((r) => r.id);

describe('checks that look back', () => {
  it('see the previous response: none is not a jump, three times and more is', () => {
    expect(ids(evaluateResponse(survey, { turnover: 400, employees: 5 }).warnings)).toEqual([]);
    expect(ids(evaluateResponse(survey, { turnover: 400, employees: 5 }, { previous: null }).warnings)).toEqual([]);
    expect(ids(evaluateResponse(survey, { turnover: 300, employees: 5 }, { previous: { turnover: 100, employees: 5 } }).warnings)).toEqual([]);
    expect(ids(evaluateResponse(survey, { turnover: 301, employees: 5 }, { previous: { turnover: 100, employees: 5 } }).warnings)).toEqual(['jump']);
  });

  it('see the unit’s attributes, whole numbers as ints', () => {
    const small = { size: 'small', employees: 20 };
    expect(ids(evaluateResponse(survey, { turnover: 1, employees: 60 }, { unit: small }).failed)).toEqual(['small']);
    expect(ids(evaluateResponse(survey, { turnover: 1, employees: 40 }, { unit: small }).failed)).toEqual([]);
    expect(ids(evaluateResponse(survey, { turnover: 1, employees: 41 }, { unit: small }).warnings)).toEqual(['registered']);
    // A unit the register says nothing of: the checks that need it pass by their own `has`.
    expect(evaluateResponse(survey, { turnover: 1, employees: 60 }).failed).toEqual([]);
  });

  it('let a definition read unit and previous, and no other unknown name', () => {
    const base = { code: 'DN_CTX2', title: { vi: 'x', en: 'x' }, kind: 'reporting', unitType: 'enterprise', items: [{ id: 'a', type: 'integer', label: { vi: 'a', en: 'a' } }], reviewLevels: ['province'], outputs: [] };
    const problems = (expression: string) => {
      const parsed = surveyDefinitionInput.safeParse({ ...base, checks: [{ id: 'c', severity: 'warn', expression, message: { vi: 'c', en: 'c' } }] });
      return parsed.success ? [] : parsed.error.issues.map((issue) => issue.message);
    };
    expect(problems('previous == null || a >= previous.a + unit.floor')).toEqual([]);
    expect(problems('a >= last.a')).toEqual(['uses "last", not an item it can see']);
  });
});
