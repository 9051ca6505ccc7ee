/**
 * Reporting rates (`GET /api/surveys/:id/reporting-rates`) for 100,000 enterprises over 12
 * monthly periods: the read model fed the task events of 12 cycles through its own `apply`
 * (every enterprise assigned, four in five received, most on time), then the query by province
 * over the twelve periods, and a province's communes, timed many times (target p95 ≤ 100 ms).
 * `npm run bench -- reporting`.
 */
import Database from 'better-sqlite3';
import { demoGeography } from '../domain/geography/geography.js';
import type { RecordedEvent } from '../eventstore/port.js';
import { reportingModel } from '../projections/reporting/model.js';
import { reportingRates } from '../projections/reporting/queries.js';
import { fmt, machine, median, percentile, writeSection } from './harness.js';

const UNITS = Number(process.env.BENCH_REPORTING_UNITS ?? 100_000);
const PERIODS = 12;
const RUNS = 200;
const say = (line: string) => process.stdout.write(`${line}\n`);

const geography = demoGeography();
const communes = [...geography.all()].filter((area) => area.level === 'commune').map((area) => area.code);
const db = new Database(':memory:');
const model = reportingModel(geography);
db.exec(model.schema);
db.exec('CREATE TABLE cycles (id TEXT PRIMARY KEY, survey_code TEXT NOT NULL, period TEXT NOT NULL, status TEXT NOT NULL); CREATE INDEX cycles_survey ON cycles (survey_code, period);');

const fed = performance.now();
let position = 0;
let events = 0;
const changes = { cycles: new Set<string>(), tasks: new Set<string>() };
const apply = (stream: string, type: string, at: string, data: Record<string, unknown> = {}) => {
  events++;
  model.apply(db, { id: String(++position), stream, revision: 0, position, type, data, metadata: { actor: 'bench', correlationId: 'bench', causationId: null, workflowId: null, at, schemaVersion: 1 } } as RecordedEvent, changes);
};
for (let month = 1; month <= PERIODS; month++) {
  const period = `2026-${String(month).padStart(2, '0')}`;
  const cycleId = `DN_THANG-${period}`;
  const dueAt = `${period}-20T17:00:00.000Z`;
  db.prepare('INSERT INTO cycles VALUES (?, ?, ?, ?)').run(cycleId, 'DN_THANG', period, 'closed');
  db.transaction(() => {
    for (let unit = 0; unit < UNITS; unit++) {
      const stream = `task-${cycleId}.DN${unit}`;
      apply(stream, 'TaskAssigned', `${period}-01T00:00:00.000Z`, { taskId: `${cycleId}.DN${unit}`, cycleId, areaCode: communes[(unit * 7919) % communes.length]!, dueAt });
      // Four in five report; one in ten of those after the due date; half of those received are approved.
      if ((unit + month) % 5 === 0) continue;
      apply(stream, 'ChecksPassed', `${period}-${(unit + month) % 10 === 1 ? '25' : '15'}T08:00:00.000Z`);
      if (unit % 2 === 0) apply(stream, 'TaskApproved', `${period}-28T08:00:00.000Z`);
    }
  })();
}
const fedSeconds = (performance.now() - fed) / 1000;
say(`fed ${fmt(events)} events in ${fmt(fedSeconds, 1)} s`);

function time(query: () => unknown): number[] {
  for (let i = 0; i < 10; i++) query();
  return Array.from({ length: RUNS }, () => {
    const started = performance.now();
    // What the route adds: the areas' names and the JSON answer.
    JSON.stringify(query());
    return performance.now() - started;
  });
}
const byProvince = () => reportingRates(db, { survey: 'DN_THANG', level: 'province', scope: null }).items.map((item) => ({ ...item, areaName: geography.get(item.areaCode)?.name }));
const hanoi = () => reportingRates(db, { survey: 'DN_THANG', level: 'commune', parent: '01', scope: null }).items.map((item) => ({ ...item, areaName: geography.get(item.areaCode)?.name }));
const supervisor = () => reportingRates(db, { survey: 'DN_THANG', level: 'province', scope: ['01', '79'], from: '2026-07' }).items;
const rows = reportingRates(db, { survey: 'DN_THANG', level: 'province', scope: null }).items;
const expected = rows.reduce((sum, row) => sum + row.expected, 0);
if (expected !== UNITS * PERIODS) throw new Error(`expected ${expected}`);
const figures = [
  ['by province, 12 periods (34 × 12 cells), every area', time(byProvince)],
  ["by commune, one province's communes, 12 periods", time(hanoi)],
  ["a supervisor's two provinces, the last 6 periods", time(supervisor)],
] as const;
const lines = [
  '## Reporting rates',
  '',
  `${machine()}. The reporting read model (\`projections/reporting/model.ts\`) fed through its own \`apply\` with ${fmt(events)} task events: ${fmt(UNITS)} enterprises in the demo's ${fmt(communes.length)} communes, each assigned in ${PERIODS} monthly cycles, four in five received (one in ten of those late), half of those approved (${fmt(fedSeconds, 1)} s, ${fmt(events / fedSeconds)} events/s). The query of \`GET /api/surveys/:id/reporting-rates\` with the areas' names and the JSON answer, ${RUNS} times each after 10 warm-ups.`,
  '',
  '| query | p50 | p95 | target |',
  '|---|---|---|---|',
  ...figures.map(([what, times]) => `| ${what} | ${fmt(median([...times]), 2)} ms | ${fmt(percentile([...times], 95), 2)} ms | p95 ≤ 100 ms |`),
  '',
  `The model keeps counts per cycle and commune (${fmt(db.prepare<[], { n: number }>('SELECT count(*) AS n FROM reporting').get()!.n)} rows here) beside one row per task for its due date and first receipt; the rates read the counts only.`,
];
for (const line of lines) say(line);
writeSection('reporting', lines.join('\n'));
