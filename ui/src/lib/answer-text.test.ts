import { beforeEach, describe, expect, it } from 'vitest';
import { evaluateResponse, type Questionnaire } from '../../../domain/survey/evaluate.js';
import type { Question } from '../../../domain/survey/questionnaire.js';
import { setLocale } from '../i18n/index.svelte';
import { LFS_V2, question } from '../test/questionnaire-fixtures';
import { answerText, problemText } from './answer-text';

beforeEach(() => setLocale('vi'));

const label = { vi: 'x', en: 'x' };
const ITEMS: Question[] = [
  question('whole', 'integer', label, { max: 30 }),
  question('low', 'decimal', label, { min: 1 }),
  question('word', 'text', label, { maxLength: 3 }),
  question('pick', 'select_one', label, { choices: [{ value: 'a', label }] }),
  question('many', 'select_multiple', label, { choices: [{ value: 'a', label }] }),
  question('day', 'date', label),
  question('clock', 'time', label),
  question('moment', 'datetime', label),
  question('yes', 'boolean', label),
  question('place', 'geopoint', label),
  question('needed', 'text', label, { required: true }),
  question('checked', 'integer', label, { constraint: 'checked < 5', constraintMessage: { vi: 'Nhỏ hơn 5', en: 'Below 5' } }),
];
const ALL: Questionnaire = { items: ITEMS, choiceLists: {}, checks: [] };
const WRONG = { whole: 2.5, low: 0, word: 'dài quá', pick: 'b', many: ['a', 'a'], day: '2026-02-30', clock: '25:00', moment: '2026-12-06', yes: 'có', place: { lat: 100, lon: 0 }, checked: 7 };

describe('the evaluator’s problems, in the user’s language', () => {
  it('has a Vietnamese message for every problem the evaluator can find in an answer', () => {
    const { errors } = evaluateResponse(ALL, WRONG);
    expect(errors).toHaveLength(ITEMS.length);
    for (const error of errors) {
      const item = ITEMS.find((q) => q.id === error.path);
      expect(problemText(error.message, item), error.message).not.toBe(error.message);
    }
  });

  it('names the limits in the locale’s numbers, and gives a constraint’s own message', () => {
    expect(problemText('must be at least 1.5')).toBe('Phải lớn hơn hoặc bằng 1,5.');
    expect(problemText('Below 5', ITEMS.at(-1))).toBe('Nhỏ hơn 5');
    setLocale('en');
    expect(problemText('must be at most 1000')).toBe('Must be at most 1,000.');
  });
});

describe('answers as a reader sees them', () => {
  it('gives choice labels, yes and no, and numbers in the locale’s form', () => {
    expect(answerText(question('sex', 'select_one', label, { choices: 'sex' }), '2', LFS_V2.choiceLists)).toBe('Nữ');
    expect(answerText(question('water', 'select_multiple', label, { choices: 'water' }), ['tap', 'well'], LFS_V2.choiceLists)).toBe('Nước máy; Giếng khoan');
    expect(answerText(question('n', 'decimal', label), 1234.5, {})).toBe('1.234,5');
    expect(answerText(question('b', 'boolean', label), false, {})).toBe('Không');
    expect(answerText(question('e', 'text', label), undefined, {})).toBe('');
  });
});
