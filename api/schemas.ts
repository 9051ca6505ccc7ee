import { z } from 'zod';
import { CYCLE_STATUSES } from '../domain/cycle/events.js';
import { AREA_LEVELS } from '../domain/survey/definition.js';
import { TASK_STATUSES } from '../domain/task/events.js';
import { CYCLE_ID_MAX, STREAM_NAME_MAX, SURVEY_CODE_MAX, TASK_ID_MAX, USERNAME_MAX } from '../domain/ids.js';
import { LANGUAGES, ROLES, type UserRecord } from '../domain/users.js';

const problemParams = z.record(z.string(), z.union([z.string(), z.number()]));

/** What is wrong with one field: `code` says it for clients to word, `message` in English. */
export const fieldProblemSchema = z.object({ path: z.string(), message: z.string(), code: z.string().optional(), params: problemParams.optional() });

export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  code: z.string().meta({ description: 'What was refused, by a stable code (`task.enumerator_not_eligible`); `detail` says it in English.' }),
  params: problemParams.meta({ description: 'The values the code\'s words need (`{ "enumerator": "enum.hcm" }`).' }),
  errors: z.array(fieldProblemSchema).optional(),
}).meta({ id: 'Problem', description: 'RFC 9457 problem details; `code` and `params` name the refusal for clients to word it, `errors` names each field a 400 refuses.' });

export const userSchema = z.object({
  id: z.string(),
  username: z.string(),
  fullName: z.string().optional().meta({ description: 'The person’s name; absent on accounts that have none.' }),
  email: z.string().optional().meta({ description: 'Where the person’s messages go; absent on accounts that have none.' }),
  language: z.enum(LANGUAGES).optional().meta({ description: 'The language of the person’s messages; Vietnamese when absent.' }),
  role: z.enum(ROLES),
  areaCodes: z.array(z.string()),
  unitIds: z.array(z.string()).optional().meta({ description: 'The units a respondent answers for; absent for staff.' }),
}).meta({ id: 'User' });

/** An account as the API shows it: its lists copied out of the record. */
export function userView<U extends UserRecord>({ unitIds, areaCodes, ...user }: U): Omit<U, 'unitIds' | 'areaCodes'> & { areaCodes: string[]; unitIds?: string[] } {
  return { ...user, areaCodes: [...areaCodes], ...(unitIds ? { unitIds: [...unitIds] } : {}) };
}

/** What the register knows of a unit (its frame `attributes`), seen as `unit` in checks and the form. */
export const attributesSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).meta({ id: 'UnitAttributes' });

/** Proof of an accepted submission (api/receipts.ts). */
export const receiptSchema = z
  .object({
    id: z.string().meta({ description: 'what GET /api/receipts/{id} verifies' }),
    position: z.number().int().meta({ description: 'the submission’s place in the event log' }),
    hash: z.string().meta({ description: 'the SHA-256 of the submission’s event, as the log chains it' }),
    at: z.string(),
  })
  .meta({ id: 'Receipt' });

/** An area as `GET /api/areas` lists it. */
export const areaSchema = z.object({ code: z.string(), name: z.string(), level: z.string(), parent: z.string().nullable() }).meta({ id: 'Area' });

export const countsSchema = z.object(Object.fromEntries(TASK_STATUSES.map((s) => [s, z.number().int()])) as Record<(typeof TASK_STATUSES)[number], z.ZodNumber>);

export const cycleOverviewSchema = z.object({
  id: z.string(),
  survey: z.string(),
  period: z.string(),
  status: z.enum(CYCLE_STATUSES),
  collectionDeadline: z.string(),
  areaCodes: z.array(z.string()),
  autoPublish: z.boolean(),
  total: z.number().int(),
  overdue: z.number().int(),
  counts: countsSchema,
  resultVersion: z.number().int(),
  launchedAt: z.string(),
  cancellation: z
    .object({ reason: z.string(), by: z.string(), at: z.string() })
    .nullable()
    .meta({ description: 'Why the cycle was cancelled, who asked and when; null unless it is cancelling or cancelled.' }),
}).meta({ id: 'CycleOverview' });

export const taskItemSchema = z.object({
  id: z.string(),
  unitId: z.string(),
  unitName: z.string().nullable().describe("the unit's name in the frame; null if the frame does not hold it"),
  unitAddress: z.string().nullable().describe("the unit's address in the frame; null if it has none"),
  areaCode: z.string(),
  areaName: z.string().nullable().describe("the area's name; null for a code the geography does not know"),
  enumerator: z.string(),
  enumeratorName: z.string().nullable().describe("the enumerator's full name; null if their account has none"),
  status: z.enum(TASK_STATUSES),
  reviewLevel: z.enum(AREA_LEVELS).nullable().describe('the level reviewing it now'),
  dueAt: z.string(),
  overdue: z.boolean(),
}).meta({ id: 'TaskItem' });

export const checkResultSchema = z.object({
  id: z.string(),
  severity: z.enum(['block', 'warn']),
  message: z.object({ vi: z.string(), en: z.string() }),
  outcome: z.enum(['failed', 'skipped']),
  /** The roster row a scoped check failed on, as `persons[2]`. */
  row: z.string().optional(),
}).meta({ id: 'CheckResult' });

/**
 * A whole number in a query string: decimal digits only, or a 400 naming the parameter. A
 * coercing parse would take "", spaces, 0x10 and 1e2. Documented as the integer it stands for.
 */
export function queryInt(min: number, max: number = Number.MAX_SAFE_INTEGER) {
  return z
    .string()
    .regex(/^[0-9]{1,16}$/, 'must be a whole number in decimal digits')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max))
    .meta({ type: 'integer', minimum: min, maximum: max, pattern: undefined } as Record<string, unknown>);
}

export const limitSchema = queryInt(1, 1000).default(100);
export const cursorSchema = z.string().max(500).optional();

export const encodeCursor = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

export function decodeCursor<T>(cursor: string | undefined, shape: z.ZodType<T>): T | null {
  if (!cursor) return null;
  try {
    return shape.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    return null;
  }
}

const pathId = (max: number, what: string) => z.object({ id: z.string().min(1).max(max).describe(`${what}, at most ${max} characters`) });
export const surveyIdParam = pathId(SURVEY_CODE_MAX, "the survey's id (its code)");
export const cycleIdParam = pathId(CYCLE_ID_MAX, "the cycle's id");
export const taskIdParam = pathId(TASK_ID_MAX, "the task's id, `<cycle id>.<unit id>`");
export const usernameParam = pathId(USERNAME_MAX, "the account's id (its user name)");
export const streamNameSchema = z.string().min(1).max(STREAM_NAME_MAX);
