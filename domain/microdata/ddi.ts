import type { Bilingual, QuestionType } from '../survey/questionnaire.js';
import { levelFileName } from './csv.js';
import { codesOf } from './labels.js';
import type { Column, KeyName, Level, MicrodataLayout, Tally, Variable } from './levels.js';
import { el, textEl, xmlDocument, type XmlElement } from './xml.js';

/**
 * The codebook of a survey's microdata as DDI Codebook 2.5: the study with its title in both
 * languages, a file description per level (its cases, variables and keys), and a variable per
 * column: its labels, question text, categories, format, place in its file, and the relevance
 * and constraint expressions as notes.
 */

export const DDI_CODEBOOK_NAMESPACE = 'ddi:codebook:2_5';
const SCHEMA_LOCATION = `${DDI_CODEBOOK_NAMESPACE} http://www.ddialliance.org/Specification/DDI-Codebook/2.5/XMLSchema/codebook.xsd`;

export interface Study {
  /** The study's identifier: the survey's code, or the cycle's. */
  readonly id: string;
  readonly title: Bilingual;
  /** What one unit-level row is: `household`, `enterprise`… */
  readonly unitType?: string;
}

const KEY_LABELS: Record<KeyName, Bilingual> = {
  taskId: { vi: 'Mã nhiệm vụ', en: 'Task identifier' },
  unitId: { vi: 'Mã đơn vị điều tra', en: 'Unit identifier' },
  areaCode: { vi: 'Mã địa bàn', en: 'Area code' },
  version: { vi: 'Phiên bản bảng hỏi', en: 'Questionnaire version' },
  row: { vi: 'Vị trí dòng', en: 'Row path' },
};

const PART_LABELS: Record<'lat' | 'lon' | 'accuracy', Bilingual> = {
  lat: { vi: 'vĩ độ', en: 'latitude' },
  lon: { vi: 'kinh độ', en: 'longitude' },
  accuracy: { vi: 'độ chính xác (mét)', en: 'accuracy (metres)' },
};

const bilingual = (name: string, text: Bilingual, attributes: Record<string, string> = {}): XmlElement[] => [
  textEl(name, { ...attributes, 'xml:lang': 'vi' }, text.vi),
  textEl(name, { ...attributes, 'xml:lang': 'en' }, text.en),
];

const fileId = (level: Level) => `F_${level.id}`;

/** Every column of the layout with its codebook id (`V1`, `V2`… in file order, level by level). */
function numberColumns(layout: MicrodataLayout): Map<Column, string> {
  const ids = new Map<Column, string>();
  for (const level of layout.levels) for (const column of level.columns) ids.set(column, `V${ids.size + 1}`);
  return ids;
}

export function ddiCodebook(layout: MicrodataLayout, study: Study, tally: Tally): string {
  const ids = numberColumns(layout);
  const root = el(
    'codeBook',
    { xmlns: DDI_CODEBOOK_NAMESPACE, 'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance', 'xsi:schemaLocation': SCHEMA_LOCATION, version: '2.5', 'xml:lang': 'vi' },
    studyDescription(layout, study),
    layout.levels.map((level) => fileDescription(layout, level, tally, ids)),
    el(
      'dataDscr',
      {},
      layout.levels.flatMap((level) => level.variables.filter((v) => v.question.type === 'select_multiple').map((v) => multipleResponseGroup(v, ids))),
      layout.levels.flatMap((level) => [
        ...level.keys.map((column) => keyVariable(level, column, ids)),
        ...level.variables.flatMap((variable) => variable.columns.map((column) => variableElement(level, variable, column, tally, ids))),
      ]),
    ),
  );
  return xmlDocument(root);
}

function studyDescription(layout: MicrodataLayout, study: Study): XmlElement {
  const versions = layout.versions.join(', ');
  return el(
    'stdyDscr',
    {},
    el(
      'citation',
      {},
      el('titlStmt', {}, textEl('titl', { 'xml:lang': 'vi' }, study.title.vi), textEl('parTitl', { 'xml:lang': 'en' }, study.title.en), textEl('IDNo', {}, study.id)),
      el(
        'verStmt',
        {},
        textEl('version', { type: 'questionnaire' }, String(layout.versions[layout.versions.length - 1])),
        textEl('notes', { 'xml:lang': 'en' }, `The data join questionnaire versions ${versions} by item path: a variable a version lacks is empty in that version's responses.`),
      ),
    ),
    study.unitType !== undefined && el('stdyInfo', {}, el('sumDscr', {}, textEl('anlyUnit', { unit: study.unitType }, study.unitType))),
  );
}

function fileDescription(layout: MicrodataLayout, level: Level, tally: Tally, ids: ReadonlyMap<Column, string>): XmlElement {
  const name = levelFileName(level);
  const children = layout.levels.filter((l) => l.parent === level.id).map((l) => `R_${l.id}`);
  const content =
    level.parent === null
      ? `One row per task of the unit level (${level.label.en}), keyed by taskId.`
      : `One row per row of the roster ${level.id} (${level.label.en}), inside ${level.parent}, keyed by taskId and row.`;
  const keys =
    level.parent === null
      ? 'Keys: taskId. unitId, areaCode and version give the unit, its area and the questionnaire version its response was given against.'
      : 'Keys: taskId and row, the row\'s path counted from 1: "2" is the second row, "2.1" the first row of the inner roster in the outer roster\'s second row. Its parent row is the path without its last part.';
  return el(
    'fileDscr',
    { ID: fileId(level), URI: name },
    el(
      'fileTxt',
      {},
      textEl('fileName', {}, name),
      textEl('fileCont', { 'xml:lang': 'en' }, content),
      el('fileStrc', { type: 'relational' }, el('recGrp', { ID: `R_${level.id}`, rectype: level.id, keyvar: level.keys.map((k) => ids.get(k)).join(' '), recGrp: children.length > 0 ? children.join(' ') : undefined }, bilingual('labl', level.label))),
      el('dimensns', {}, textEl('caseQnty', {}, String(tally.cases.get(level.id) ?? 0)), textEl('varQnty', {}, String(level.columns.length))),
      textEl('fileType', { charset: 'UTF-8' }, 'CSV'),
      textEl('format', {}, 'Comma-separated values (RFC 4180) with a header line of variable names; a variable\'s location is its column number. Values are codes; an empty cell is a question not asked.'),
    ),
    textEl('notes', { 'xml:lang': 'en' }, keys),
  );
}

function multipleResponseGroup(variable: Variable, ids: ReadonlyMap<Column, string>): XmlElement {
  return el(
    'varGrp',
    { type: 'multipleResp', name: variable.id, var: variable.columns.map((c) => ids.get(c)).join(' ') },
    variable.question.label && bilingual('labl', variable.question.label),
    textEl('txt', { 'xml:lang': 'en' }, `${variable.id} lists the chosen codes, space-separated; each ${variable.id}_<code> is 1 when that choice was chosen and 0 when not.`),
  );
}

function location(level: Level, column: Column): XmlElement {
  const position = String(level.columns.indexOf(column) + 1);
  return el('location', { fileid: fileId(level), StartPos: position, EndPos: position });
}

function keyVariable(level: Level, column: Level['keys'][number], ids: ReadonlyMap<Column, string>): XmlElement {
  const numeric = column.format === 'numeric';
  return el(
    'var',
    { ID: ids.get(column), name: column.name, files: fileId(level), intrvl: 'discrete', representationType: numeric ? 'numeric' : 'text' },
    location(level, column),
    bilingual('labl', KEY_LABELS[column.part.key]),
    el('varFormat', { type: numeric ? 'numeric' : 'character', schema: 'other' }),
  );
}

function variableElement(level: Level, variable: Variable, column: Column, tally: Tally, ids: ReadonlyMap<Column, string>): XmlElement {
  const q = variable.question;
  const format = tally.formatOf(level, column);
  const part = column.part;
  const label = q.label ?? { vi: variable.id, en: variable.id };
  const columnLabel =
    part.kind === 'choice'
      ? { vi: `${label.vi}: ${part.choice.label.vi}`, en: `${label.en}: ${part.choice.label.en}` }
      : part.kind === 'lat' || part.kind === 'lon' || part.kind === 'accuracy'
        ? { vi: `${label.vi} (${PART_LABELS[part.kind].vi})`, en: `${label.en} (${PART_LABELS[part.kind].en})` }
        : label;
  const questionText = q.type === 'calculate' ? undefined : q.label;
  const codes = codesOf(variable, column);
  const numericRange = part.kind === 'value' && (q.type === 'integer' || q.type === 'decimal') && (q.min !== undefined || q.max !== undefined);
  return el(
    'var',
    {
      ID: ids.get(column),
      name: column.name,
      files: fileId(level),
      intrvl: q.type === 'decimal' || (part.kind !== 'value' && part.kind !== 'choice') ? 'contin' : 'discrete',
      representationType: representation(q.type, part.kind, format),
    },
    location(level, column),
    (q.label !== undefined || part.kind !== 'value') && bilingual('labl', columnLabel),
    questionText && el('qstn', { responseDomainType: responseDomain(q.type) }, bilingual('qstnLit', questionText), q.hint && bilingual('ivuInstr', q.hint)),
    numericRange && el('valrng', {}, el('range', { UNITS: q.type === 'integer' ? 'INT' : 'REAL', min: q.min, max: q.max })),
    codes.map((code) => el('catgry', {}, textEl('catValu', {}, code.value), bilingual('labl', code.label))),
    q.type === 'calculate' && q.expression !== undefined && el('derivation', {}, textEl('drvdesc', { 'xml:lang': 'en' }, 'Calculated by the questionnaire when the response was submitted.'), textEl('drvcmd', { syntax: 'CEL' }, q.expression)),
    el('varFormat', { type: format, ...dateFormat(q.type, part.kind) }),
    q.relevant !== undefined && textEl('notes', { type: 'relevance', subject: 'CEL' }, q.relevant),
    q.constraint !== undefined && textEl('notes', { type: 'constraint', subject: 'CEL' }, q.constraint),
    q.constraintMessage && bilingual('notes', q.constraintMessage, { type: 'constraint message' }),
    part.kind === 'value' && q.type === 'select_multiple' && textEl('notes', { 'xml:lang': 'en' }, 'The chosen codes, space-separated.'),
    textEl('notes', { type: 'versions', 'xml:lang': 'en' }, `In questionnaire versions ${variable.versions.join(', ')}.`),
  );
}

function representation(type: QuestionType, part: Column['part']['kind'], format: 'numeric' | 'character'): string {
  if (part !== 'value') return part === 'choice' ? 'code' : 'numeric';
  switch (type) {
    case 'select_one':
    case 'select_multiple':
    case 'boolean':
      return 'code';
    case 'date':
    case 'time':
    case 'datetime':
      return 'datetime';
    case 'text':
      return 'text';
    default:
      return format === 'numeric' ? 'numeric' : 'text';
  }
}

function responseDomain(type: QuestionType): string {
  switch (type) {
    case 'select_one':
    case 'boolean':
      return 'category';
    case 'select_multiple':
      return 'multiple';
    case 'integer':
    case 'decimal':
      return 'numeric';
    case 'date':
    case 'time':
    case 'datetime':
      return 'datetime';
    case 'geopoint':
      return 'geographic';
    case 'text':
      return 'text';
    default:
      return 'other';
  }
}

function dateFormat(type: QuestionType, part: Column['part']['kind']): Record<string, string> {
  if (part !== 'value') return { schema: 'other' };
  switch (type) {
    case 'date':
      return { schema: 'ISO', category: 'date', formatname: 'YYYY-MM-DD' };
    case 'time':
      return { schema: 'ISO', category: 'time', formatname: 'hh:mm[:ss]' };
    case 'datetime':
      return { schema: 'ISO', category: 'date', formatname: 'YYYY-MM-DDThh:mm[:ss]±hh:mm' };
    default:
      return { schema: 'other' };
  }
}
