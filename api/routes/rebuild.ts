import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DomainError } from '../../domain/errors.js';
import { STREAM_KINDS, stateAt, streamKind, type PointInStream } from '../../projections/history.js';
import { readModels } from '../../projections/projector.js';
import { replayReadModels } from '../../projections/replay.js';
import { authenticate, requireRole } from '../access.js';
import { queryInt, streamNameSchema } from '../schemas.js';

// A survey's, a cycle's or a task's stream: the kinds whose state an evolve folds.
const stateParams = z
  .object({ stream: streamNameSchema.regex(new RegExp(`^(${STREAM_KINDS.join('|')})-.+$`), `must be a ${STREAM_KINDS.map((k) => `${k}-`).join(', ')} stream`) })
  .transform((p) => ({ stream: p.stream, kind: streamKind(p.stream)! }));

const pointQuery = z
  .strictObject({
    revision: queryInt(0).optional().describe('the state after this revision; give either `revision` or `at`, not both'),
    at: z.iso.datetime({ offset: true }).optional().describe('the state at this time; give either `revision` or `at`, not both'),
  })
  .transform((q, ctx): PointInStream => {
    if (q.revision !== undefined && q.at !== undefined) ctx.addIssue({ code: 'custom', path: ['at'], message: 'give a revision or a time, not both' });
    else if (q.revision !== undefined) return { revision: q.revision };
    else if (q.at !== undefined) return { at: q.at };
    else ctx.addIssue({ code: 'custom', path: ['revision'], message: 'give a revision, or a time as at' });
    return z.NEVER;
  });

const stateSchema = z.object({
  stream: z.string(),
  kind: z.enum(STREAM_KINDS),
  revision: z.number().int(),
  at: z.string(),
  state: z.unknown().describe("the aggregate's state as its evolve folds it"),
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
  app.addHook('onRequest', requireRole('auditor', 'manager'));
  const { store, readDb, geography } = app.deps;

  app.get(
    '/api/audit/streams/:stream/state',
    {
      schema: {
        tags: ['audit'],
        security: [{ bearer: [] }],
        description: 'A survey, cycle or task rebuilt with its own evolve, up to a revision (inclusive) or as recorded by a time (inclusive).',
        params: stateParams,
        querystring: pointQuery,
        response: { 200: stateSchema },
      },
    },
    async (request) => stateAt(store, request.params.stream, request.params.kind, request.query),
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
      if (readDb.memory) throw new DomainError('unavailable', 'the read models are in memory: there is no file to rebuild beside');
      const report = await replayReadModels(store, readDb.name, readModels(geography), { maxDifferences: MAX_DIFFERENCES });
      return {
        ...report,
        models: report.models.map((m) => ({ ...m, differences: m.differences.map((d) => ({ ...d, live: redactRow(d.live), rebuilt: redactRow(d.rebuilt) })) })),
      };
    },
  );
};
