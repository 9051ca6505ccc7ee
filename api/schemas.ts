import { z } from 'zod';
import { CYCLE_STATUSES } from '../domain/cycle/events.js';
import { TASK_STATUSES } from '../domain/task/events.js';
import { ROLES } from '../domain/users.js';

export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});

/** Problem-details responses every authenticated route may give. */
export const problems = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  409: problemSchema,
  503: problemSchema,
} as const;

export const userSchema = z.object({
  id: z.string(),
  username: z.string(),
  role: z.enum(ROLES),
  areaCodes: z.array(z.string()),
});

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
});

export const taskItemSchema = z.object({
  id: z.string(),
  unitId: z.string(),
  areaCode: z.string(),
  enumerator: z.string(),
  status: z.enum(TASK_STATUSES),
  reviewLevel: z.string().nullable(),
  dueAt: z.string(),
  overdue: z.boolean(),
});

export const checkResultSchema = z.object({
  id: z.string(),
  severity: z.enum(['block', 'warn']),
  message: z.object({ vi: z.string(), en: z.string() }),
  outcome: z.enum(['failed', 'skipped']),
});

export const limitSchema = z.coerce.number().int().min(1).max(1000).default(100);
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

export const idParam = z.object({ id: z.string().min(1).max(300) });
