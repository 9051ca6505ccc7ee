import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CODES_PER_EVENT, codeHash, DEFAULT_CODE_DAYS, enrolmentKey, enrolmentStreams, MAX_CODE_DAYS, MAX_CODES_PER_REQUEST, newCode } from '../../domain/enrolment.js';
import { refusal } from '../../domain/problems.js';
import { findUnit } from '../../projections/frame/model.js';
import { listUnits } from '../../projections/frame/queries.js';
import { authenticate, requireRole, scopeOf } from '../access.js';
import { appendFromRequest } from '../append.js';
import { csvCell } from '../csv.js';

const COLUMNS = ['unitId', 'name', 'areaCode', 'code', 'expiresAt'] as const;

/**
 * Enrolment codes for units' letters (domain/enrolment.ts). The answer is the only place the
 * codes are ever seen: the log keeps their MACs.
 */
export const enrolmentRoutes: FastifyPluginAsyncZod = async (app) => {
  const { readDb: db, geography } = app.deps;
  const key = enrolmentKey(app.deps.authSecret);

  app.post(
    '/api/units/enrolment-codes',
    {
      onRequest: [authenticate, requireRole('manager', 'supervisor')],
      schema: {
        tags: ['frame'],
        summary: 'Enrolment codes for units, as CSV to print in letters; a unit’s earlier unused codes stop working',
        security: [{ bearer: [] }],
        // Either the units by id, or every unit of a type in some areas.
        body: z
          .strictObject({
            unitIds: z.array(z.string().min(1).max(64)).min(1).max(MAX_CODES_PER_REQUEST).optional().meta({ description: 'the units, by frame id' }),
            unitType: z.string().min(1).max(63).optional().meta({ description: 'with areaCodes: every unit of this type in those areas' }),
            areaCodes: z.array(z.string().min(1).max(16)).min(1).max(1000).optional(),
            expiresInDays: z.number().int().min(1).max(MAX_CODE_DAYS).default(DEFAULT_CODE_DAYS),
          })
          .superRefine((body, ctx) => {
            if (body.unitIds !== undefined && (body.unitType !== undefined || body.areaCodes !== undefined)) {
              ctx.addIssue({ code: 'custom', path: [body.unitType !== undefined ? 'unitType' : 'areaCodes'], message: 'give unitIds, or unitType with areaCodes, not both' });
            } else if (body.unitIds === undefined) {
              if (body.unitType === undefined && body.areaCodes === undefined) ctx.addIssue({ code: 'custom', path: ['unitIds'], message: 'is required (or unitType with areaCodes)' });
              else if (body.unitType === undefined) ctx.addIssue({ code: 'custom', path: ['unitType'], message: 'is required with areaCodes' });
              else if (body.areaCodes === undefined) ctx.addIssue({ code: 'custom', path: ['areaCodes'], message: 'is required with unitType' });
            }
          }),
        response: { 201: { description: 'CSV with a header line: unitId, name, areaCode, code, expiresAt', content: { 'text/csv': { schema: z.string() } } } },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const scope = scopeOf(request.user);
      const visible = (areaCode: string) => scope === null || geography.withinAny(scope, areaCode);
      let units: { id: string; name: string; areaCode: string }[];
      if (body.unitIds) {
        const ids = [...new Set(body.unitIds)];
        const found = ids.map((id) => ({ id, unit: findUnit(db, id) }));
        // A unit out of the caller's areas reads as one that does not exist.
        const missing = found.filter(({ unit }) => !unit || !visible(unit.areaCode)).map(({ id }) => id);
        if (missing.length > 0) {
          throw refusal('enrolment.units_invalid', {}, [{ path: 'body.unitIds', message: `unknown units: ${missing.slice(0, 10).join(', ')}`, code: 'unknown_units', params: { ids: missing.slice(0, 10).join(', ') } }]);
        }
        units = found.map(({ unit }) => unit!);
      } else {
        const areaCodes = body.areaCodes ?? [];
        const outside = areaCodes.filter((code) => !geography.has(code) || !visible(code));
        if (outside.length > 0) {
          throw refusal('areas.unknown', { codes: outside.slice(0, 10).join(', ') }, [{ path: 'body.areaCodes', message: `unknown area codes: ${outside.slice(0, 10).join(', ')}`, code: 'unknown_areas', params: { codes: outside.slice(0, 10).join(', ') } }]);
        }
        const seen = new Map<string, { id: string; name: string; areaCode: string }>();
        for (const areaCode of new Set(areaCodes)) {
          for (let after: string | null = null; ; ) {
            const page = listUnits(db, { type: body.unitType, areaCode }, scope, after, 5_000);
            for (const row of page) seen.set(row.id, { id: row.id, name: row.name, areaCode: row.area_code });
            if (seen.size > MAX_CODES_PER_REQUEST) throw refusal('enrolment.too_many', { max: MAX_CODES_PER_REQUEST });
            if (page.length < 5_000) break;
            after = page[page.length - 1]!.id;
          }
        }
        units = [...seen.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
      }
      if (units.length === 0) throw refusal('enrolment.no_units');

      const expiresAt = new Date(Date.now() + body.expiresInDays * 864e5).toISOString();
      const issued = units.map((unit) => ({ ...unit, code: newCode() }));
      const batchId = randomUUID();
      const events = [];
      for (let i = 0; i < issued.length; i += CODES_PER_EVENT) {
        const codes = issued.slice(i, i + CODES_PER_EVENT).map((unit) => ({ unitId: unit.id, hash: codeHash(key, unit.code) }));
        events.push({ type: 'EnrolmentCodesIssued', data: { batchId, by: request.user.username, expiresAt, codes } });
      }
      await appendFromRequest(request, enrolmentStreams.batch(batchId), events, 'no_stream');
      const lines = [COLUMNS.join(','), ...issued.map((unit) => [unit.id, unit.name, unit.areaCode, unit.code, expiresAt].map(csvCell).join(','))];
      return reply
        .code(201)
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="enrolment-codes-${batchId.slice(0, 8)}.csv"`)
        .header('cache-control', 'no-store')
        .send(`${lines.join('\r\n')}\r\n`);
    },
  );
};
