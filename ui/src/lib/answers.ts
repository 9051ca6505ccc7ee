/**
 * What the questionnaire form needs besides the evaluator: numbers typed and shown in the
 * user's language, and the answer paths the evaluator names problems by (`persons[2].age`).
 */

export type NumberLocale = 'vi' | 'en';

/** What a number field holds: a number, nothing, or text that is not a number (the evaluator says so). */
export type NumberAnswer = number | string | undefined;

const MARKS: Record<NumberLocale, { decimal: string; group: string }> = {
  vi: { decimal: ',', group: '.' },
  en: { decimal: '.', group: ',' },
};

const escape = (mark: string) => mark.replace(/[.]/g, '\\.');

/**
 * A number as typed in `locale`: Vietnamese `1.234,5`, English `1,234.5`; spaces also group.
 * The group mark counts as one only in groups of three (`1.000` in Vietnamese is a thousand);
 * otherwise it is read as a decimal mark, so `12.5` typed on an English keyboard in the
 * Vietnamese form is still twelve and a half. Returns `undefined` for blank text, `null`
 * for text that is not a number.
 */
export function parseNumber(text: string, locale: NumberLocale): number | undefined | null {
  const trimmed = text.replace(/[\s\u00a0\u202f]/g, '');
  if (trimmed === '') return undefined;
  const { decimal, group } = MARKS[locale];
  const signed = /^[+\-\u2212]/.test(trimmed);
  const sign = signed && trimmed[0] !== '+' ? '-' : '';
  const body = signed ? trimmed.slice(1) : trimmed;
  const grouped = new RegExp(`^\\d{1,3}(${escape(group)}\\d{3})+(${escape(decimal)}\\d*)?$`);
  let plain: string;
  if (grouped.test(body)) plain = body.split(group).join('').replace(decimal, '.');
  else if (/^(\d+([.,]\d*)?|[.,]\d+)$/.test(body)) plain = body.replace(',', '.');
  else return null;
  const value = Number(`${sign}${plain}`);
  return Number.isFinite(value) ? value : null;
}

/** A number as an input shows it: the locale's decimal mark, no grouping (it is edited, not read). */
export function numberForInput(value: number, locale: NumberLocale): string {
  const text = String(value);
  if (/e/i.test(text)) return text;
  return locale === 'vi' ? text.replace('.', ',') : text;
}

/** What a number field stores for the text typed: the number, nothing when blank, the text itself when it is not a number. */
export function numberAnswer(text: string, locale: NumberLocale): NumberAnswer {
  const parsed = parseNumber(text, locale);
  return parsed === null ? text : parsed;
}

/** The text an input shows for what is stored. */
export function numberText(value: unknown, locale: NumberLocale): string {
  if (typeof value === 'number') return numberForInput(value, locale);
  return typeof value === 'string' ? value : '';
}

/** `persons[2].` for the second row of `persons` under `prefix`: what the evaluator prefixes a row's items with. */
export const rowPrefix = (prefix: string, rosterId: string, index: number): string => `${prefix}${rosterId}[${index + 1}].`;

/** An element id for an answer path: `persons[2].age` → `q-persons-2--age`. */
export const fieldId = (path: string): string => `q-${path.replace(/[^A-Za-z0-9_]/g, '-')}`;

/** Where a warn check's explanation is kept: `child_not_working@persons[3]` for a row, the id alone otherwise. */
export { explanationKey } from '../../../domain/survey/checks.js';

/** The id of the item at the top level an answer path starts with: `persons[2].age` → `persons`. */
export const topId = (path: string): string => /^[A-Za-z0-9_]+/.exec(path)?.[0] ?? path;

/** A stored datetime (`2026-12-06T09:30:00+07:00`) as a `datetime-local` input's value, in the wall time it was recorded in. */
export const datetimeForInput = (value: unknown): string => (typeof value === 'string' ? value.slice(0, 16) : '');

/** A `datetime-local` value as the evaluator wants it: seconds and the device's offset at that moment. */
export function datetimeAnswer(local: string): string | undefined {
  if (local === '') return undefined;
  const date = new Date(local);
  if (Number.isNaN(date.getTime())) return local;
  const minutes = -date.getTimezoneOffset();
  const sign = minutes < 0 ? '-' : '+';
  const pad = (n: number) => String(Math.floor(Math.abs(n))).padStart(2, '0');
  const seconds = local.length === 16 ? `${local}:00` : local;
  return `${seconds}${sign}${pad(minutes / 60)}:${pad(minutes % 60)}`;
}
