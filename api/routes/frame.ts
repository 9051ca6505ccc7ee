import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { FieldError } from '../../domain/errors.js';
import { refusal } from '../../domain/problems.js';
import { streams } from '../../domain/events.js';
import { unitSchema, type Unit } from '../../domain/frame.js';
import { AREA_CODE_MAX } from '../../domain/ids.js';
import { listUnits, unitTypes } from '../../projections/frame/queries.js';
import { unitAttributes } from '../../projections/frame/model.js';
import { findUser } from '../../projections/users/model.js';
import { authenticate, requireRole, scopeOf } from '../access.js';
import { appendFromRequest } from '../append.js';
import { parseCsv } from '../csv.js';
import { fieldIssue } from '../problem.js';
import { attributesSchema, cursorSchema, decodeCursor, encodeCursor, fieldProblemSchema, limitSchema } from '../schemas.js';

const MAX_LINES = 100_000;
const UNITS_PER_EVENT = 2000;
const COLUMNS = ['id', 'type', 'areaCode', 'name', 'address', 'enumerator'] as const;
/** Columns a file may leave out, or leave empty on a line. */
const OPTIONAL: readonly string[] = ['address', 'enumerator'];
/** A column `attr.<name>` holds the attribute `name`: a number when it reads as one, else text; empty is none. */
const ATTRIBUTE = 'attr.';
const NUMBER = /^-?\d+(\.\d+)?$/;

/** A CSV line's cells by column, its `attr.` columns gathered into `attributes`. */
function recordOf(columns: readonly string[], cells: readonly string[]): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  const attributes: Record<string, string | number> = {};
  columns.forEach((column, j) => {
    const value = cells[j]?.trim() ?? '';
    if (column.startsWith(ATTRIBUTE)) {
      if (value !== '') attributes[column.slice(ATTRIBUTE.length)] = NUMBER.test(value) ? Number(value) : value;
    } else if (!(OPTIONAL.includes(column) && value === '')) record[column] = value;
  });
  return Object.keys(attributes).length > 0 ? { ...record, attributes } : record;
}

function csvRecords(text: string): { line: number; record: Record<string, unknown> }[] {
  const [header, ...rows] = parseCsv(text);
  const columns = (header ?? []).map((c) => c.trim());
  const missing = COLUMNS.filter((c) => !OPTIONAL.includes(c) && !columns.includes(c));
  if (missing.length > 0) throw refusal('frame.header_missing', { columns: missing.join(', ') }, [{ path: 'body.header', message: `needs the columns ${COLUMNS.join(',')}`, code: 'needs_columns', params: { columns: COLUMNS.join(',') } }]);
  return rows
    .map((cells, i) => ({ line: i + 2, cells }))
    .filter(({ cells }) => cells.some((c) => c.trim() !== ''))
    .map(({ line, cells }) => ({ line, record: recordOf(columns, cells) }));
}

const frameUnitSchema = z.object({
  id: z.string(),
  type: z.string(),
  name: z.string(),
  address: z.string().nullable(),
  areaCode: z.string(),
  areaName: z.string().nullable().describe("the area's name; null for a code the geography does not know"),
  enumerator: z.string().nullable().describe('the enumerator the unit names, who gets its tasks; null when tasks go to any enumerator of its area'),
  attributes: attributesSchema,
}).meta({ id: 'FrameUnit' });

export const frameRoutes: FastifyPluginAsyncZod = async (app) => {
  const { readDb: db, geography } = app.deps;

  app.get(
    '/api/frame/units',
    {
      onRequest: [authenticate, requireRole('manager')],
      schema: {
        tags: ['frame'],
        summary: 'The units of the frame inside the caller’s areas, in id order, filtered',
        security: [{ bearer: [] }],
        querystring: z.strictObject({
          type: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,62}$/, 'must be a unit type (an identifier)').optional(),
          areaCode: z.string().min(1).max(AREA_CODE_MAX).optional().describe('units in this area or below it (a province takes its communes)'),
          q: z.string().max(200).optional().describe('words to find in the id, name or address; diacritics and case do not matter'),
          limit: limitSchema,
          cursor: cursorSchema,
        }),
        response: { 200: z.object({ items: z.array(frameUnitSchema), nextCursor: z.string().nullable() }) },
      },
    },
    async (request) => {
      const q = request.query;
      if (q.areaCode !== undefined && !geography.has(q.areaCode)) {
        throw refusal('area.unknown', { code: q.areaCode }, [{ path: 'querystring.areaCode', message: 'is not a known area code', code: 'unknown_area' }]);
      }
      const after = decodeCursor(q.cursor, z.string());
      if (q.cursor && after === null) throw refusal('list.bad_cursor', {}, [{ path: 'querystring.cursor', message: 'must be a nextCursor of this list', code: 'bad_cursor' }]);
      // The country holds every unit: no filter at all.
      const areaCode = q.areaCode && geography.get(q.areaCode)?.level !== 'country' ? q.areaCode : undefined;
      const rows = listUnits(db, { type: q.type, areaCode, text: q.q }, scopeOf(request.user), after, q.limit);
      const items = rows.map((r) => ({
        id: r.id,
        type: r.type,
        name: r.name,
        address: r.address,
        areaCode: r.area_code,
        areaName: geography.get(r.area_code)?.name ?? null,
        enumerator: r.enumerator,
        attributes: unitAttributes(db, r.id),
      }));
      const last = items[items.length - 1];
      return { items, nextCursor: items.length === q.limit && last ? encodeCursor(last.id) : null };
    },
  );

  app.get(
    '/api/frame/types',
    {
      onRequest: [authenticate, requireRole('manager')],
      schema: {
        tags: ['frame'],
        summary: 'The unit types of the frame inside the caller’s areas, with their unit counts',
        security: [{ bearer: [] }],
        response: { 200: z.object({ items: z.array(z.object({ type: z.string(), units: z.number().int() })) }) },
      },
    },
    async (request) => ({ items: unitTypes(db, scopeOf(request.user)) }),
  );

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
          200: z.object({ imported: z.number().int(), rejected: z.array(z.object({ line: z.number().int(), errors: z.array(fieldProblemSchema) })) }),
        },
      },
    },
    async (request) => {
      const records = typeof request.body === 'string' ? csvRecords(request.body) : request.body.map((record, i) => ({ line: i + 1, record }));
      if (records.length > MAX_LINES) throw refusal('frame.too_many_lines', { max: MAX_LINES });
      const good: Unit[] = [];
      const rejected: { line: number; errors: FieldError[] }[] = [];
      const seen = new Set<string>();
      for (const { line, record } of records) {
        const parsed = unitSchema.safeParse(record);
        if (!parsed.success) {
          const errors = parsed.error.issues.flatMap((i) =>
            i.code === 'unrecognized_keys' ? i.keys.map((key) => ({ path: key, message: 'is not a column of the frame', code: 'not_a_column' })) : [fieldIssue(i.path.join('.') || 'line', i)],
          );
          rejected.push({ line, errors });
          continue;
        }
        const unit = parsed.data;
        const errors: FieldError[] = [];
        if (!geography.has(unit.areaCode)) errors.push({ path: 'areaCode', message: `no area ${unit.areaCode}`, code: 'unknown_area' });
        if (unit.enumerator && findUser(db, unit.enumerator)?.role !== 'enumerator') errors.push({ path: 'enumerator', message: `no enumerator ${unit.enumerator}`, code: 'unknown_enumerator', params: { enumerator: unit.enumerator } });
        if (seen.has(unit.id)) errors.push({ path: 'id', message: `unit ${unit.id} appears twice in this import`, code: 'duplicate_unit', params: { id: unit.id } });
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
