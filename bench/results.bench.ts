/**
 * The output tables of a census-sized cycle over a person roster: 100,000 approved
 * households of 4 people each, counted by province and sex (target ≤ 30 s), with the
 * publication's own `computeTables`. `npm run bench -- results`.
 */
import { demoGeography } from '../domain/geography/geography.js';
import { computeTables, type ApprovedResponse } from '../domain/results/tables.js';
import { parseDefinition } from '../domain/survey/definition.js';
import { householdRosterSurvey } from '../test/helpers/household-roster.js';
import { fmt, machine, median, writeSection } from './harness.js';

const HOUSEHOLDS = 100_000;
const PERSONS = 4;
const survey = parseDefinition({ ...householdRosterSurvey('BENCH'), minCellSize: 3 });
const geo = demoGeography();
const communes = [...geo.all()].filter((a) => a.level === 'commune').map((a) => a.code);

const responses: ApprovedResponse[] = Array.from({ length: HOUSEHOLDS }, (_, h) => ({
  areaCode: communes[h % communes.length]!,
  data: {
    members: PERSONS,
    persons: Array.from({ length: PERSONS }, (_, p) => {
      const age = (h * 7 + p * 13) % 90;
      const worked = age >= 15 ? (h + p) % 3 !== 0 : undefined;
      return { name: `Người ${p + 1}`, relation: p === 0 ? '1' : '3', sex: (h + p) % 2 ? '1' : '2', age, ...(worked === undefined ? {} : { worked }), ...(worked ? { hours: 40 } : {}) };
    }),
  },
}));

const runs: number[] = [];
let cells = 0;
for (let run = 0; run < 3; run++) {
  const started = performance.now();
  const tables = computeTables(survey, responses, geo);
  runs.push(performance.now() - started);
  cells = tables.reduce((sum, t) => sum + t.rows.length, 0);
  const persons = tables.find((t) => t.id === 'persons_by_sex')!.rows.reduce((sum, r) => sum + r.units, 0);
  if (persons !== HOUSEHOLDS * PERSONS) throw new Error(`counted ${persons} persons`);
}

writeSection(
  'results',
  `## Results over a roster

${machine()}. \`computeTables\` (\`domain/results/tables.ts\`), as publication and the auditors' reproduction run it, over ${fmt(HOUSEHOLDS)} approved households of ${PERSONS} people in the demo's communes, with the four outputs of the roster survey in \`test/helpers/household-roster.ts\` (persons by province × sex, employed persons by province × sex with a \`where\`, the employment ratio by province, households by province): ${fmt(cells)} cells.

| measurement | median of 3 runs | target |
|---|---|---|
| ${fmt(HOUSEHOLDS)} households × ${PERSONS} persons, by province × sex | ${fmt(median(runs) / 1000, 1)} s | ≤ 30 s |
`,
);
process.stdout.write(`results: ${runs.map((t) => fmt(t / 1000, 1)).join(', ')} s\n`);
