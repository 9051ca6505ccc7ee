import { describe, expect, it } from 'vitest';
import { LFS } from '../test/fixtures';
import { checkFieldIds, fieldOfPath, parseField, responseData } from './form';
import type { SurveyField } from './types';

const field = (overrides: Partial<SurveyField>): SurveyField => ({ id: 'f', type: 'text', required: false, label: { vi: 'F', en: 'F' }, ...overrides });

describe('parseField', () => {
  it('reads whole numbers, decimals with a point or a comma, and keeps to the range', () => {
    expect(parseField(field({ type: 'integer', min: 1, max: 30 }), ' 12 ')).toEqual({ value: 12 });
    expect(parseField(field({ type: 'integer' }), '1e3')).toEqual({ problem: { key: 'form.error.integer' } });
    expect(parseField(field({ type: 'decimal' }), '2,75')).toEqual({ value: 2.75 });
    expect(parseField(field({ type: 'decimal', min: 0 }), '-0.5')).toEqual({ problem: { key: 'form.error.min', params: { min: 0 } } });
  });

  it('accepts only days that exist', () => {
    expect(parseField(field({ type: 'date' }), '2026-02-28')).toEqual({ value: '2026-02-28' });
    expect(parseField(field({ type: 'date' }), '2026-02-30')).toEqual({ problem: { key: 'form.error.date' } });
  });

  it('treats an empty answer as missing: refused when required, left out of the response otherwise', () => {
    expect(parseField(field({ type: 'choice', choices: ['a'], required: true }), '')).toEqual({ problem: { key: 'form.error.required' } });
    expect(responseData(LFS.definition.fields, { members: '3', employed: '1', unemployed: '0', income: '' })).toEqual({ members: 3, employed: 1, unemployed: 0 });
  });
});

describe('checkFieldIds', () => {
  it('finds the fields an expression reads, not words inside its strings', () => {
    expect(checkFieldIds('income <= 500.0 * double(members)', ['members', 'employed', 'income'])).toEqual(['members', 'income']);
    expect(checkFieldIds('sector != "employed" || employed > 0', ['employed', 'sector'])).toEqual(['employed', 'sector']);
    expect(checkFieldIds("sector == 'employed'", ['employed', 'sector'])).toEqual(['sector']);
  });
});

it('fieldOfPath names the field of a server problem', () => {
  expect(fieldOfPath('body.data.members')).toBe('members');
  expect(fieldOfPath('body.level')).toBeNull();
});
