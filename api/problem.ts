import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { DomainError, type ErrorCode, type FieldError, type Named, type ProblemParams } from '../domain/errors.js';
import { refusal } from '../domain/problems.js';

const STATUS: Record<ErrorCode, number> = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  illegal_state: 409,
  concurrency: 409,
  too_large: 413,
  unavailable: 503,
};

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  413: 'Payload too large',
  414: 'URI too long',
  415: 'Unsupported media type',
  429: 'Too many requests',
  500: 'Internal server error',
  503: 'Service unavailable',
};

/** The code of a refusal nobody named more closely, by its HTTP status. */
const CODES: Record<number, string> = {
  400: 'validation',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'illegal_state',
  413: 'too_large',
  414: 'uri_too_long',
  415: 'unsupported_media_type',
  429: 'rate_limited',
  500: 'internal',
  503: 'unavailable',
};

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  /** Stable and machine-readable: what the UI words in the user's language (`detail` is English). */
  code: string;
  params: ProblemParams;
  errors?: FieldError[];
}

export function problem(status: number, detail: string, errors?: readonly FieldError[], named?: Named): Problem {
  return {
    type: status >= 500 ? 'about:blank' : `https://survey-ops.dev/problems/${status}`,
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    code: named?.code ?? CODES[status] ?? 'error',
    params: named?.params ?? {},
    ...(errors && errors.length > 0 ? { errors: [...errors] } : {}),
  };
}

/** A schema validator's finding about one field, by zod's issue code and its plain parameters. */
function fieldProblem(path: string, keyword: string, message: string | undefined, given: Record<string, unknown>): FieldError {
  // A check of our own names its problem in the issue's params: `{ code: 'duplicate_id', id: 'age' }`.
  const own = keyword === 'custom' && isRecord(given.params) && typeof given.params.code === 'string' ? given.params : undefined;
  const params: Record<string, string | number> = {};
  const source = own ?? given;
  for (const key of own ? Object.keys(own).filter((k) => k !== 'code') : ['minimum', 'maximum', 'expected', 'format', 'origin']) {
    const value = source[key];
    if (typeof value === 'string' || typeof value === 'number') params[key] = value;
    else if (typeof value === 'bigint') params[key] = Number(value);
  }
  return { path, message: message ?? 'is invalid', code: own ? String(own.code) : keyword, params };
}

/** A zod issue about the field at `path`, as the API names field problems. */
export function fieldIssue(path: string, issue: { code: string; message: string }): FieldError {
  return fieldProblem(path, issue.code, issue.message, issue as unknown as Record<string, unknown>);
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

const codeOf = (type: string | undefined | null): ErrorCode | undefined =>
  type && type in STATUS ? (type as ErrorCode) : undefined;

/** A refusal from a workflow's update validator or handler, as the domain error it carries. */
function fromTemporal(err: unknown): DomainError | undefined {
  if (err instanceof WorkflowNotFoundError) return refusal('workflow.not_running');
  if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
    const code = codeOf(err.cause.type);
    const [errors, named] = (err.cause.details ?? []) as [FieldError[] | undefined, Named | undefined];
    if (code) return new DomainError(code, err.cause.message, errors ?? [], named ?? undefined);
  }
  const grpc = err as { code?: number; details?: string };
  if (typeof grpc.code === 'number' && grpc.code === 14) return refusal('temporal.unavailable');
  return undefined;
}

function toProblem(err: unknown): Problem | undefined {
  if (hasZodFastifySchemaValidationErrors(err)) {
    const where = (err as { validationContext?: string }).validationContext ?? 'body';
    const errors = err.validation.flatMap((v) => {
      const at = [where, ...v.instancePath.split('/').filter(Boolean)];
      // Zod reports unknown keys on the object that holds them: name each key instead.
      const keys: unknown = v.keyword === 'unrecognized_keys' ? v.params.keys : undefined;
      if (Array.isArray(keys) && keys.length > 0) return keys.map((key) => ({ path: [...at, String(key)].join('.'), message: 'is not a known field', code: 'unknown_field', params: {} }));
      return [fieldProblem(at.join('.'), v.keyword, v.message, v.params)];
    });
    return problem(400, `invalid ${where}: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}`.slice(0, 500), errors, { code: 'request_invalid', params: {} });
  }
  const domain = err instanceof DomainError ? err : fromTemporal(err);
  if (domain) return problem(STATUS[domain.code], domain.message, domain.errors, domain.named);
  const status = (err as FastifyError).statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) return problem(status, (err as Error).message);
  return undefined;
}

/** The one error handler: problem details for every error, never a stack or a 5xx message. */
export function errorHandler(err: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const known = toProblem(err);
  if (known && known.status < 500) request.log.info({ status: known.status, detail: known.detail }, 'request refused');
  else request.log.error({ err }, 'request failed');
  const body = known ?? problem(500, 'an unexpected error occurred; it has been logged');
  if (body.status === 503) reply.header('retry-after', '5');
  return reply.code(body.status).type('application/problem+json').send(body);
}
