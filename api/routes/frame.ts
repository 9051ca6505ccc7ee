import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { FieldError } from '../../domain/errors.js';
import { DomainError } from '../../domain/errors.js';
import { streams } from '../../domain/events.js';
import { unitSchema, type Unit } from '../../domain/frame.js';
import { findUser } from '../../projections/users/model.js';
import { authenticate, requireRole } from '../access.js';
import { appendFromRequest } from '../append.js';
import { parseCsv } from '../csv.js';

const MAX_LINES = 100_000;
const UNITS_PER_EVENT = 2000;
const COLUMNS = ['id', 'type', 'areaCode', 'name', 'enumerator'] as const;

function csvRecords(text: string): { line: number; record: Record<string, string> }[] {
  const [header, ...rows] = parseCsv(text);
  const columns = (header ?? []).map((c) => c.trim());
  const missing = COLUMNS.filter((c) => c !== 'enumerator' && !columns.includes(c));
  if (missing.length > 0) throw new DomainError('validation', `the CSV header lacks ${missing.join(', ')}`, [{ path: 'body.header', message: `needs the columns ${COLUMNS.join(',')}` }]);
  return rows
    .map((cells, i) => ({ line: i + 2, cells }))
    .filter(({ cells }) => cells.some((c) => c.trim() !== ''))
    .map(({ line, cells }) => ({
      line,
      record: Object.fromEntries(columns.map((c, j) => [c, cells[j]?.trim() ?? '']).filter(([c, v]) => !(c === 'enumerator' && v === ''))),
    }));
}

export const frameRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addContentTypeParser(['text/csv', 'text/plain'], { parseAs: 'string', bodyLimit: 64 * 1024 * 1024 }, (_req, body, done) => done(null, body));

  app.post(
    '/api/units/import',
    {
      onRequest: [authenticate, requireRole('manager')],
      bodyLimit: 64 * 1024 * 1024,
      schema: {
        tags: ['frame'],
        security: [{ bearer: [] }],
        body: z.union([z.array(z.unknown()).max(MAX_LINES), z.string().max(64 * 1024 * 1024)]),
        response: {
          200: z.object({ imported: z.number().int(), rejected: z.array(z.object({ line: z.number().int(), errors: z.array(z.object({ path: z.string(), message: z.string() })) })) }),
        },
      },
    },
    async (request) => {
      const { geography, readDb } = app.deps;
      const records = typeof request.body === 'string' ? csvRecords(request.body) : request.body.map((record, i) => ({ line: i + 1, record }));
      if (records.length > MAX_LINES) throw new DomainError('too_large', `at most ${MAX_LINES} lines per import`);
      const good: Unit[] = [];
      const rejected: { line: number; errors: FieldError[] }[] = [];
      const seen = new Set<string>();
      for (const { line, record } of records) {
        const parsed = unitSchema.safeParse(record);
        if (!parsed.success) {
          const errors = parsed.error.issues.flatMap((i) =>
            i.code === 'unrecognized_keys' ? i.keys.map((key) => ({ path: key, message: 'is not a column of the frame' })) : [{ path: i.path.join('.') || 'line', message: i.message }],
          );
          rejected.push({ line, errors });
          continue;
        }
        const unit = parsed.data;
        const errors: FieldError[] = [];
        if (!geography.has(unit.areaCode)) errors.push({ path: 'areaCode', message: `no area ${unit.areaCode}` });
        if (unit.enumerator && findUser(readDb, unit.enumerator)?.role !== 'enumerator') errors.push({ path: 'enumerator', message: `no enumerator ${unit.enumerator}` });
        if (seen.has(unit.id)) errors.push({ path: 'id', message: `unit ${unit.id} appears twice in this import` });
        if (errors.length > 0) rejected.push({ line, errors });
        else {
          seen.add(unit.id);
          good.push(unit);
        }
      }
      if (good.length > 0) {
        const events = [];
        for (let i = 0; i < good.length; i += UNITS_PER_EVENT) events.push({ type: 'UnitsImported', data: { units: good.slice(i, i + UNITS_PER_EVENT) } });
        await appendFromRequest(request, streams.frame(randomUUID()), events, 'no_stream');
      }
      return { imported: good.length, rejected };
    },
  );
};
