import { en } from './en';
import { enForm } from './form.en';
import { viForm } from './form.vi';
import { vi as viApp } from './vi';

export type Locale = 'vi' | 'en';

// The questionnaire form's messages live in catalogues of their own (form.vi.ts, form.en.ts), joined to the app's here.
const vi = { ...viApp, ...viForm };
export type MessageKey = keyof typeof vi;
type Messages = Record<MessageKey, string>;

const catalogues: Record<Locale, Messages> = { vi, en: { ...en, ...enForm } };
const STORAGE_KEY = 'survey-ops.locale';

function storedLocale(): Locale {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

export const i18n = $state<{ locale: Locale }>({ locale: storedLocale() });
document.documentElement.lang = i18n.locale;

export function setLocale(locale: Locale): void {
  i18n.locale = locale;
  document.documentElement.lang = locale;
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Private browsing may refuse storage; the switch still works for this page.
  }
}

/** The BCP 47 tag Intl formatters use for the active language. */
export function intlLocale(): string {
  return i18n.locale === 'vi' ? 'vi-VN' : 'en-GB';
}

export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(vi, key);
}

export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  return catalogues[i18n.locale][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** A label for a server-supplied code (status, role, review level); unknown codes show as sent. */
export function label(
  prefix: 'cycleStatus' | 'taskStatus' | 'role' | 'level' | 'decision' | 'surveyKind' | 'aggregate' | 'every' | 'fieldType',
  code: string,
): string {
  const key = `${prefix}.${code}`;
  return isMessageKey(key) ? t(key) : code;
}

/** Text the server gives in both languages (survey labels, check messages), in the active one. */
export function localized(text: { vi: string; en: string }): string {
  return text[i18n.locale];
}
