import { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { auditReadsStream, type AuditorRead } from '../domain/audit/events.js';
import { problem } from './problem.js';

/** Requests made by an authenticated auditor, with the auditor's id. */
const auditorRequests = new WeakMap<FastifyRequest, string>();

/**
 * A root `preHandler`, after every route's `authenticate`: a request whose token was
 * refused never gets here, so it is not an auditor's read. Every route an auditor reads
 * is recorded, not only the audit routes: the household microdata and task details too.
 */
export async function markAuditorRead(request: FastifyRequest): Promise<void> {
  const user = request.user as FastifyRequest['user'] | undefined;
  if (user?.role === 'auditor') auditorRequests.set(request, user.id);
}

/**
 * Records an auditor's request as an `AuditorRead` before the answer leaves (an `onSend`
 * hook, so the status is known). If it cannot be recorded, the read is refused with a 503
 * instead: inspection staff can read every response and every account's history, and a
 * trail with silent gaps would not say what they saw. A store that cannot append is a
 * dependency down, which is what 503 already means here. A streamed answer is recorded
 * with the status it starts with.
 */
export async function recordAuditorRead(request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> {
  const auditor = auditorRequests.get(request);
  if (auditor === undefined) return payload;
  auditorRequests.delete(request);
  const event: AuditorRead = { type: 'AuditorRead', data: { method: request.method, url: request.url, status: reply.statusCode } };
  const metadata = { actor: auditor, correlationId: String(request.id), causationId: null, workflowId: null, at: new Date().toISOString() };
  try {
    await request.server.deps.store.append(auditReadsStream(auditor), [{ ...event, metadata }], { expected: 'any' });
    return payload;
  } catch (err) {
    request.log.error({ err }, 'an auditor read could not be recorded, so it was refused');
    if (payload instanceof Readable) payload.destroy();
    reply.code(503).type('application/problem+json').header('retry-after', '5');
    return JSON.stringify(problem(503, 'this read could not be recorded in the audit trail, so it was not served; try again'));
  }
}
