import { ApplicationFailure } from '@temporalio/workflow';
import { DomainError } from '../domain/errors.js';

/**
 * Business refusals leave a workflow as typed failures: the failure's type is the
 * domain error code, its details the field errors and the refusal's stable code, so callers can branch on them.
 */
export function asFailure(err: unknown): unknown {
  if (err instanceof DomainError) {
    return ApplicationFailure.create({ type: err.code, message: err.message, nonRetryable: true, details: [err.errors, err.named ?? null] });
  }
  return err;
}

/** Runs `fn`, rethrowing a domain refusal as a typed failure. */
export function refuseAsFailure<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    throw asFailure(err);
  }
}

/** A one-at-a-time lock: handlers that append must not interleave, since each append states the stream's revision. */
export class Mutex {
  #tail: Promise<void> = Promise.resolve();

  run<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.#tail.then(fn);
    this.#tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }
}
