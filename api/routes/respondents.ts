import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { streams } from '../../domain/events.js';
import { isCollecting, type CycleStatus } from '../../domain/cycle/events.js';
import { isFinal, OPEN_STATUSES, TASK_STATUSES, type TaskStatus } from '../../domain/task/events.js';
import type { RecordedEvent } from '../../eventstore/port.js';
import { prepared } from '../../projections/model.js';
import { findSurvey } from '../../projections/surveys/model.js';
import { authenticate, requireRole } from '../access.js';
import { receiptFor, receiptKey } from '../receipts.js';
import { receiptSchema } from '../schemas.js';

/** How many of a respondent's tasks one answer lists, newest period first: two years of a dozen monthly reports. */
const MAX_ITEMS = 300;

const reportSchema = z
  .object({
    id: z.string(),
    cycleId: z.string(),
    surveyId: z.string(),
    surveyTitle: z.object({ vi: z.string(), en: z.string() }).nullable(),
    period: z.string(),
    unitId: z.string(),
    unitName: z.string().nullable(),
    status: z.enum(TASK_STATUSES),
    dueAt: z.string(),
    overdue: z.boolean(),
    /** Whether the respondent can still answer it: open, and its cycle still collecting. */
    due: z.boolean(),
    /** When the last accepted submission was received, and its receipt; null before one. */
    submittedAt: z.string().nullable(),
    submittedBy: z.string().nullable(),
    receipt: receiptSchema.nullable(),
    /** The reviewer's comment when the report was sent back. */
    rejection: z.string().nullable(),
    /** When the caller last saved a draft of it on the server, to continue; null when it has none. */
    draftSavedAt: z.string().nullable(),
  })
  .meta({ id: 'RespondentReport' });

type Row = { id: string; cycle_id: string; unit_id: string; status: TaskStatus; due_at: string; overdue: number; survey_id: string; period: string; cycle_status: CycleStatus; unit_name: string | null };

/**
 * The respondent's portal: its units' reports, what is due now first, then what it sent
 * before, period by period, each with its receipt.
 */
export const respondentRoutes: FastifyPluginAsyncZod = async (app) => {
  const { readDb: db, store, drafts } = app.deps;
  const receipts = receiptKey(app.deps.authSecret);

  /** The last accepted submission of a task's stream (one whose checks passed), with the reviewer's last rejection after it. */
  const lastAccepted = (events: readonly RecordedEvent[]) => {
    let accepted: RecordedEvent | null = null;
    let rejection: string | null = null;
    events.forEach((event, i) => {
      if (event.type === 'ResponseSubmitted' && events[i + 1]?.type === 'ChecksPassed') {
        accepted = event;
        rejection = null;
      }
      if (event.type === 'TaskRejected') rejection = (event.data as { comment?: string }).comment ?? null;
    });
    return { accepted: accepted as RecordedEvent | null, rejection };
  };

  app.get(
    '/api/my/reports',
    {
      onRequest: [authenticate, requireRole('respondent')],
      schema: {
        tags: ['tasks'],
        summary: 'A respondent’s reports: what is due now, then what it sent before, newest period first',
        security: [{ bearer: [] }],
        response: { 200: z.object({ items: z.array(reportSchema) }) },
      },
    },
    async (request) => {
      const unitIds = request.user.unitIds ?? [];
      if (unitIds.length === 0) return { items: [] };
      const rows = prepared<string[], Row>(
        db,
        `SELECT tasks.id, tasks.cycle_id, tasks.unit_id, tasks.status, tasks.due_at, tasks.overdue, cycles.survey_id, cycles.period, cycles.status AS cycle_status,
           (SELECT name FROM frame_units WHERE frame_units.id = tasks.unit_id) AS unit_name
         FROM tasks JOIN cycles ON cycles.id = tasks.cycle_id
         WHERE tasks.unit_id IN (${unitIds.map(() => '?').join(',')}) AND cycles.status != 'cancelled'
         ORDER BY cycles.period DESC, tasks.id LIMIT ${MAX_ITEMS}`,
      ).all(...unitIds);
      const titles = new Map<string, { vi: string; en: string } | null>();
      const title = (surveyId: string) => {
        if (!titles.has(surveyId)) titles.set(surveyId, findSurvey(db, surveyId)?.definition.title ?? null);
        return titles.get(surveyId)!;
      };
      const items = await Promise.all(
        rows.map(async (row) => {
          const { accepted, rejection } = lastAccepted(await store.readStream(streams.task(row.id)));
          const due = OPEN_STATUSES.includes(row.status) && isCollecting(row.cycle_status);
          const draft = due ? await drafts.get(row.id, request.user.username) : null;
          return {
            id: row.id,
            cycleId: row.cycle_id,
            surveyId: row.survey_id,
            surveyTitle: title(row.survey_id),
            period: row.period,
            unitId: row.unit_id,
            unitName: row.unit_name,
            status: row.status,
            dueAt: row.due_at,
            overdue: row.overdue === 1 && !isFinal(row.status),
            due,
            submittedAt: accepted?.metadata.at ?? null,
            submittedBy: (accepted?.data as { by?: string } | undefined)?.by ?? null,
            receipt: accepted ? receiptFor(receipts, accepted) : null,
            rejection: row.status === 'rejected' ? rejection : null,
            draftSavedAt: draft?.savedAt ?? null,
          };
        }),
      );
      // What is due now comes first, soonest due date first; the rest keep the newest period first.
      const dueNow = items.filter((item) => item.due).sort((a, b) => (a.dueAt < b.dueAt ? -1 : 1));
      return { items: [...dueNow, ...items.filter((item) => !item.due)] };
    },
  );
};
