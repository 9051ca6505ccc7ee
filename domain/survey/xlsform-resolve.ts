import type { ProblemParams } from '../errors.js';
import type { Choice } from './questionnaire.js';
import { freeNames, parseExpression } from './expressions.js';
import { translateExpression, type TranslationContext } from './xlsform-expression.js';
import { parseXPath, type XNode } from './xpath.js';
import { columnLetters, headerOf, type Sheet, type SheetError, type SheetProblem } from './xlsform-sheet.js';
import type { ContainerNode, Node, Pending, SurveyWalk } from './xlsform-survey.js';

/**
 * The survey's expression cells translated to CEL once every item is known. A calculation
 * that cannot be translated and that no other expression reads (a label's text, a
 * timestamp, a value pulled from a file) is left out with a warning; anything else that
 * cannot be translated is an error at its cell.
 */
export function resolveExpressions(survey: Sheet, walk: SurveyWalk, choiceLists: Readonly<Record<string, readonly Choice[]>>, warnings: SheetProblem[], errors: SheetError[]): void {
  const { columns } = headerOf(survey);
  const letter = (column: string) => columnLetters(columns.get(column) ?? columns.get('type') ?? 0);
  const ids = [...walk.kinds.keys()];
  const ofKind = (...kinds: string[]) => new Set(ids.filter((id) => kinds.includes(walk.kinds.get(id)!)));
  const base: TranslationContext = {
    names: new Set(ids.filter((id) => walk.kinds.get(id) !== 'section')),
    multiple: ofKind('select_multiple'),
    integers: ofKind('integer'),
    dates: ofKind('date'),
    rosters: ofKind('roster'),
    rosterOf: walk.rosterOf,
    candidates: walk.names.candidates,
    byPath: walk.names.byPath,
    leftOut: walk.leftOut,
    choiceLabels: new Map(
      [...walk.parentOf.keys()].flatMap((node) => {
        const list = typeof node.choices === 'string' ? choiceLists[node.choices] : undefined;
        return list ? [[String(node.id), new Map(list.map((c) => [c.value, c.label.en]))] as const] : [];
      }),
    ),
  };

  const failed: { pending: Pending; message: string; code: string; params: ProblemParams }[] = [];
  const reads = new Set<string>();
  for (const pending of walk.pending) {
    // Word processors turn quotes into typographic ones; XLSForm means the plain ones.
    const source = pending.source.replace(/[‘’]/g, "'").replace(/[“”]/g, '"');
    const at = { sheet: survey.name, row: pending.row, column: letter(pending.column) };
    if (source !== pending.source) warnings.push({ ...at, message: 'typographic quotes are read as plain ones' });
    const context: TranslationContext = { ...base, here: pending.here, enclosing: pending.enclosing, ...(pending.self ? { self: pending.self } : {}) };
    const translated = translateExpression(source, context);
    if (pending.key === 'size') {
      const capped = cappedCount(source);
      const sized = capped ? translateExpression(`\${${capped.name}}`, context) : translated;
      rosterSize(pending, 'cel' in sized ? sized.cel : null, capped?.cap, walk, (message) => warnings.push({ ...at, message }));
      continue;
    }
    if (!('cel' in translated)) {
      failed.push({ pending, message: `${pending.column} "${source}": ${translated.error}`, code: 'xlsform_expression', params: { columnName: pending.column, source, detail: translated.error } });
      continue;
    }
    const parsed = parseExpression(translated.cel);
    const names = 'expr' in parsed ? freeNames(parsed.expr) : new Set<string>();
    if (pending.key === 'expression' && names.has(String(pending.target.id))) {
      failed.push({ pending, message: `${pending.column} "${source}": the calculation reads itself (a value the app fills in)`, code: 'xlsform_reads_itself', params: { columnName: pending.column, source } });
      continue;
    }
    for (const message of translated.warnings ?? []) warnings.push({ ...at, message });
    pending.target[pending.key] = translated.cel;
    for (const name of names) reads.add(name);
  }

  for (const { pending, message, code, params } of failed) {
    const at = { sheet: survey.name, row: pending.row, column: letter(pending.column) };
    const id = String(pending.target.id);
    if (pending.key === 'expression' && !reads.has(id)) {
      leaveOut(walk, pending.target);
      warnings.push({ ...at, message: `${message}; no other expression reads ${id}, so it is left out` });
    } else if (pending.key === 'expression' && EXTERNAL_DATA.test(pending.source)) {
      // Preloaded data the engine does not have: the value is asked for instead, so what reads it still works.
      const target = pending.target;
      delete target.expression;
      Object.assign(target, { type: 'text', label: { vi: id, en: id } });
      warnings.push({ ...at, message: `${message}; other expressions read ${id}, so it is a text item, filled in by hand` });
    } else errors.push({ ...at, message, code, params });
  }
  pruneEmpty(walk, walk.root, survey, warnings, columns.get('type') ?? 0, reads);
}

/** Functions that read data from files outside the workbook. */
const EXTERNAL_DATA = /\b(pulldata|search)\s*\(/;

/** repeat_count: an integer item sizes the roster; a number caps it; anything else lets the respondent add rows. */
function rosterSize(pending: Pending, cel: string | null, cap: number | undefined, walk: SurveyWalk, warn: (message: string) => void): void {
  const roster = pending.target;
  if (cel !== null && /^[A-Za-z]\w*$/.test(cel) && walk.kinds.get(cel) === 'integer') {
    roster.size = cel;
    if (cap !== undefined) roster.maxRows = cap;
    return;
  }
  if (cel !== null && /^\d+$/.test(cel) && Number(cel) >= 1) {
    roster.maxRows = Math.min(Number(cel), 80_000);
    return warn(`a fixed count of ${cel}: rows are added up to ${cel}`);
  }
  warn(`repeat_count "${pending.source}" is not an integer question: rows are added freely`);
}

/** `min(${x}, n)` (either order, n a whole number from 1): rows as x says, never more than n. */
function cappedCount(source: string): { name: string; cap: number } | undefined {
  let tree: XNode;
  try {
    tree = parseXPath(source);
  } catch {
    return undefined;
  }
  if (tree.kind !== 'call' || tree.name !== 'min' || tree.args.length !== 2) return undefined;
  const ref = tree.args.find((a) => a.kind === 'ref');
  const number = tree.args.find((a) => a.kind === 'number');
  if (ref?.kind !== 'ref' || number?.kind !== 'number' || !/^\d+$/.test(number.text)) return undefined;
  const cap = Number(number.text);
  return cap >= 1 && cap <= 80_000 ? { name: ref.name, cap } : undefined;
}

function leaveOut(walk: SurveyWalk, item: Node): void {
  const parent = walk.parentOf.get(item);
  if (!parent) return;
  parent.items.splice(parent.items.indexOf(item), 1);
}

/** Groups and repeats left with no questions (empty in the form, or emptied by what was left out). */
function pruneEmpty(walk: SurveyWalk, container: ContainerNode, survey: Sheet, warnings: SheetProblem[], typeColumn: number, reads: ReadonlySet<string>): void {
  for (const item of [...container.items]) {
    if (!Array.isArray(item.items)) continue;
    pruneEmpty(walk, item as ContainerNode, survey, warnings, typeColumn, reads);
    if ((item as ContainerNode).items.length > 0) continue;
    const at = { sheet: survey.name, row: walk.rowOf.get(item) ?? 1, column: columnLetters(typeColumn) };
    const id = String(item.id);
    if (item.type === 'roster' && reads.has(id)) {
      // Other expressions count its rows: the roster stays, its rows holding a note in place of what was left out.
      const note = { id: walk.names.reserve(`${id}_row`), type: 'note', label: { vi: id, en: id } };
      (item as ContainerNode).items.push(note);
      warnings.push({ ...at, message: `the repeat ${id} has no questions left, but other expressions count its rows: it keeps a note, ${note.id}, on each row` });
      continue;
    }
    leaveOut(walk, item);
    warnings.push({ ...at, message: `the ${item.type === 'roster' ? 'repeat' : 'group'} ${id} has no questions: left out` });
  }
}
