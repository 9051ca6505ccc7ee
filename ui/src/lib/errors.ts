import { isMessageKey, label, t, type MessageKey } from '../i18n/index.svelte';
import { ApiError, type FieldProblem, type ProblemParams } from './api';
import { formatDate } from './format';

/** Whether a code's `status` is its cycle's rather than its task's. */
const cycleStatusIn = (code: string) => code.startsWith('cycle.') || code.startsWith('task.collection_');

/** A code's values as the user reads them: statuses, levels and roles by their labels, times in the user's format. */
function localParams(code: string, params: ProblemParams): Record<string, string | number> {
  const shown: Record<string, string | number> = { ...params };
  const text = (name: string) => (typeof params[name] === 'string' ? params[name] : undefined);
  const status = text('status');
  if (status) shown.status = label(cycleStatusIn(code) ? 'cycleStatus' : 'taskStatus', status);
  for (const name of ['level', 'current']) {
    const level = text(name);
    if (level) shown[name] = label('level', level);
  }
  const levels = text('levels');
  if (levels) shown.levels = levels.split(/,\s*/).map((level) => label('level', level)).join(', ');
  const aggregate = text('aggregate');
  if (aggregate) shown.aggregate = label('aggregate', aggregate);
  const type = text('type');
  if (type) shown.type = label('fieldType', type);
  const roles = text('roles');
  if (roles) shown.roles = roles.split(',').map((role) => label('role', role)).join(t('common.or'));
  for (const name of ['deadline', 'after', 'at']) {
    const when = text(name);
    if (when && !Number.isNaN(Date.parse(when))) shown[name] = formatDate(when);
  }
  return shown;
}

/** The words for a refusal's code, or null when the catalogues have none. */
export function problemText(code: string, params: ProblemParams = {}): string | null {
  const key = `problem.${code}`;
  return isMessageKey(key) ? t(key, localParams(code, params)) : null;
}

const BY_STATUS: Record<number, MessageKey> = {
  400: 'problem.validation',
  401: 'problem.unauthenticated',
  403: 'problem.forbidden',
  404: 'problem.not_found',
  409: 'problem.illegal_state',
  413: 'problem.too_large',
  429: 'problem.rate_limited',
  503: 'problem.unavailable',
};

/**
 * What to tell the user about a failed call, in their language: the refusal's code worded by
 * the catalogues, else its kind. The server's `detail` is English for API clients and never shown.
 */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.status === 0) return t('error.network');
    const named = err.code ? problemText(err.code, err.params) : null;
    if (named) return named;
    const kind = BY_STATUS[err.status];
    return kind ? t(kind) : t('error.generic', { status: err.status });
  }
  return t('error.generic', { status: '?' });
}

/** What is wrong with one field, in the user's language; a workbook's problem also says at which sheet, row and column. */
export function fieldMessage(problem: FieldProblem): string {
  const key = `field.${problem.code ?? 'invalid'}`;
  const params = problem.params ?? {};
  const words = t(isMessageKey(key) ? key : 'field.invalid', localParams('', params));
  const { sheet, row, column } = params;
  return sheet !== undefined && row !== undefined && column !== undefined ? t('field.xlsform_at', { sheet, row, column, problem: words }) : words;
}
