import type { Choice, Question } from '../../../domain/survey/questionnaire.js';
import { choicesOf } from '../../../domain/survey/questionnaire.js';
import { intlLocale, localized, t } from '../i18n/index.svelte';
import { formatDate, formatNumber } from './format';

/**
 * The evaluator words its problems in English for the server's logs and API; the form shows
 * them in the user's language. Each pattern here mirrors one message of `typedAnswer` or
 * `walkRoster` in domain/survey/evaluate.ts; anything unknown is shown as the evaluator said it.
 */
export function problemText(message: string, question?: Question): string {
  if (question?.constraintMessage && message === question.constraintMessage.en) return localized(question.constraintMessage);
  const number = (text: string | undefined) => formatNumber(Number(text));
  const fixed: Record<string, string> = {
    'is required': t('qform.problem.required'),
    'must be a whole number': t('qform.problem.integer'),
    'must be a number': t('qform.problem.number'),
    'must be a list of its choices': t('qform.problem.choices'),
    'must not repeat a choice': t('qform.problem.choices'),
    'must be a date YYYY-MM-DD': t('qform.problem.date'),
    'must be a time HH:MM or HH:MM:SS': t('qform.problem.time'),
    'must be true or false': t('qform.problem.boolean'),
    'must be a point {lat, lon, accuracy?} in degrees (and metres)': t('qform.problem.geopoint'),
    'does not meet its constraint': t('qform.problem.constraint'),
  };
  if (fixed[message] !== undefined) return fixed[message];
  let match: RegExpExecArray | null;
  if ((match = /^must be at most (\d+) characters$/.exec(message))) return t('qform.problem.maxLength', { max: number(match[1]) });
  if ((match = /^must be at least (\S+)$/.exec(message))) return t('qform.problem.min', { min: number(match[1]) });
  if ((match = /^must be at most (\S+)$/.exec(message))) return t('qform.problem.max', { max: number(match[1]) });
  if (message.startsWith('must be one of')) return t('qform.problem.choice');
  if (message.startsWith('must be a date and time')) return t('qform.problem.datetime');
  if ((match = /^must have (\d+) rows/.exec(message))) return t('qform.problem.rows', { count: number(match[1]) });
  if ((match = /^must have at most (\d+) rows/.exec(message))) return t('qform.problem.maxRows', { max: number(match[1]) });
  return message;
}

const coordinates = new Map<string, Intl.NumberFormat>();

/** Degrees to six decimals (about 10 cm), which is all a phone's fix is worth. */
function coordinate(degrees: number): string {
  const locale = intlLocale();
  let format = coordinates.get(locale);
  if (!format) coordinates.set(locale, (format = new Intl.NumberFormat(locale, { maximumFractionDigits: 6 })));
  return format.format(degrees);
}

const isPoint = (value: unknown): value is { lat: number; lon: number; accuracy?: number } =>
  typeof value === 'object' && value !== null && typeof (value as { lat?: unknown }).lat === 'number' && typeof (value as { lon?: unknown }).lon === 'number';

const choiceLabel = (choices: readonly Choice[], value: unknown): string => {
  const choice = choices.find((c) => c.value === value);
  return choice ? localized(choice.label) : String(value);
};

/** A stored answer as a reader sees it, in the user's language: choice labels (never codes), numbers and dates in the locale's form. Empty when there is none. */
export function answerText(question: Question, value: unknown, lists: Readonly<Record<string, readonly Choice[]>>): string {
  if (value === undefined || value === null || value === '') return '';
  switch (question.type) {
    case 'select_one':
      return choiceLabel(choicesOf(question, lists), value);
    case 'select_multiple':
      return Array.isArray(value) ? value.map((v) => choiceLabel(choicesOf(question, lists), v)).join('; ') : String(value);
    case 'boolean':
      return value === true ? t('qform.yes') : value === false ? t('qform.no') : String(value);
    case 'geopoint': {
      if (!isPoint(value)) return JSON.stringify(value);
      const place = `${coordinate(value.lat)}; ${coordinate(value.lon)}`;
      return value.accuracy === undefined ? place : `${place} (± ${formatNumber(value.accuracy)} m)`;
    }
    case 'date':
    case 'datetime':
      return typeof value === 'string' ? formatDate(value) : String(value);
    default:
      if (typeof value === 'number') return formatNumber(value);
      if (typeof value === 'boolean') return value ? t('qform.yes') : t('qform.no');
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
}
