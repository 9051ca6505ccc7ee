import { z } from 'zod';
import type { AuditEvent } from './audit/events.js';
import type { CycleEvent } from './cycle/events.js';
import { DomainError } from './errors.js';
import type { EnrolmentEvent } from './enrolment.js';
import type { UnitsImported } from './frame.js';
import { unitSchema } from './frame.js';
import { surveyDefinitionSchema, upcastDefinition } from './survey/definition.js';
import type { SurveyEvent } from './survey/events.js';
import { NOTIFICATION_REASONS, type TaskEvent } from './task/events.js';
import type { LateEvent } from './task/late.js';
import type { UserEvent } from './users.js';
import { LANGUAGES, ROLES } from './users.js';

type AnyEvent = TaskEvent | LateEvent | CycleEvent | SurveyEvent | UserEvent | EnrolmentEvent | UnitsImported | AuditEvent;
type DataOf<T extends AnyEvent['type']> = Extract<AnyEvent, { type: T }>['data'];

const bilingual = z.object({ vi: z.string(), en: z.string() });
const checkResult = z.object({ id: z.string(), severity: z.enum(['block', 'warn']), message: bilingual, outcome: z.enum(['failed', 'skipped']), row: z.string().optional() });
/** Answers mirror the questionnaire: scalars, lists (select_multiple), points and roster rows. */
const response = z.record(z.string(), z.json());
const empty = z.object({}).strict();
const auditedCell = z.object({
  table: z.string(), areaCode: z.string(), category: z.string().optional(), reason: z.enum(['primary', 'secondary', 'carried']),
  value: z.number(), min: z.number().nullable(), max: z.number().nullable(), protection: z.number(),
});
const resultRow = z.object({ areaCode: z.string(), areaName: z.string(), category: z.string().optional(), value: z.number().nullable(), units: z.number().int(), suppressed: z.boolean() });
const resultTable = z.object({
  id: z.string(),
  aggregate: z.enum(['count', 'sum', 'mean', 'ratio']),
  field: z.string().nullable(),
  of: z.string().optional(),
  crossBy: z.string().optional(),
  by: z.enum(['country', 'province', 'commune']),
  rows: z.array(resultRow),
});

/** One event type's newest shape, and how each older version becomes the next. */
interface EventSchema<T extends AnyEvent['type']> {
  readonly version: number;
  readonly schema: z.ZodType<DataOf<T>>;
  /** `upcasters[v]` turns data of version v into version v + 1. */
  readonly upcasters?: Readonly<Record<number, (data: Record<string, unknown>) => Record<string, unknown>>>;
}

const schemas: { [T in AnyEvent['type']]: EventSchema<T> } = {
  TaskAssigned: {
    // Version 1 had no questionnaire version: every survey had one.
    version: 2,
    schema: z.object({ taskId: z.string(), cycleId: z.string(), surveyId: z.string(), unitId: z.string(), areaCode: z.string(), enumerator: z.string(), reviewLevels: z.array(z.string()), dueAt: z.string(), version: z.number().int().min(1) }),
    upcasters: { 1: (data) => ({ ...data, version: 1 }) },
  },
  ResponseSubmitted: {
    // Version 1: flat answers, no questionnaire version, no explanations of warnings.
    version: 2,
    schema: z.object({ submissionId: z.string(), data: response, by: z.string(), version: z.number().int().min(1), explanations: z.record(z.string(), z.string()) }),
    upcasters: { 1: (data) => ({ ...data, version: 1, explanations: {} }) },
  },
  ChecksFailed: { version: 1, schema: z.object({ failed: z.array(checkResult), warnings: z.array(checkResult) }) },
  ChecksPassed: { version: 1, schema: z.object({ warnings: z.array(checkResult), reviewLevel: z.string() }) },
  ReviewApproved: { version: 1, schema: z.object({ level: z.string(), by: z.string(), comment: z.string(), nextLevel: z.string().nullable() }) },
  TaskApproved: { version: 1, schema: empty },
  TaskRejected: { version: 1, schema: z.object({ level: z.string(), by: z.string(), comment: z.string() }) },
  TaskReassigned: { version: 1, schema: z.object({ from: z.string(), to: z.string(), by: z.string() }) },
  TaskDueChanged: { version: 1, schema: z.object({ from: z.string(), to: z.string() }) },
  TaskReminded: { version: 1, schema: z.object({ enumerator: z.string(), dueAt: z.string() }) },
  TaskOverdue: { version: 1, schema: z.object({ enumerator: z.string(), dueAt: z.string(), alerted: z.array(z.string()) }) },
  TaskCollectionClosed: { version: 1, schema: empty },
  TaskNonResponse: { version: 1, schema: z.object({ reason: z.enum(['collection_closed', 'rejected_after_close', 'late_checks_failed']) }) },
  TaskCancelled: { version: 1, schema: z.object({ reason: z.string() }) },
  CycleLaunched: {
    // Version 1 had no autoPublish: cycles were always published by a manager. Version 2 had no surveyVersion: surveys had one.
    version: 3,
    schema: z.object({
      cycleId: z.string(),
      surveyId: z.string(),
      surveyCode: z.string(),
      surveyVersion: z.number().int().min(1),
      period: z.string(),
      areaCodes: z.array(z.string()),
      collectionDeadline: z.string(),
      autoPublish: z.boolean(),
    }),
    upcasters: { 1: (data) => ({ ...data, autoPublish: false }), 2: (data) => ({ ...data, surveyVersion: 1 }) },
  },
  TasksCreated: { version: 1, schema: z.object({ count: z.number().int(), total: z.number().int() }) },
  CollectionStarted: { version: 1, schema: z.object({ total: z.number().int() }) },
  DeadlineExtended: { version: 1, schema: z.object({ from: z.string(), to: z.string() }) },
  ClosingStarted: { version: 1, schema: z.object({ reason: z.enum(['deadline', 'manager']) }) },
  CollectionClosed: { version: 1, schema: z.object({ reason: z.enum(['deadline', 'all_final', 'manager']) }) },
  ResultsPublished: { version: 1, schema: z.object({ version: z.number().int(), publishedAt: z.string(), tables: z.array(resultTable), approved: z.number().int(), disclosurePolicy: z.number().int().min(1).optional(), audit: z.array(auditedCell).optional() }) },
  CancellationStarted: { version: 1, schema: z.object({ reason: z.string() }) },
  CycleCancelled: { version: 1, schema: z.object({ reason: z.string() }) },
  SurveyDefined: {
    // Version 1 held a flat `fields` list; version 2 holds a questionnaire's `items`.
    version: 2,
    schema: z.object({ id: z.string(), definition: surveyDefinitionSchema }),
    upcasters: { 1: (data) => ({ ...data, definition: upcastDefinition(data.definition as Record<string, unknown>) }) },
  },
  SurveyRevised: { version: 1, schema: z.object({ version: z.number().int().min(2), definition: surveyDefinitionSchema }) },
  TaskUpgraded: { version: 1, schema: z.object({ from: z.number().int().min(1), to: z.number().int().min(2), by: z.string() }) },
  LateSubmissionReceived: {
    version: 1,
    schema: z.object({
      lateId: z.string(), taskId: z.string(), by: z.string(), data: z.record(z.string(), z.unknown()), explanations: z.record(z.string(), z.string()),
      submittedAt: z.string(), refusedWith: z.string().nullable(),
    }),
  },
  LateSubmissionAccepted: { version: 1, schema: z.object({ lateId: z.string(), by: z.string(), submittedBy: z.string() }) },
  NotificationSent: {
    version: 1,
    schema: z.object({ key: z.string().min(1), reason: z.enum(NOTIFICATION_REASONS), to: z.array(z.string()).min(1), messageIds: z.array(z.string()).min(1), unconfirmed: z.array(z.string()).optional() }),
  },
  NotificationFailed: {
    version: 1,
    schema: z.object({ key: z.string().min(1), reason: z.enum(NOTIFICATION_REASONS), attempt: z.number().int().min(1), error: z.string(), nextAttemptAt: z.string().nullable() }),
  },
  SurveyScheduleChanged: { version: 1, schema: z.object({ state: z.enum(['active', 'paused', 'deleted']), note: z.string() }) },
  // `fullName`, `email` and `language` came later as optional fields: an event without them is already in the
  // newest shape (an account without a name or an address, in Vietnamese), so both stay at version 1 and need
  // no upcaster.
  UserCreated: {
    version: 1,
    schema: z.object({
      id: z.string(), username: z.string(), fullName: z.string().optional(), email: z.string().optional(), language: z.enum(LANGUAGES).optional(),
      role: z.enum(ROLES), areaCodes: z.array(z.string()), unitIds: z.array(z.string()).optional(), enrolledWith: z.string().optional(), passwordHash: z.string(),
    }),
  },
  // Enrolment codes (domain/enrolment.ts): a batch's MACs, then each code's use on a stream of its own.
  EnrolmentCodesIssued: {
    version: 1,
    schema: z.object({ batchId: z.string(), by: z.string(), expiresAt: z.string(), codes: z.array(z.object({ unitId: z.string(), hash: z.string() })) }),
  },
  EnrolmentCodeUsed: { version: 1, schema: z.object({ unitId: z.string(), userId: z.string() }) },
  EnrolmentCodeReleased: { version: 1, schema: z.object({ userId: z.string(), reason: z.string() }) },
  DeviceRevoked: { version: 1, schema: z.object({ deviceId: z.string(), name: z.string(), by: z.string() }) },
  UserChanged: {
    version: 1,
    schema: z.object({
      fullName: z.string().optional(),
      email: z.string().nullable().optional(),
      language: z.enum(LANGUAGES).optional(),
      role: z.enum(ROLES).optional(),
      areaCodes: z.array(z.string()).optional(),
      unitIds: z.array(z.string()).optional(),
      disabled: z.boolean().optional(),
      passwordHash: z.string().optional(),
    }),
  },
  UnitsImported: { version: 1, schema: z.object({ units: z.array(unitSchema) }) },
  AuditorRead: { version: 1, schema: z.object({ method: z.string(), url: z.string(), status: z.number().int() }) },
};

const isKnown = (type: string): type is AnyEvent['type'] => Object.hasOwn(schemas, type);

/** The version new events of `type` are written with; 1 for types outside the domain (seals). */
export function currentVersion(type: string): number {
  return isKnown(type) ? schemas[type].version : 1;
}

/** Refuses data that does not have the newest shape of its event type. */
export function assertEventShape(type: string, data: unknown): void {
  if (!isKnown(type)) return;
  const result = schemas[type].schema.safeParse(data);
  if (!result.success) {
    throw new DomainError(
      'validation',
      `a ${type} event does not have its schema's shape`,
      result.error.issues.map((i) => ({ path: `data.${i.path.join('.')}`, message: i.message })),
    );
  }
}

/** Brings data recorded at `version` up to the newest shape of its type. */
export function upcastEvent(type: string, version: number, data: unknown): { data: unknown; schemaVersion: number } {
  if (!isKnown(type)) return { data, schemaVersion: version };
  const { version: newest, upcasters } = schemas[type];
  let current = data as Record<string, unknown>;
  let v = version;
  while (v < newest) {
    const up = upcasters?.[v];
    if (!up) throw new DomainError('validation', `no upcaster for ${type} version ${v}`);
    current = up(current);
    v++;
  }
  return { data: current, schemaVersion: v };
}

/** What the event store needs to version events: given to it when the system starts. */
export const eventSchemas = { upcast: upcastEvent, currentVersion, assertShape: assertEventShape } as const;
