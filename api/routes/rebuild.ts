import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { refusal } from '../../domain/problems.js';
import { STREAM_KINDS, stateAt, streamKind, type PointInStream } from '../../projections/history.js';
import { readModels } from '../../projections/projector.js';
import { replayReadModels } from '../../projections/replay.js';
import { authenticate, requireRole, restrictTo } from '../access.js';
import { queryInt, streamNameSchema } from '../schemas.js';

// A survey's, a cycle's or a task's stream: the kinds whose state an evolve folds.
const stateParams = z
  .object({ stream: streamNameSchema.regex(new RegExp(`^(${STREAM_KINDS.join('|')})-[\\s\\S]+$`), `must be a ${STREAM_KINDS.map((k) => `${k}-`).join(', ')} stream`) })
  .transform((p) => ({ stream: p.stream, kind: streamKind(p.stream)! }));

// Both bounds may be given (the state where the first of them is reached); neither is the newest state.
const pointQuery = z.strictObject({
  revision: queryInt(0).optional().describe('the state up to this revision (inclusive); with `at` too, the earlier of the two points'),
  at: z.iso.datetime({ offset: true }).optional().describe('the state as recorded by this time (inclusive); with `revision` too, the earlier of the two points'),
}) satisfies z.ZodType<PointInStream>;

const stateSchema = z.object({
  stream: z.string(),
  kind: z.enum(STREAM_KINDS),
  revision: z.number().int(),
  at: z.string(),
  state: z.record(z.string(), z.unknown()).describe("the aggregate's state as its evolve folds it"),
});

const rowSchema = z.record(z.string(), z.unknown());
const replaySchema = z.object({
  position: z.number().int(),
  identical: z.boolean(),
  models: z.array(
    z.object({
      name: z.string(),
      rows: z.number().int(),
      differenceCount: z.number().int(),
      differences: z.array(z.object({ table: z.string(), key: rowSchema, live: rowSchema.nullable(), rebuilt: rowSchema.nullable() })),
    }),
  ),
});

const MAX_DIFFERENCES = 100;

/** Password hashes stay out of what auditors read, here as in the log. */
const redactRow = (row: Record<string, unknown> | null) => row && ('password_hash' in row ? { ...row, password_hash: '[redacted]' } : row);

/** What auditors rebuild from the log: an aggregate at a past point, and every read model. */
export const rebuildRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('onRequest', authenticate);
  restrictTo(app, 'auditor', 'manager');
  const { store, readDb, geography } = app.deps;

  app.get(
    '/api/audit/streams/:stream/state',
    {
      schema: {
        tags: ['audit'],
        security: [{ bearer: [] }],
        description: 'A survey, cycle or task rebuilt with its own evolve: the newest state, or the state up to a revision, as recorded by a time, or where the first of the two is reached.',
        params: stateParams,
        querystring: pointQuery,
        response: { 200: stateSchema },
      },
    },
    async (request) => {
      const at = await stateAt(store, request.params.stream, request.params.kind, request.query);
      return { ...at, state: { ...at.state } };
    },
  );

  app.post(
    '/api/audit/replay',
    {
      // The rebuild reads the whole log: an auditor's check, not a dashboard.
      onRequest: requireRole('auditor'),
      schema: {
        tags: ['audit'],
        security: [{ bearer: [] }],
        description: `Rebuilds every read model from the log beside the live ones, up to the live checkpoint, and lists the rows that differ (at most ${MAX_DIFFERENCES} per model).`,
        response: { 200: replaySchema },
      },
    },
    async () => {
      if (readDb.memory) throw refusal('rebuild.in_memory');
      const report = await replayReadModels(store, readDb.name, readModels(geography), { maxDifferences: MAX_DIFFERENCES });
      return {
        ...report,
        models: report.models.map((m) => ({ ...m, differences: m.differences.map((d) => ({ ...d, live: redactRow(d.live), rebuilt: redactRow(d.rebuilt) })) })),
      };
    },
  );
};
