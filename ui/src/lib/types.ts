export const TASK_STATUSES = [
  'assigned',
  'checks_failed',
  'in_review',
  'rejected',
  'approved',
  'non_response',
  'cancelled',
] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** Statuses a task does not leave: the work on it is done one way or another. */
export const FINAL_TASK_STATUSES = ['approved', 'non_response', 'cancelled'] as const satisfies readonly TaskStatus[];

export function finalTaskCount(counts: Record<TaskStatus, number>): number {
  return FINAL_TASK_STATUSES.reduce((sum, status) => sum + counts[status], 0);
}

export type CycleStatus = 'launching' | 'collecting' | 'closing' | 'closed' | 'published' | 'cancelling' | 'cancelled';

/** While a cycle is in one of these, its tasks take submissions; from `closing` or `cancelling` on, none. */
export const COLLECTING_CYCLE_STATUSES: readonly string[] = ['launching', 'collecting'] satisfies readonly CycleStatus[];

export function isCollecting(cycleStatus: string): boolean {
  return COLLECTING_CYCLE_STATUSES.includes(cycleStatus);
}

export interface CycleOverview {
  id: string;
  survey: string;
  period: string;
  /** A CycleStatus; kept as string so a status added later still renders. */
  status: string;
  collectionDeadline: string;
  total: number;
  overdue: number;
  counts: Record<TaskStatus, number>;
  /** The areas it covers; empty for the whole country. */
  areaCodes?: string[];
  autoPublish?: boolean;
  /** The newest published version of its results; 0 before publication. */
  resultVersion?: number;
  launchedAt?: string;
}

/** One page of a list; `nextCursor` is null on the last page. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export type CyclePage = Page<CycleOverview>;

export const ROLES = ['manager', 'supervisor', 'enumerator', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export interface User {
  id: string;
  username: string;
  /** A Role; kept as string so an unknown role still signs in (and sees no menu). */
  role: string;
  areaCodes: string[];
}

/** An account as the accounts API gives it: a user who may be disabled. */
export interface Account extends User {
  disabled: boolean;
}

export interface Session {
  token: string;
  user: User;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

export function isCycleOverview(value: unknown): value is CycleOverview {
  return (
    isRecord(value) &&
    typeof value.id === 'string' &&
    typeof value.total === 'number' &&
    isRecord(value.counts) &&
    TASK_STATUSES.every((s) => isRecord(value.counts) && typeof value.counts[s] === 'number')
  );
}

export function isSession(value: unknown): value is Session {
  return (
    isRecord(value) &&
    typeof value.token === 'string' &&
    isRecord(value.user) &&
    typeof value.user.username === 'string' &&
    typeof value.user.role === 'string'
  );
}

/** Replaces the cycle with the same id, or puts a new one first. */
export function upsertCycle(list: CycleOverview[], cycle: CycleOverview): CycleOverview[] {
  const at = list.findIndex((c) => c.id === cycle.id);
  if (at < 0) return [cycle, ...list];
  return list.map((c, i) => (i === at ? cycle : c));
}

export interface Bilingual {
  vi: string;
  en: string;
}

/** A task as listed: `reviewLevel` names the level reviewing it now, or is null. */
export interface TaskItem {
  id: string;
  unitId: string;
  areaCode: string;
  enumerator: string;
  status: TaskStatus;
  reviewLevel: string | null;
  dueAt: string;
  overdue: boolean;
}

export interface CheckResult {
  id: string;
  severity: 'block' | 'warn';
  message: Bilingual;
  /** `skipped`: the check could not run because a field it reads is empty. */
  outcome: 'failed' | 'skipped';
}

export interface ReviewEntry {
  level: string;
  decision: 'approve' | 'reject';
  by: string;
  comment: string;
  at: string;
}

export type ResponseValue = number | string | boolean | null;
export type ResponseData = Record<string, ResponseValue>;

export interface TaskDetail extends TaskItem {
  cycleId: string;
  response: Record<string, unknown> | null;
  failed: CheckResult[];
  warnings: CheckResult[];
  reviewTrail: ReviewEntry[];
  submissions: number;
}

export interface SubmitResult {
  id: string;
  status: TaskStatus;
  reviewLevel: string | null;
  failed: CheckResult[];
  warnings: CheckResult[];
}

export const FIELD_TYPES = ['integer', 'decimal', 'text', 'choice', 'date', 'boolean'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export interface SurveyField {
  id: string;
  type: FieldType;
  required?: boolean;
  min?: number;
  max?: number;
  maxLength?: number;
  choices?: string[];
  label: Bilingual;
}

export interface SurveyCheck {
  id: string;
  expression: string;
  severity: 'block' | 'warn';
  message: Bilingual;
}

export interface SurveyOutput {
  id: string;
  aggregate: 'count' | 'sum' | 'mean';
  field?: string;
  by: string;
}

export interface SurveyScheduleSpec {
  every: 'month' | 'quarter' | 'year';
  collectionDays: number;
}

export interface SurveyDefinition {
  code: string;
  title: Bilingual;
  kind: string;
  unitType: string;
  fields: SurveyField[];
  checks: SurveyCheck[];
  reviewLevels: string[];
  outputs?: SurveyOutput[];
  minCellSize?: number;
  schedule?: SurveyScheduleSpec;
}

export interface Survey {
  id: string;
  definedAt: string;
  definition: SurveyDefinition;
}

export interface Area {
  code: string;
  name: string;
  level: string;
  parent: string | null;
}

/** Statuses in which the enumerator may (re)submit a response. */
export const EDITABLE_TASK_STATUSES = ['assigned', 'checks_failed', 'rejected'] as const satisfies readonly TaskStatus[];

export function isEditable(status: TaskStatus): boolean {
  return (EDITABLE_TASK_STATUSES as readonly TaskStatus[]).includes(status);
}

export function isFinalTask(status: TaskStatus): boolean {
  return (FINAL_TASK_STATUSES as readonly TaskStatus[]).includes(status);
}
