import { localized, t } from '../i18n/index.svelte';
import { client, ok } from './api';
import { download } from './download';
import { newIdempotencyKey } from './tasks';
import type { RespondentReport, SubmitResult } from './types';
import { upload, type UploadProgress } from './upload';

/** The content type of a task's form as a spreadsheet, downloaded and sent back filled in. */
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The respondent's reports: those it can still answer first, soonest due first; then the rest, newest period first. */
export async function listMyReports(): Promise<RespondentReport[]> {
  return (await ok(client.GET('/api/my/reports'))).items;
}

/** A report as its respondent names it: the survey's title in the page's language, and the period. */
export function reportTitle(report: RespondentReport): string {
  return t('portal.report', { survey: report.surveyTitle ? localized(report.surveyTitle) : report.surveyId, period: report.period });
}

/** Saves the task's form as a spreadsheet, filled in with the draft or the last response; resolves with the file's name. */
export function downloadForm(taskId: string): Promise<string> {
  return download(`/api/tasks/${encodeURIComponent(taskId)}/form.xlsx`, `${taskId}.xlsx`, XLSX);
}

/**
 * Sends a filled-in spreadsheet as the task's response. The server answers as it does a form's
 * submission, or refuses with problems whose paths name the cells (`form!D7`).
 */
export function submitWorkbook(taskId: string, file: Blob, onProgress: (progress: UploadProgress) => void = () => {}): Promise<SubmitResult> {
  return upload<SubmitResult>(`/api/tasks/${encodeURIComponent(taskId)}/submit`, file, XLSX, onProgress, { 'Idempotency-Key': newIdempotencyKey() });
}

/** Whether the last answer sent must be fixed (sent back, or its checks failed): the form continues from it. */
export function toFix(report: RespondentReport): boolean {
  return report.status === 'rejected' || report.status === 'checks_failed';
}

/** Whether the server keeps a draft of the report; a failed look reads as none, for it changes only a button's words. */

export interface PeriodReports {
  period: string;
  reports: RespondentReport[];
}

/** Reports grouped by period, newest period first (periods such as `2026-11` or `2026-Q4` sort as text). */
export function byPeriod(reports: readonly RespondentReport[]): PeriodReports[] {
  const groups = new Map<string, RespondentReport[]>();
  for (const report of reports) groups.set(report.period, [...(groups.get(report.period) ?? []), report]);
  return [...groups.entries()].sort(([a], [b]) => (a < b ? 1 : a > b ? -1 : 0)).map(([period, list]) => ({ period, reports: list }));
}
