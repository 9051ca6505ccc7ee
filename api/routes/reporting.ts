import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PERIOD_PATTERN } from '../../domain/ids.js';
import { DomainError } from '../../domain/errors.js';
import { refusal } from '../../domain/problems.js';
import { reportingRates, type RateQuery } from '../../projections/reporting/queries.js';
import { findSurvey } from '../../projections/surveys/model.js';
import { authenticate, restrictTo, scopeOf } from '../access.js';
import { csvCell } from '../csv.js';
import { surveyIdParam } from '../schemas.js';

const period = z.string().regex(PERIOD_PATTERN, 'must be a period as cycles are named (2026-11, 2026-Q4)');
const rateQuery = z.strictObject({
  from: period.optional().meta({ description: 'the first period, inclusive' }),
  to: period.optional().meta({ description: 'the last period, inclusive' }),
  level: z.enum(['province', 'commune']).default('province'),
  parent: z.string().min(1).max(16).optional().meta({ description: 'with level=commune: the province whose communes to show' }),
});
const rate = z.object({
  areaCode: z.string(),
  areaName: z.string(),
  period: z.string(),
  expected: z.number().int().meta({ description: 'units the cycle was launched for' }),
  received: z.number().int().meta({ description: 'units whose response was received (passed its checks)' }),
  onTime: z.number().int().meta({ description: 'received by the task’s due date' }),
  late: z.number().int(),
  approved: z.number().int(),
  rate: z.number().nullable().meta({ description: 'received ÷ expected' }),
  onTimeRate: z.number().nullable().meta({ description: 'onTime ÷ expected' }),
});
const rates = z
  .object({ survey: z.string(), level: z.enum(['province', 'commune']), parent: z.string().nullable(), periods: z.array(z.string()), items: z.array(rate) })
  .meta({ id: 'ReportingRates' });

const COLUMNS = ['areaCode', 'areaName', 'period', 'expected', 'received', 'onTime', 'late', 'approved', 'rate', 'onTimeRate'] as const;

/**
 * Who has reported, by area and period (`GET /api/surveys/:id/reporting-rates`), over the
 * caller's areas: the denominators are the units each cycle was launched for
 * (projections/reporting/model.ts). Also as CSV, for a spreadsheet.
 */
export const reportingRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('onRequest', authenticate);
  restrictTo(app, 'manager', 'supervisor', 'auditor');
  const { readDb: db, geography } = app.deps;

  const answer = (code: string, query: z.infer<typeof rateQuery>, user: Parameters<typeof scopeOf>[0]) => {
    const survey = findSurvey(db, code);
    if (!survey) throw refusal('survey.not_found', { id: code });
    if (query.parent !== undefined && (query.level !== 'commune' || geography.get(query.parent)?.level !== 'province')) {
      const message = query.level !== 'commune' ? 'is for level=commune' : 'must be a province’s code';
      throw new DomainError('validation', `parent ${message}`, [{ path: 'querystring.parent', message }]);
    }
    const q: RateQuery = { survey: survey.definition.code, level: query.level, scope: scopeOf(user), ...(query.from ? { from: query.from } : {}), ...(query.to ? { to: query.to } : {}), ...(query.parent ? { parent: query.parent } : {}) };
    const { periods, items } = reportingRates(db, q);
    return { survey: q.survey, level: q.level, parent: query.parent ?? null, periods, items: items.map((item) => ({ ...item, areaName: geography.get(item.areaCode)?.name ?? item.areaCode })) };
  };

  app.get(
    '/api/surveys/:id/reporting-rates',
    {
      schema: {
        tags: ['surveys'],
        summary: 'Reporting rates by area and period, over the caller’s areas',
        security: [{ bearer: [] }],
        params: surveyIdParam,
        querystring: rateQuery,
        response: { 200: rates },
      },
    },
    async (request) => answer(request.params.id, request.query, request.user),
  );

  app.get(
    '/api/surveys/:id/reporting-rates.csv',
    {
      schema: {
        tags: ['surveys'],
        summary: 'The same reporting rates as CSV, one line per area and period',
        security: [{ bearer: [] }],
        params: surveyIdParam,
        querystring: rateQuery,
        response: { 200: { description: 'CSV with a header line', content: { 'text/csv': { schema: z.string() } } } },
      },
    },
    async (request, reply) => {
      const { survey, items } = answer(request.params.id, request.query, request.user);
      const lines = [COLUMNS.join(','), ...items.map((item) => COLUMNS.map((column) => csvCell(item[column])).join(','))];
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${survey}-reporting-rates.csv"`)
        .send(`${lines.join('\n')}\n`);
    },
  );
};
