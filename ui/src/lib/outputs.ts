import { label, localized, t } from '../i18n/index.svelte';
import { findItem } from './survey-items';
import type { SurveyDefinition } from './types';

/** What a result table counts, as a survey's `outputs` and a publication's tables both say it. */
export interface OutputShape {
  readonly id: string;
  readonly aggregate: string;
  readonly field?: string | null;
  readonly of?: string | null;
  readonly crossBy?: string | null;
  readonly by: string;
}

/** An item's label in the user's language, or its id where the questionnaire is not at hand. */
export function itemLabel(definition: Pick<SurveyDefinition, 'items'> | null, id: string): string {
  const item = definition ? findItem(definition.items, id) : undefined;
  return item?.label ? localized(item.label) : id;
}

/**
 * "Sum of Employed members by province", named by the questionnaire's labels rather than by
 * ids; "· counting Persons", "· by Sex" for roster and split tables. The output's id is for
 * the caller to show beside it, as secondary text.
 */
export function describeOutput(output: OutputShape, definition: Pick<SurveyDefinition, 'items' | 'outputs'> | null): string {
  // A heading the survey gives its table comes first; a publication's table finds it by id.
  const named = definition?.outputs.find((o) => o.id === output.id)?.label;
  if (named) return localized(named);
  const params = { aggregate: label('aggregate', output.aggregate), field: output.field ? itemLabel(definition, output.field) : '', by: label('level', output.by) };
  let text = output.field ? t('results.describe', params) : t('results.describeCount', params);
  if (output.of) text += ` · ${t('results.of', { of: itemLabel(definition, output.of) })}`;
  if (output.crossBy) text += ` · ${t('results.crossBy', { by: itemLabel(definition, output.crossBy) })}`;
  return text;
}
