import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { findCycle } from '../../projections/cycles/model.js';
import { findTask } from '../../projections/tasks/model.js';
import { RECEIPT_ID, receiptEvent, receiptKey } from '../receipts.js';

const TASK_STREAM = 'task-';
const verdict = z
  .object({
    valid: z.boolean().meta({ description: 'whether the log holds the submission the receipt names, unchanged' }),
    at: z.string().nullable().meta({ description: 'when the submission was received' }),
    survey: z.string().nullable().meta({ description: 'the survey’s code' }),
    period: z.string().nullable(),
  })
  .meta({ id: 'ReceiptCheck' });

/** `GET /api/receipts/:id`: anyone holding a receipt may have it verified, without logging in (api/receipts.ts). */
export const receiptRoutes: FastifyPluginAsyncZod = async (app) => {
  const { store, readDb: db } = app.deps;
  const key = receiptKey(app.deps.authSecret);
  const invalid = { valid: false, at: null, survey: null, period: null };

  app.get(
    '/api/receipts/:id',
    {
      schema: {
        tags: ['receipts'],
        params: z.strictObject({ id: z.string().regex(RECEIPT_ID, 'must be a receipt id as a submission’s answer gives it (<position>-<22 characters>)') }),
        response: { 200: verdict },
      },
    },
    async (request) => {
      const event = await receiptEvent(store, key, request.params.id);
      if (!event || event.type !== 'ResponseSubmitted' || !event.stream.startsWith(TASK_STREAM)) return invalid;
      const task = findTask(db, event.stream.slice(TASK_STREAM.length));
      const cycle = task && findCycle(db, task.cycleId);
      return { valid: true, at: event.metadata.at, survey: cycle?.survey ?? null, period: cycle?.period ?? null };
    },
  );
};
