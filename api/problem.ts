import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { DomainError, type ErrorCode, type FieldError } from '../domain/errors.js';

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

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: FieldError[];
}

export function problem(status: number, detail: string, errors?: readonly FieldError[]): Problem {
  return {
    type: status >= 500 ? 'about:blank' : `https://survey-ops.dev/problems/${status}`,
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    ...(errors && errors.length > 0 ? { errors: [...errors] } : {}),
  };
}

const codeOf = (type: string | undefined | null): ErrorCode | undefined =>
  type && type in STATUS ? (type as ErrorCode) : undefined;

/** A refusal from a workflow's update validator or handler, as the domain error it carries. */
function fromTemporal(err: unknown): DomainError | undefined {
  if (err instanceof WorkflowNotFoundError) return new DomainError('not_found', 'no such workflow is running');
  if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
    const code = codeOf(err.cause.type);
    if (code) return new DomainError(code, err.cause.message, (err.cause.details?.[0] as FieldError[] | undefined) ?? []);
  }
  const grpc = err as { code?: number; details?: string };
  if (typeof grpc.code === 'number' && grpc.code === 14) return new DomainError('unavailable', 'Temporal is unavailable');
  return undefined;
}

function toProblem(err: unknown): Problem | undefined {
  if (hasZodFastifySchemaValidationErrors(err)) {
    const where = (err as { validationContext?: string }).validationContext ?? 'body';
    const errors = err.validation.flatMap((v) => {
      const at = [where, ...v.instancePath.split('/').filter(Boolean)];
      // Zod reports unknown keys on the object that holds them: name each key instead.
      const keys: unknown = v.keyword === 'unrecognized_keys' ? v.params.keys : undefined;
      if (Array.isArray(keys) && keys.length > 0) return keys.map((key) => ({ path: [...at, String(key)].join('.'), message: 'is not a known field' }));
      return [{ path: at.join('.'), message: v.message ?? 'is invalid' }];
    });
    return problem(400, `invalid ${where}: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}`.slice(0, 500), errors);
  }
  const domain = err instanceof DomainError ? err : fromTemporal(err);
  if (domain) return problem(STATUS[domain.code], domain.message, domain.errors);
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
