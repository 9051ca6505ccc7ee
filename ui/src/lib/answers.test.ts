import { describe, expect, it } from 'vitest';
import { datetimeAnswer, datetimeForInput, explanationKey, fieldId, numberAnswer, numberText, parseNumber, topId } from './answers';

describe('numbers as typed in Vietnamese', () => {
  it('reads a decimal comma and dots between thousands', () => {
    expect(parseNumber('12,5', 'vi')).toBe(12.5);
    expect(parseNumber('1.234,5', 'vi')).toBe(1234.5);
    expect(parseNumber('1.000', 'vi')).toBe(1000);
    expect(parseNumber('1 234 567', 'vi')).toBe(1234567);
    expect(parseNumber('-3,25', 'vi')).toBe(-3.25);
  });

  it('still reads a decimal point that cannot be a thousands mark', () => {
    expect(parseNumber('12.5', 'vi')).toBe(12.5);
  });

  it('gives nothing for blank text and null for text that is not a number', () => {
    expect(parseNumber('  ', 'vi')).toBeUndefined();
    expect(parseNumber('nhiều', 'vi')).toBeNull();
    expect(parseNumber('1,2,3', 'vi')).toBeNull();
  });

  it('shows a number back with the comma', () => {
    expect(numberText(12.5, 'vi')).toBe('12,5');
    expect(numberText(1000, 'vi')).toBe('1000');
  });
});

describe('numbers as typed in English', () => {
  it('reads commas between thousands and a decimal point', () => {
    expect(parseNumber('1,234.5', 'en')).toBe(1234.5);
    expect(parseNumber('1,000', 'en')).toBe(1000);
    expect(parseNumber('12.5', 'en')).toBe(12.5);
    expect(numberText(12.5, 'en')).toBe('12.5');
  });
});

describe('what a number field stores', () => {
  it('keeps text that is not a number, for the evaluator to refuse', () => {
    expect(numberAnswer('abc', 'en')).toBe('abc');
    expect(numberAnswer('', 'en')).toBeUndefined();
    expect(numberAnswer('7', 'vi')).toBe(7);
  });
});

describe('paths and keys', () => {
  it('names elements, explanations and top-level items from answer paths', () => {
    expect(fieldId('persons[2].age')).toBe('q-persons-2--age');
    expect(topId('persons[2].visits[1].day')).toBe('persons');
    expect(explanationKey({ id: 'long_hours', row: 'persons[3]' })).toBe('long_hours@persons[3]');
    expect(explanationKey({ id: 'one_head' })).toBe('one_head');
  });
});

describe('date and time', () => {
  it('adds seconds and an offset to a local date and time, and shows the recorded wall time back', () => {
    expect(datetimeAnswer('2026-12-06T09:30')).toMatch(/^2026-12-06T09:30:00[+-]\d{2}:\d{2}$/);
    expect(datetimeAnswer('')).toBeUndefined();
    expect(datetimeForInput('2026-12-06T09:30:00+07:00')).toBe('2026-12-06T09:30');
  });
});
