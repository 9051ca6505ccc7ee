/**
 * The questionnaire evaluator and the XLSForm import, on the sizes the questionnaire issue
 * sets: a response of 1,000 roster rows with 50 checks (p95 ≤ 50 ms), and an XLSForm of
 * 1,000 rows (≤ 2 s). `npm run bench -- questionnaire`.
 */
import os from 'node:os';
import writeExcelFile from 'write-excel-file/node';
import { evaluateResponse } from '../domain/survey/evaluate.js';
import { questionnaireSchema } from '../domain/survey/questionnaire.js';
import { readWorkbook, xlsformToQuestionnaire } from '../domain/survey/xlsform.js';
import { fmt, machine, median, writeSection } from './harness.js';

const l = (text: string) => ({ vi: text, en: text });

/** A roster of persons with ten items, relevance and a constraint; 40 checks on each row and 10 on the whole. */
const questionnaire = questionnaireSchema.parse({
  choiceLists: { sex: [{ value: '1', label: l('Male') }, { value: '2', label: l('Female') }] },
  items: [
    { id: 'members', type: 'integer', required: true, min: 1, max: 1000, label: l('Members') },
    {
      type: 'roster',
      id: 'persons',
      size: 'members',
      maxRows: 1000,
      label: l('Persons'),
      items: [
        { id: 'name', type: 'text', required: true, label: l('Name') },
        { id: 'sex', type: 'select_one', choices: 'sex', required: true, label: l('Sex') },
        { id: 'age', type: 'integer', required: true, min: 0, max: 120, label: l('Age') },
        { id: 'worked', type: 'boolean', relevant: 'age >= 15', required: true, label: l('Worked') },
        { id: 'hours', type: 'decimal', relevant: 'worked', constraint: 'hours <= 112.0', label: l('Hours') },
        { id: 'income', type: 'decimal', min: 0, label: l('Income') },
        { id: 'school', type: 'integer', min: 0, max: 20, label: l('Years of school') },
        { id: 'born', type: 'date', label: l('Born') },
        { id: 'adult', type: 'calculate', expression: 'age >= 18' },
        { id: 'note', type: 'text', label: l('Note') },
      ],
    },
    { id: 'workers', type: 'calculate', expression: 'persons.filter(p, has(p.worked) && p.worked).size()' },
  ],
  checks: [
    ...Array.from({ length: 40 }, (_, i) => ({ id: `row_${i}`, scope: 'persons', expression: `!(age < ${i % 15} && has(worked) && worked) && school <= age + ${i}`, severity: i % 2 ? 'warn' : 'block', message: l(`row check ${i}`) })),
    ...Array.from({ length: 10 }, (_, i) => ({ id: `all_${i}`, expression: `persons.filter(p, p.age > ${i * 10}).size() <= members`, severity: 'block', message: l(`whole check ${i}`) })),
  ],
});

const ROWS = 1000;
const response = {
  members: ROWS,
  persons: Array.from({ length: ROWS }, (_, i) => ({ name: `Người ${i}`, sex: i % 2 ? '1' : '2', age: i % 90, worked: i % 3 === 0, hours: 40, income: 12.5, school: Math.min(12, i % 90), born: '1990-05-01', note: 'ghi chú' })),
};

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Rounds of 50 timed evaluations (after 10 untimed); the figures are the medians of the rounds' p50 and p95, so that one noisy round moves nothing. */
const ROUNDS = 5;
const p50s: number[] = [];
const p95s: number[] = [];
let checks = 0;
for (let round = 0; round < ROUNDS; round++) {
  const times: number[] = [];
  for (let run = 0; run < 60; run++) {
    const started = performance.now();
    const result = evaluateResponse(questionnaire, response);
    const elapsed = performance.now() - started;
    if (result.errors.length > 0) throw new Error(`the benchmark's response is refused: ${JSON.stringify(result.errors.slice(0, 3))}`);
    checks = result.failed.length + result.warnings.length;
    if (run >= 10) times.push(elapsed);
  }
  p50s.push(median(times));
  p95s.push(percentile(times, 95));
}
const load = os.loadavg()[0]!;

/** An XLSForm of `rows` questions in groups of 20 with relevance and constraints, written as a workbook. */
async function xlsform(rows: number): Promise<Uint8Array> {
  const survey: (string | null)[][] = [['type', 'name', 'label::English (en)', 'label::Tiếng Việt (vi)', 'relevant', 'constraint', 'required']];
  for (let i = 0; i < rows; i++) {
    if (i % 20 === 0) survey.push(['begin group', `g${i}`, `Group ${i}`, `Nhóm ${i}`, null, null, null]);
    const type = ['integer', 'decimal', 'text', 'select_one yes_no'][i % 4]!;
    survey.push([type, `q${i}`, `Question ${i}`, `Câu hỏi ${i}`, i > 0 && i % 4 === 1 ? `\${q${i - 1}} > 0` : null, type === 'integer' ? '. >= 0 and . <= 200' : null, i % 5 === 0 ? 'yes' : null]);
    if (i % 20 === 19) survey.push(['end group', null, null, null, null, null, null]);
  }
  const choices = [['list_name', 'name', 'label::English (en)', 'label::Tiếng Việt (vi)'], ['yes_no', 'yes', 'Yes', 'Có'], ['yes_no', 'no', 'No', 'Không']];
  return new Uint8Array(await writeExcelFile([{ sheet: 'survey', data: survey }, { sheet: 'choices', data: choices }] as never).toBuffer());
}

const workbook = await xlsform(1000);
const imports: number[] = [];
for (let run = 0; run < 5; run++) {
  const started = performance.now();
  const sheets = await readWorkbook(workbook);
  if ('error' in sheets) throw new Error(sheets.error);
  const result = xlsformToQuestionnaire(sheets);
  if (!result.questionnaire) throw new Error(`the benchmark's form is refused: ${JSON.stringify(result.errors.slice(0, 3))}`);
  imports.push(performance.now() - started);
}

writeSection(
  'questionnaire',
  `## Questionnaires

${machine()}; load average ${fmt(load, 1)} when the evaluator's rounds ended. The evaluator the server and the form share (\`domain/survey/evaluate.ts\`), and the XLSForm import (\`domain/survey/xlsform.ts\`).

| measurement | p50 | p95 | target |
|---|---|---|---|
| a response of ${fmt(ROWS)} roster rows (10 items each, relevance, a constraint, a calculation) with 50 checks (40 per row, 10 on the whole; ${fmt(checks)} results), typed, evaluated and checked; median of ${ROUNDS} rounds of 50 runs | ${fmt(median(p50s), 1)} ms | ${fmt(median(p95s), 1)} ms | p95 ≤ 50 ms |
| an XLSForm of 1,000 questions in 50 groups (relevance, constraints, two languages), read and translated; 5 runs | ${fmt(median(imports))} ms | ${fmt(percentile(imports, 95))} ms | ≤ 2 s |

Reading: the evaluator computes comparisons, arithmetic, logic, \`has\`, \`size\`, \`sum\`, row fields and the list macros straight from the parsed expression and hands anything else to CEL (a property test holds its results to CEL's own on random expressions); rows are CEL maps built once, a row's bindings inherit the enclosing level's, answers are typed once. Before that, the same response took p50 166 ms and p95 310 ms (CEL's overload resolution on every operator, rows converted again on every read). The p95 needs a machine that is not busy: with three to five runnable processes per core it rose to 70 ms.
`,
);
process.stdout.write(`evaluate p50 ${fmt(median(p50s), 1)} ms p95 ${fmt(median(p95s), 1)} ms (rounds' p95: ${p95s.map((t) => fmt(t, 1)).join(', ')}; load ${fmt(load, 1)}); import p50 ${fmt(median(imports))} ms\n`);
