import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { demoGeography } from '../../domain/geography/geography.js';
import type { RecordedEvent } from '../../eventstore/port.js';
import { reportingModel } from '../../projections/reporting/model.js';
import { reportingRates } from '../../projections/reporting/queries.js';

/** The reporting model (projections/reporting/model.ts) fed task events by hand. */
const CYCLE = 'DN-2026-11';
const DUE = '2026-11-20T17:00:00.000Z';

function setUp() {
  const db = new Database(':memory:');
  const model = reportingModel(demoGeography());
  db.exec(model.schema);
  db.exec("CREATE TABLE cycles (id TEXT PRIMARY KEY, survey_code TEXT, period TEXT, status TEXT); INSERT INTO cycles VALUES ('DN-2026-11', 'DN', '2026-11', 'collecting')");
  let position = 0;
  const apply = (unit: string, type: string, at: string, data: Record<string, unknown> = {}) =>
    model.apply(db, { id: `e${++position}`, stream: `task-${CYCLE}.${unit}`, revision: 0, position, type, data, metadata: { actor: 'x', correlationId: 'c', causationId: null, workflowId: null, at, schemaVersion: 1 } } as RecordedEvent, { cycles: new Set(), tasks: new Set() });
  const assign = (unit: string) => apply(unit, 'TaskAssigned', '2026-11-01T00:00:00.000Z', { taskId: `${CYCLE}.${unit}`, cycleId: CYCLE, areaCode: '01001', dueAt: DUE });
  const rate = () => reportingRates(db, { survey: 'DN', level: 'commune', scope: null }).items[0];
  return { apply, assign, rate };
}

describe('the reporting model', () => {
  it('counts a unit once, on time or late by the due date when its response first passed its checks', () => {
    const { apply, assign, rate } = setUp();
    for (const unit of ['A', 'B', 'C', 'D']) assign(unit);
    // Assigned again (a retried append the projector sees twice): still four expected.
    assign('A');
    apply('A', 'ChecksPassed', '2026-11-10T00:00:00.000Z');
    // Passed again after a rejection, later than the due date: still on time.
    apply('A', 'ChecksPassed', '2026-11-25T00:00:00.000Z');
    apply('A', 'TaskApproved', '2026-11-26T00:00:00.000Z');
    apply('B', 'ChecksFailed', '2026-11-10T00:00:00.000Z');
    apply('C', 'ChecksPassed', '2026-11-21T00:00:00.000Z');
    expect(rate()).toEqual({ areaCode: '01001', period: '2026-11', expected: 4, received: 2, onTime: 1, late: 1, approved: 1, rate: 0.5, onTimeRate: 0.25 });
  });

  it('judges on time by the due date as moved', () => {
    const { apply, assign, rate } = setUp();
    assign('A');
    apply('A', 'TaskDueChanged', '2026-11-19T00:00:00.000Z', { from: DUE, to: '2026-11-30T17:00:00.000Z' });
    apply('A', 'ChecksPassed', '2026-11-25T00:00:00.000Z');
    expect(rate()).toMatchObject({ received: 1, onTime: 1, late: 0 });
  });
});
