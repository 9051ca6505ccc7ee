import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { csvCell, csvLine, levelCsv } from '../../domain/microdata/csv.js';
import { valueLabels, valueLabelsCsv } from '../../domain/microdata/labels.js';
import { findLevel, levelRows, microdataLayout, Tally, type Level, type MicrodataLayout, type MicrodataResponse } from '../../domain/microdata/levels.js';
import { CODEBOOK_FILE, microdataZip, VALUE_LABELS_FILE } from '../../domain/microdata/zip.js';
import { questionnaireSchema } from '../../domain/survey/questionnaire.js';
import { HOUSEHOLD_V1, HOUSEHOLD_V2, TITLE, V2, VERSIONS } from '../fixtures/ddi/lfs.js';

const layout = microdataLayout(VERSIONS, { unitLevel: 'household', unitLabel: { vi: 'Hộ', en: 'Household' } });

function level(layout: MicrodataLayout, id: string): Level {
  const found = findLevel(layout, id);
  if (!found) throw new Error(`no level ${id}`);
  return found;
}

const names = (l: Level) => l.columns.map((c) => c.name);
const rows = (id: string, response: MicrodataResponse) => [...levelRows(layout, level(layout, id), response)];

async function text(chunks: AsyncIterable<string>): Promise<string> {
  let all = '';
  for await (const chunk of chunks) all += chunk;
  return all;
}

describe('microdataLayout', () => {
  it('has the unit level, then each roster after the level that holds it', () => {
    expect(layout.levels.map((l) => [l.id, l.parent])).toEqual([
      ['household', null],
      ['persons', 'household'],
      ['jobs', 'persons'],
    ]);
    expect(layout.versions).toEqual([1, 2]);
  });

  it('keys the unit level by task, and a roster level by task and row', () => {
    expect(level(layout, 'household').keys.map((k) => k.name)).toEqual(['taskId', 'unitId', 'areaCode', 'version']);
    expect(level(layout, 'jobs').keys.map((k) => k.name)).toEqual(['taskId', 'row']);
  });

  it('gives a geopoint three columns and a select_multiple its list and a 0/1 column per choice, leaving notes out', () => {
    expect(names(level(layout, 'persons'))).toEqual(['taskId', 'row', 'name', 'relation', 'sex', 'age', 'worked', 'work_types', 'work_types_1', 'work_types_2', 'work_types_3', 'hours']);
    expect(names(level(layout, 'household'))).not.toContain('intro');
  });

  it('joins versions by item: the newest version order, then items only older versions have', () => {
    expect(names(level(layout, 'household'))).toEqual(['taskId', 'unitId', 'areaCode', 'version', 'members', 'location_lat', 'location_lon', 'location_accuracy', 'water', 'phone', 'employed', 'radio']);
    const variables = new Map(level(layout, 'household').variables.map((v) => [v.id, v.versions]));
    expect(Object.fromEntries(variables)).toMatchObject({ members: [1, 2], phone: [2], radio: [1] });
  });

  it("keeps a choice only an older version offered, after the newest version's", () => {
    const water = level(layout, 'household').variables.find((v) => v.id === 'water');
    expect(water?.choices.map((c) => c.value)).toEqual(['piped', 'well', 'other']);
  });

  it('names a column that would clash with a key or another column apart, and makes any choice value a name', () => {
    const clash = questionnaireSchema.parse({
      items: [
        { id: 'row', type: 'text', label: { vi: 'Dòng', en: 'Row' } },
        { id: 'pick', type: 'select_multiple', choices: [{ value: 'a-b', label: { vi: 'A', en: 'A' } }, { value: 'c', label: { vi: 'C', en: 'C' } }], label: { vi: 'Chọn', en: 'Pick' } },
        { id: 'pick_a_b', type: 'integer', label: { vi: 'Số', en: 'Number' } },
        { id: 'version', type: 'integer', label: { vi: 'Số', en: 'Number' } },
      ],
    });
    const unit = microdataLayout([{ version: 1, questionnaire: clash }]).levels[0]!;
    expect(names(unit)).toEqual(['taskId', 'unitId', 'areaCode', 'version', 'row', 'pick', 'pick_a_b_2', 'pick_c', 'pick_a_b', 'version_2']);
  });

  it('refuses a unit level named like a roster, or by what cannot name a file', () => {
    expect(() => microdataLayout(VERSIONS, { unitLevel: 'persons' })).toThrow(/roster is named "persons"/);
    expect(() => microdataLayout(VERSIONS, { unitLevel: 'hộ gia đình' })).toThrow(/must be a letter/);
  });
});

describe('levelRows', () => {
  it('writes the unit row with codes: booleans as 1/0, the geopoint split, the calculation', () => {
    expect(rows('household', HOUSEHOLD_V2)).toEqual([['task-1', 'HH-001', '01001', '2', '2', '21.0285', '105.8542', '5', 'piped', '1', '1', '']]);
  });

  it("leaves empty what the response's version lacks", () => {
    expect(rows('household', HOUSEHOLD_V1)).toEqual([['task-2', 'HH-002', '01003', '1', '1', '10.7769', '106.7009', '', 'other', '', '0', '0']]);
  });

  it('writes a roster row per person, a select_multiple as its list and 0/1 per choice, empty where not asked', () => {
    expect(rows('persons', HOUSEHOLD_V2)).toEqual([
      ['task-1', '1', 'Nguyễn Văn "Ba", Jr.', '1', '1', '45', '1', '1 3', '1', '0', '1', '48.5'],
      ['task-1', '2', 'Trần Thị\nHoa', '3', '2', '12', '', '', '', '', '', ''],
    ]);
  });

  it("paths a nested roster's rows by the outer row, then its own", () => {
    expect(rows('jobs', HOUSEHOLD_V2)).toEqual([
      ['task-1', '1.1', 'Nông dân', '3.5'],
      ['task-1', '2.1', 'Học sinh', ''],
      ['task-1', '2.2', 'Bán hàng, online', '1'],
    ]);
    expect(rows('jobs', HOUSEHOLD_V1)).toEqual([]);
  });
});

describe('CSV', () => {
  it('quotes commas, quotes, CR and LF, and leaves Vietnamese text as it is', () => {
    expect(csvCell('Hà Nội')).toBe('Hà Nội');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('cr\r')).toBe('"cr\r"');
    expect(csvLine(['1', '', 'x y'])).toBe('1,,x y\r\n');
  });

  it('writes a header and one line per row, CRLF-terminated', async () => {
    const csv = await text(levelCsv(layout, level(layout, 'persons'), [HOUSEHOLD_V2]));
    expect(csv).toBe(
      'taskId,row,name,relation,sex,age,worked,work_types,work_types_1,work_types_2,work_types_3,hours\r\n' +
        'task-1,1,"Nguyễn Văn ""Ba"", Jr.",1,1,45,1,1 3,1,0,1,48.5\r\n' +
        'task-1,2,"Trần Thị\nHoa",3,2,12,,,,,,\r\n',
    );
  });

  it('produces rows response by response, without reading ahead', async () => {
    const pulled: string[] = [];
    function* source(): Generator<MicrodataResponse> {
      for (const response of [HOUSEHOLD_V2, HOUSEHOLD_V1]) {
        pulled.push(response.taskId);
        yield response;
      }
    }
    const chunks = levelCsv(layout, level(layout, 'persons'), source());
    await chunks.next();
    const first = await chunks.next();
    expect(first.value).toContain('task-1,2,');
    expect(pulled).toEqual(['task-1']);
  });

  it('counts each level\'s rows and what a calculation held', async () => {
    const tally = new Tally();
    for (const l of layout.levels) await text(levelCsv(layout, l, [HOUSEHOLD_V2, HOUSEHOLD_V1], { tally }));
    expect(Object.fromEntries(tally.cases)).toEqual({ household: 2, persons: 3, jobs: 3 });
    const employed = level(layout, 'household').columns.find((c) => c.name === 'employed')!;
    expect(tally.formatOf(level(layout, 'household'), employed)).toBe('numeric');
  });

  it('can start with a byte order mark for Excel', async () => {
    const csv = await text(levelCsv(layout, level(layout, 'jobs'), [], { bom: true }));
    expect(csv).toBe('\uFEFFtaskId,row,occupation,income\r\n');
  });
});

describe('value labels', () => {
  it('lists every select, its 0/1 choice columns and booleans, in both languages', () => {
    const labels = [...valueLabels(layout)].map((l) => `${l.level}.${l.variable}=${l.value}:${l.label.en}`);
    expect(labels).toEqual(
      expect.arrayContaining([
        'household.water=other:Other',
        'household.phone=1:Yes',
        'household.radio=0:No',
        'persons.sex=2:Female',
        'persons.work_types=3:Services',
        'persons.work_types_2=1:Selected',
        'persons.worked=0:No',
      ]),
    );
    expect(labels.some((l) => l.startsWith('persons.age=') || l.startsWith('household.location_'))).toBe(false);
  });

  it('writes them as CSV with Vietnamese and English labels', () => {
    const csv = valueLabelsCsv(layout);
    expect(csv.startsWith('level,variable,value,label_vi,label_en\r\n')).toBe(true);
    expect(csv).toContain('persons,sex,2,Nữ,Female\r\n');
    expect(csv).toContain('persons,relation,2,Vợ/chồng,Spouse\r\n');
  });
});

describe('microdataZip', () => {
  const unzip = async (chunks: AsyncIterable<Uint8Array>) => {
    const parts: Uint8Array[] = [];
    for await (const chunk of chunks) parts.push(chunk);
    return unzipSync(Buffer.concat(parts));
  };
  const modifiedAt = new Date('2026-07-01T08:00:00Z');
  const study = { id: 'LFS', title: TITLE, unitType: 'household' };

  it('holds every level, the value labels and the codebook, and unzips to what was written', async () => {
    const files = await unzip(microdataZip(layout, study, () => [HOUSEHOLD_V2, HOUSEHOLD_V1], { modifiedAt }));
    expect(Object.keys(files)).toEqual(['household.csv', 'persons.csv', 'jobs.csv', VALUE_LABELS_FILE, CODEBOOK_FILE]);
    for (const l of layout.levels) expect(strFromU8(files[`${l.id}.csv`]!)).toBe(await text(levelCsv(layout, l, [HOUSEHOLD_V2, HOUSEHOLD_V1])));
    expect(strFromU8(files[VALUE_LABELS_FILE]!)).toBe(valueLabelsCsv(layout));
    expect(strFromU8(files[CODEBOOK_FILE]!)).toContain('<caseQnty>3</caseQnty>');
  });

  it('reads the responses afresh for each level, from an async source', async () => {
    let reads = 0;
    async function* source(): AsyncGenerator<MicrodataResponse> {
      reads++;
      yield HOUSEHOLD_V2;
    }
    const files = await unzip(microdataZip(layout, study, source, { modifiedAt, bom: true }));
    expect(reads).toBe(layout.levels.length);
    // Buffer, not strFromU8, which drops a byte order mark.
    expect(Buffer.from(files['jobs.csv']!).toString('utf8')).toBe('\uFEFFtaskId,row,occupation,income\r\ntask-1,1.1,Nông dân,3.5\r\ntask-1,2.1,Học sinh,\r\ntask-1,2.2,"Bán hàng, online",1\r\n');
  });

  it('gives the same bytes for the same input', async () => {
    const bytes = async () => {
      const parts: Uint8Array[] = [];
      for await (const chunk of microdataZip(layout, study, () => [HOUSEHOLD_V2], { modifiedAt })) parts.push(chunk);
      return Buffer.concat(parts);
    };
    expect((await bytes()).equals(await bytes())).toBe(true);
  });
});

describe('a single version', () => {
  it('is its own layout, every variable in version 2 only', () => {
    const only = microdataLayout([{ version: 2, questionnaire: V2 }]);
    expect(only.levels[0]!.id).toBe('unit');
    expect(only.levels.flatMap((l) => l.variables).every((v) => v.versions.join() === '2')).toBe(true);
  });
});
