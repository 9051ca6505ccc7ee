import type { Bilingual } from '../survey/questionnaire.js';
import { csvLine } from './csv.js';
import type { Column, MicrodataLayout, Variable } from './levels.js';

/**
 * The value labels of every coded column, one file for all levels: a select's codes with their
 * choices' labels, a boolean's and each 0/1 choice column's 1 and 0.
 */

export interface ValueLabel {
  readonly level: string;
  readonly variable: string;
  readonly value: string;
  readonly label: Bilingual;
}

export const YES_NO: readonly { value: string; label: Bilingual }[] = [
  { value: '1', label: { vi: 'Có', en: 'Yes' } },
  { value: '0', label: { vi: 'Không', en: 'No' } },
];

export const CHOSEN: readonly { value: string; label: Bilingual }[] = [
  { value: '1', label: { vi: 'Có chọn', en: 'Selected' } },
  { value: '0', label: { vi: 'Không chọn', en: 'Not selected' } },
];

/** A column's codes and their labels; none for a column that holds no codes. */
export function codesOf(variable: Variable, column: Column): readonly { value: string; label: Bilingual }[] {
  switch (column.part.kind) {
    case 'choice':
      return CHOSEN;
    case 'value':
      if (variable.question.type === 'boolean') return YES_NO;
      if (variable.question.type === 'select_one' || variable.question.type === 'select_multiple') return variable.choices;
      return [];
    default:
      return [];
  }
}

export function* valueLabels(layout: MicrodataLayout): Generator<ValueLabel> {
  for (const level of layout.levels) {
    for (const variable of level.variables) {
      for (const column of variable.columns) {
        for (const { value, label } of codesOf(variable, column)) yield { level: level.id, variable: column.name, value, label };
      }
    }
  }
}

export const VALUE_LABELS_HEADER = ['level', 'variable', 'value', 'label_vi', 'label_en'] as const;

export function valueLabelsCsv(layout: MicrodataLayout): string {
  let text = csvLine(VALUE_LABELS_HEADER);
  for (const row of valueLabels(layout)) text += csvLine([row.level, row.variable, row.value, row.label.vi, row.label.en]);
  return text;
}
