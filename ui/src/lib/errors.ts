import { t } from '../i18n/index.svelte';
import { ApiError } from './api';

/** What to tell the user about a failed call: the server's own words when it gave some. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.status === 0) return t('error.network');
    if (err.detail) return err.detail;
    return t('error.generic', { status: err.status });
  }
  return t('error.generic', { status: '?' });
}
