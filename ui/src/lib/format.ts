import { intlLocale } from '../i18n/index.svelte';

// The office works in Vietnam's time zone; showing deadlines in it keeps
// every screen (and every test machine) in agreement.
const TIME_ZONE = 'Asia/Ho_Chi_Minh';

export function formatNumber(value: number): string {
  return new Intl.NumberFormat(intlLocale()).format(value);
}

export function formatPercent(fraction: number): string {
  return new Intl.NumberFormat(intlLocale(), { style: 'percent', maximumFractionDigits: 0 }).format(fraction);
}

/** A date-only value (`2026-12-31`) shows as a date; a timestamp with its time. */
export function formatDate(iso: string): string {
  if (!iso) return '';
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(iso);
  const date = new Date(dateOnly ? `${iso}T00:00:00Z` : iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(intlLocale(), {
    dateStyle: 'medium',
    ...(dateOnly ? { timeZone: 'UTC' } : { timeStyle: 'short', timeZone: TIME_ZONE }),
  }).format(date);
}
