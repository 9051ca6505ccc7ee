import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { refusal } from '../../domain/problems.js';
import { OPEN_STATUSES } from '../../domain/task/events.js';
import type { Draft } from '../../eventstore/drafts.js';
import { authenticate, requireRole, visibleTask } from '../access.js';
import { taskIdParam } from '../schemas.js';

/** A draft's data, as JSON, is at most this large: a long roster takes a few tens of kilobytes. */
export const DRAFT_MAX_BYTES = 512 * 1024;
/** How far ahead of the server's clock a device's may run. */
const CLOCK_SKEW_MS = 10 * 60_000;
/** The statuses in which the task is in its holder's hands. */
const EDITABLE = OPEN_STATUSES;

const draftSchema = z
  .object({
    taskId: z.string(),
    data: z.record(z.string(), z.unknown()).describe('the answers so far, as the form holds them; not checked'),
    savedAt: z.string().describe('when the device saved it'),
    storedAt: z.string().describe('when the server stored it'),
  })
  .meta({ id: 'Draft' });

const shown = (draft: Draft) => ({ taskId: draft.taskId, data: draft.data, savedAt: draft.savedAt, storedAt: draft.storedAt });

/**
 * `PUT`/`GET /api/tasks/:id/draft`: the holder's work in progress (eventstore/drafts.ts),
 * saved by the form as the user types and read back on any device. The task must be in
 * its holder's hands; the later `savedAt` wins.
 */
export const draftRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('onRequest', authenticate);
  const { readDb: db, geography, drafts } = app.deps;

  app.put(
    '/api/tasks/:id/draft',
    {
      onRequest: requireRole('enumerator', 'respondent'),
      schema: {
        tags: ['tasks'],
        security: [{ bearer: [] }],
        params: taskIdParam,
        body: z.strictObject({
          data: z.record(z.string(), z.unknown()),
          savedAt: z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time with its offset, like 2026-12-31T17:00:00Z' }),
        }),
        response: { 200: draftSchema },
      },
    },
    async (request) => {
      const task = visibleTask(db, geography, request.params.id, request.user);
      if (!EDITABLE.includes(task.status)) throw refusal('draft.not_editable', { id: task.id, status: task.status });
      if (Date.parse(request.body.savedAt) > Date.now() + CLOCK_SKEW_MS) throw refusal('draft.saved_in_future', {}, [{ path: 'body.savedAt', message: 'is later than now' }]);
      if (Buffer.byteLength(JSON.stringify(request.body.data)) > DRAFT_MAX_BYTES) {
        throw refusal('draft.too_large', { max: DRAFT_MAX_BYTES }, [{ path: 'body.data', message: `must be at most ${DRAFT_MAX_BYTES} bytes as JSON` }]);
      }
      return shown(await drafts.put({ taskId: task.id, holder: request.user.username, data: request.body.data, savedAt: request.body.savedAt }));
    },
  );

  app.get(
    '/api/tasks/:id/draft',
    { onRequest: requireRole('enumerator', 'respondent'), schema: { tags: ['tasks'], security: [{ bearer: [] }], params: taskIdParam, response: { 200: draftSchema } } },
    async (request) => {
      const task = visibleTask(db, geography, request.params.id, request.user);
      const draft = await drafts.get(task.id, request.user.username);
      if (!draft) throw refusal('draft.not_found', { id: task.id });
      return shown(draft);
    },
  );
};
