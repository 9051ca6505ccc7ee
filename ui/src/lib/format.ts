import { intlLocale } from '../i18n/index.svelte';

// The office works in Vietnam's time zone; showing deadlines in it keeps
// every screen (and every test machine) in agreement.
const TIME_ZONE = 'Asia/Ho_Chi_Minh';

// Building an Intl formatter costs far more than using one, and a live table of a
// thousand rows formats thousands of cells on every update: keep one per locale and kind.
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function numberFormat(kind: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${intlLocale()}|n|${kind}`;
  let format = formatters.get(key);
  if (!(format instanceof Intl.NumberFormat)) formatters.set(key, (format = new Intl.NumberFormat(intlLocale(), options)));
  return format;
}

function dateFormat(kind: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${intlLocale()}|d|${kind}`;
  let format = formatters.get(key);
  if (!(format instanceof Intl.DateTimeFormat)) formatters.set(key, (format = new Intl.DateTimeFormat(intlLocale(), options)));
  return format;
}

export function formatNumber(value: number): string {
  return numberFormat('plain', {}).format(value);
}

export function formatPercent(fraction: number): string {
  return numberFormat('percent', { style: 'percent', maximumFractionDigits: 0 }).format(fraction);
}

/** A number with at most two decimals (means, rates). */
export function formatDecimal(value: number): string {
  return numberFormat('decimal', { maximumFractionDigits: 2 }).format(value);
}

/** A date-only value (`2026-12-31`) shows as a date; a timestamp with its time. */
export function formatDate(iso: string): string {
  if (!iso) return '';
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(iso);
  const date = new Date(dateOnly ? `${iso}T00:00:00Z` : iso);
  if (Number.isNaN(date.getTime())) return iso;
  return dateOnly
    ? dateFormat('date', { dateStyle: 'medium', timeZone: 'UTC' }).format(date)
    : dateFormat('dateTime', { dateStyle: 'medium', timeStyle: 'short', timeZone: TIME_ZONE }).format(date);
}

/**
 * A timestamp as its date and its time apart, for a narrow column: each kept whole,
 * so the value takes two lines at most however narrow the column gets.
 */
export function formatDateParts(iso: string): { date: string; time: string } {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return { date: iso, time: '' };
  return {
    date: dateFormat('dayOnly', { dateStyle: 'medium', timeZone: TIME_ZONE }).format(date),
    time: dateFormat('timeOnly', { timeStyle: 'short', timeZone: TIME_ZONE }).format(date),
  };
}

/** The start of a chart bucket: an hour in Vietnam's time, or a day (buckets are UTC days). */
export function formatBucket(iso: string, bucket: 'hour' | 'day'): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  // Both languages write day before month; the parts are put in one order so that the axis reads the same in each.
  const options: Intl.DateTimeFormatOptions =
    bucket === 'hour'
      ? { day: '2-digit', month: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: TIME_ZONE }
      : { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' };
  const part = Object.fromEntries(dateFormat(bucket, options).formatToParts(date).map((p) => [p.type, p.value]));
  return bucket === 'hour' ? `${part.day}/${part.month} ${part.hour}:${part.minute}` : `${part.day}/${part.month}/${part.year}`;
}

/** A file size in the locale's numbers: 12 kB, 3.4 MB. */
export function formatBytes(bytes: number): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  const name = units[unit] ?? 'byte';
  return numberFormat(`bytes-${name}`, { style: 'unit', unit: name, unitDisplay: 'short', maximumFractionDigits: 1 }).format(value);
}
