import type { FastifyRequest } from 'fastify';
import type { ExpectedRevision } from '../eventstore/port.js';

/** Appends what a request decided, with the caller in the metadata, and waits until the read models show it. */
export async function appendFromRequest(
  request: FastifyRequest,
  stream: string,
  events: readonly { type: string; data: unknown }[],
  expected: ExpectedRevision,
): Promise<number> {
  const { store, projector } = request.server.deps;
  const at = new Date().toISOString();
  const metadata = { actor: request.user.id, correlationId: String(request.id), causationId: null, workflowId: null, at };
  const result = await store.append(stream, events.map((e) => ({ ...e, metadata })), { expected });
  await projector.waitFor(result.position);
  return result.position;
}
