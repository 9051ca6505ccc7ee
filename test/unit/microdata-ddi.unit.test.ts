import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateXML } from 'xmllint-wasm';
import { describe, expect, it } from 'vitest';
import { levelCsv } from '../../domain/microdata/csv.js';
import { ddiCodebook, type Study } from '../../domain/microdata/ddi.js';
import { microdataLayout, Tally, type MicrodataLayout, type MicrodataResponse } from '../../domain/microdata/levels.js';
import { escapeAttribute, escapeText } from '../../domain/microdata/xml.js';
import { questionnaireSchema } from '../../domain/survey/questionnaire.js';
import { HOUSEHOLD_V1, HOUSEHOLD_V2, TITLE, VERSIONS } from '../fixtures/ddi/lfs.js';

/** DDI Codebook 2.5.1's schema and the schemas it imports, as the DDI Alliance publishes them (see the README there). */
const SCHEMA_DIR = fileURLToPath(new URL('../fixtures/ddi/codebook-2.5.1/', import.meta.url));

function schemaFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? schemaFiles(join(dir, entry.name)) : [join(dir, entry.name)]));
}

const schema = { fileName: 'codebook.xsd', contents: readFileSync(join(SCHEMA_DIR, 'codebook.xsd'), 'utf8') };
const preload = schemaFiles(SCHEMA_DIR)
  .map((path) => relative(SCHEMA_DIR, path).split('\\').join('/'))
  .filter((name) => name !== 'codebook.xsd')
  .map((fileName) => ({ fileName, contents: readFileSync(join(SCHEMA_DIR, fileName), 'utf8') }));

const validate = (xml: string) => validateXML({ xml: [{ fileName: 'codebook.xml', contents: xml }], schema: [schema], preload });

/** The codebook as an export writes it: after the tables, so that it knows their case counts. */
async function codebook(layout: MicrodataLayout, responses: MicrodataResponse[], study: Study = { id: 'LFS', title: TITLE, unitType: 'household' }): Promise<string> {
  const tally = new Tally();
  for (const level of layout.levels) for await (const _chunk of levelCsv(layout, level, responses, { tally }));
  return ddiCodebook(layout, study, tally);
}

const layout = microdataLayout(VERSIONS, { unitLevel: 'household', unitLabel: { vi: 'Hộ', en: 'Household' } });
const xml = await codebook(layout, [HOUSEHOLD_V2, HOUSEHOLD_V1]);

/** One `var` element by its name. */
function variable(name: string): string {
  const found = xml.match(new RegExp(`<var [^>]*name="${name}"[\\s\\S]*?</var>`));
  if (!found) throw new Error(`no var ${name}`);
  return found[0];
}

describe('ddiCodebook', () => {
  it('is valid against the DDI Codebook 2.5 schema', async () => {
    const result = await validate(xml);
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('is refused by that schema when a required part is missing, so the check above means something', async () => {
    const result = await validate(xml.replace(/<citation>[\s\S]*?<\/citation>/, ''));
    expect(result.valid).toBe(false);
    expect(result.errors[0]?.message).toMatch(/citation/);
  });

  it('titles the study in both languages', () => {
    expect(xml).toContain('<codeBook xmlns="ddi:codebook:2_5"');
    expect(xml).toContain('<titl xml:lang="vi">Điều tra lao động việc làm</titl>');
    expect(xml).toContain('<parTitl xml:lang="en">Labour force survey</parTitl>');
    expect(xml).toContain('<anlyUnit unit="household">household</anlyUnit>');
  });

  it('describes a file per level with its case count, variables and keys', () => {
    const files = [...xml.matchAll(/<fileDscr ID="([^"]+)" URI="([^"]+)">[\s\S]*?<caseQnty>(\d+)<\/caseQnty>\s*<varQnty>(\d+)<\/varQnty>/g)].map((m) => m.slice(1));
    expect(files).toEqual([
      ['F_household', 'household.csv', '2', '12'],
      ['F_persons', 'persons.csv', '3', '12'],
      ['F_jobs', 'jobs.csv', '3', '4'],
    ]);
    const persons = xml.match(/<recGrp ID="R_persons"[^>]*>/)?.[0];
    expect(persons).toContain('recGrp="R_jobs"');
    const keys = persons?.match(/keyvar="([^"]+)"/)?.[1]?.split(' ') ?? [];
    expect(keys.map((id) => xml.match(new RegExp(`<var ID="${id}" name="([^"]+)"`))?.[1])).toEqual(['taskId', 'row']);
  });

  it('has a var per column, placed by its column number in its file', () => {
    const names = [...xml.matchAll(/<var ID="V\d+" name="([^"]+)" files="F_persons"/g)].map((m) => m[1]);
    expect(names).toEqual(['taskId', 'row', 'name', 'relation', 'sex', 'age', 'worked', 'work_types', 'work_types_1', 'work_types_2', 'work_types_3', 'hours']);
    expect(variable('age')).toContain('<location fileid="F_persons" StartPos="6" EndPos="6"/>');
  });

  it('labels a question, gives its text, categories and format', () => {
    const sex = variable('sex');
    expect(sex).toContain('<labl xml:lang="vi">Giới tính</labl>');
    expect(sex).toContain('<qstnLit xml:lang="en">Sex</qstnLit>');
    expect(sex).toMatch(/<catgry>\s*<catValu>2<\/catValu>\s*<labl xml:lang="vi">Nữ<\/labl>\s*<labl xml:lang="en">Female<\/labl>\s*<\/catgry>/);
    expect(sex).toContain('<varFormat type="numeric" schema="other"/>');
    expect(variable('name')).toContain('<varFormat type="character" schema="other"/>');
    expect(variable('age')).toContain('<ivuInstr xml:lang="en">Completed years</ivuInstr>');
    expect(variable('age')).toContain('<range UNITS="INT" min="0" max="120"/>');
  });

  it('keeps relevance and constraints as notes, escaped', () => {
    expect(variable('worked')).toContain('<notes type="relevance" subject="CEL">age &gt;= 15</notes>');
    expect(variable('hours')).toContain('<notes type="constraint" subject="CEL">hours &lt;= 112</notes>');
    expect(variable('work_types')).toContain('<notes type="relevance" subject="CEL">has(worked) &amp;&amp; worked</notes>');
  });

  it('describes a calculation by its expression, numeric when it computed numbers', () => {
    const employed = variable('employed');
    expect(employed).toContain('<drvcmd syntax="CEL">persons.filter(p, has(p.worked) &amp;&amp; p.worked).size()</drvcmd>');
    expect(employed).toContain('<varFormat type="numeric" schema="other"/>');
  });

  it('labels the parts of a geopoint and the 0/1 columns of a select_multiple', () => {
    expect(variable('location_lat')).toContain('<labl xml:lang="en">Location (latitude)</labl>');
    expect(variable('work_types_3')).toContain('<labl xml:lang="vi">Loại công việc: Dịch vụ</labl>');
    expect(xml).toMatch(/<varGrp type="multipleResp" name="work_types" var="(V\d+ ?){4}">/);
  });

  it('says which versions asked a variable', () => {
    expect(variable('phone')).toContain('In questionnaire versions 2.');
    expect(variable('radio')).toContain('In questionnaire versions 1.');
  });

  it('escapes markup and drops characters XML cannot hold, and stays valid', async () => {
    const tricky = 'A <b>&amp;</b> "quoted" ]]> \u0001 end\r\nline';
    const questionnaire = questionnaireSchema.parse({
      items: [{ id: 'q', type: 'select_one', choices: [{ value: 'a&b', label: { vi: tricky, en: tricky } }], label: { vi: tricky, en: 'Q' }, relevant: "'<' != '>'" }],
    });
    const document = await codebook(microdataLayout([{ version: 1, questionnaire }]), [], { id: 'X&Y', title: { vi: tricky, en: 'T' } });
    expect(document).toContain('<titl xml:lang="vi">A &lt;b&gt;&amp;amp;&lt;/b&gt; "quoted" ]]&gt;  end&#13;\nline</titl>');
    expect(document).toContain('<catValu>a&amp;b</catValu>');
    const result = await validate(document);
    expect(result.errors).toEqual([]);
  });
});

describe('XML escaping', () => {
  it('escapes text and attributes so that they read back as written', () => {
    expect(escapeText('a < b & c > d')).toBe('a &lt; b &amp; c &gt; d');
    expect(escapeAttribute('say "x"\n\tnext')).toBe('say &quot;x&quot;&#10;&#9;next');
    expect(escapeText('Tiếng Việt 😀')).toBe('Tiếng Việt 😀');
    expect(escapeText('bad \uD800 \uFFFE')).toBe('bad  ');
  });
});
