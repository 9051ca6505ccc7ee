import writeExcelFile from 'write-excel-file/node';
import { celToXpath, type ItemKind } from './cel-xpath.js';
import type { CheckDefinition } from './evaluate.js';
import { placeItems, type Bilingual, type Choice, type Item } from './questionnaire.js';

/**
 * A definition written as an XLSForm (`survey`, `choices`, `settings`), in Vietnamese and
 * English. Expressions go back from CEL to XPath through CEL's syntax tree; what has no
 * XLSForm form is a problem in the answer, never dropped silently. Checks have no XLSForm
 * equivalent: each becomes a note shown when the check fails (at the end of its roster for
 * a scoped check), and a problem says so.
 */

export type XlsformRow = (string | number | null)[];

export interface XlsformExport {
  readonly survey: XlsformRow[];
  readonly choices: XlsformRow[];
  readonly settings: XlsformRow[];
  /** What the XLSForm cannot say, by the item (or check) it concerns. */
  readonly problems: { readonly item: string; readonly message: string }[];
}

export interface ExportedDefinition {
  readonly title: Bilingual;
  readonly items: readonly Item[];
  readonly choiceLists: Readonly<Record<string, readonly Choice[]>>;
  readonly checks?: readonly CheckDefinition[];
}

const SURVEY_HEADER = ['type', 'name', 'label::Vietnamese (vi)', 'label::English (en)', 'hint::Vietnamese (vi)', 'hint::English (en)', 'required', 'relevant', 'constraint', 'constraint_message::Vietnamese (vi)', 'constraint_message::English (en)', 'calculation', 'repeat_count', 'parameters'];
const TYPE_NAMES: Record<string, string> = { boolean: 'acknowledge', datetime: 'dateTime' };

export function questionnaireToXlsform(definition: ExportedDefinition): XlsformExport {
  const problems: { item: string; message: string }[] = [];
  const kinds = new Map<string, ItemKind>();
  for (const { item } of placeItems(definition.items)) kinds.set(item.id, item.type === 'roster' ? 'roster' : item.type === 'select_multiple' ? 'multiple' : 'other');
  const xpath = (item: string, column: string, cel: string | undefined): string | null => {
    if (cel === undefined) return null;
    const written = celToXpath(cel, kinds);
    if ('xpath' in written) return written.xpath;
    problems.push({ item, message: `${column} "${cel}": ${written.problem}` });
    return null;
  };
  const lists = new Map(Object.entries(definition.choiceLists));
  const listName = (id: string, choices: string | readonly Choice[]): string => {
    if (typeof choices === 'string') return choices;
    let name = `${id}_choices`;
    for (let n = 2; lists.has(name); n++) name = `${id}_choices_${n}`;
    lists.set(name, choices);
    return name;
  };
  const row = (values: Partial<Record<(typeof SURVEY_HEADER)[number], string | number | null>>): XlsformRow => SURVEY_HEADER.map((column) => values[column] ?? null);
  const labels = (label: Bilingual | undefined, column = 'label') => (label ? { [`${column}::Vietnamese (vi)`]: label.vi, [`${column}::English (en)`]: label.en } : {});
  const checksIn = (scope: string | undefined) => (definition.checks ?? []).filter((c) => c.scope === scope);
  const checkNotes = (scope: string | undefined): XlsformRow[] =>
    checksIn(scope).map((check) => {
      problems.push({ item: check.id, message: `the ${check.severity} check has no XLSForm equivalent: written as a note shown when it fails` });
      const expression = xpath(check.id, 'check', check.expression);
      return row({ type: 'note', name: `check_${check.id}`, ...labels(check.message), relevant: expression === null ? null : `not(${expression})` });
    });

  const survey: XlsformRow[] = [SURVEY_HEADER];
  const write = (items: readonly Item[]) => {
    for (const item of items) {
      if (item.type === 'section' || item.type === 'roster') {
        const roster = item.type === 'roster';
        // A roster sized by an item and capped below the default cap says both, as ODK would count its rows.
        const count = item.type !== 'roster' ? null : item.size === undefined ? (item.maxRows !== 100 ? item.maxRows : null) : item.maxRows !== 100 ? `min(\${${item.size}}, ${item.maxRows})` : `\${${item.size}}`;
        if (roster && item.display !== undefined) problems.push({ item: item.id, message: `display "${item.display}" has no XLSForm equivalent here` });
        survey.push(row({ type: roster ? 'begin repeat' : 'begin group', name: item.id, ...labels(item.label), relevant: xpath(item.id, 'relevant', item.relevant), repeat_count: count }));
        write(item.items);
        if (roster) survey.push(...checkNotes(item.id));
        survey.push(row({ type: roster ? 'end repeat' : 'end group', name: item.id }));
        continue;
      }
      const select = item.type === 'select_one' || item.type === 'select_multiple';
      const ranged = (item.type === 'integer' || item.type === 'decimal') && (item.min !== undefined || item.max !== undefined);
      if (ranged && (item.min === undefined || item.max === undefined)) problems.push({ item: item.id, message: 'a range open on one side has no XLSForm equivalent: written as a constraint' });
      const range = ranged && item.min !== undefined && item.max !== undefined;
      const bound = ranged && !range ? (item.min !== undefined ? `. >= ${item.min}` : `. <= ${item.max}`) : null;
      const constraint = [xpath(item.id, 'constraint', item.constraint), bound].filter((c): c is string => c !== null);
      if (item.maxLength !== undefined) constraint.push(`string-length(.) <= ${item.maxLength}`);
      const type = range ? 'range' : select ? `${item.type} ${listName(item.id, item.choices ?? [])}` : (TYPE_NAMES[item.type] ?? item.type);
      survey.push(
        row({
          type,
          name: item.id,
          ...labels(item.label),
          ...labels(item.hint, 'hint'),
          required: item.required ? 'yes' : null,
          relevant: xpath(item.id, 'relevant', item.relevant),
          constraint: constraint.length === 0 ? null : constraint.length === 1 ? constraint[0]! : constraint.map((c) => `(${c})`).join(' and '),
          ...labels(item.constraintMessage, 'constraint_message'),
          calculation: xpath(item.id, 'calculation', item.expression),
          parameters: range ? `start=${item.min} end=${item.max} step=${item.type === 'integer' ? 1 : 0.01}` : null,
        }),
      );
    }
  };
  write(definition.items);
  survey.push(...checkNotes(undefined));

  const choices: XlsformRow[] = [['list_name', 'name', 'label::Vietnamese (vi)', 'label::English (en)']];
  for (const [name, list] of lists) for (const choice of list) choices.push([name, choice.value, choice.label.vi, choice.label.en]);
  const settings: XlsformRow[] = [
    ['form_title::Vietnamese (vi)', 'form_title::English (en)', 'default_language'],
    [definition.title.vi, definition.title.en, 'Vietnamese (vi)'],
  ];
  return { survey, choices, settings, problems };
}

/** The workbook's `.xlsx` bytes. */
export async function xlsformWorkbook(sheets: Pick<XlsformExport, 'survey' | 'choices' | 'settings'>): Promise<Uint8Array> {
  // write-excel-file reads each cell's type from its value; empty cells are null.
  // The overload taking several sheets is the last one declared, which Parameters<> reads.
  const data: Parameters<typeof writeExcelFile>[0] = [
    { sheet: 'survey', data: sheets.survey },
    { sheet: 'choices', data: sheets.choices },
    { sheet: 'settings', data: sheets.settings },
  ];
  return new Uint8Array(await writeExcelFile(data).toBuffer());
}
