import { choicesOf as questionChoices } from '../../../domain/survey/questionnaire.js';
import type { Bilingual, SurveyDefinition, SurveyItem, SurveyQuestion, SurveyRoster, SurveySection } from './types';

/** One item of a questionnaire in reading order, with how deep it sits in sections and rosters. */
export interface PlacedItem {
  readonly item: SurveyItem;
  readonly depth: number;
  /** The roster around it, innermost; null at the unit's level. */
  readonly roster: SurveyRoster | null;
}

export const isSection = (item: SurveyItem): item is SurveySection => item.type === 'section';
export const isRoster = (item: SurveyItem): item is SurveyRoster => item.type === 'roster';
export const isQuestion = (item: SurveyItem): item is SurveyQuestion => !isSection(item) && !isRoster(item);

/** Every item, containers first then what they hold. */
export function placedItems(items: readonly SurveyItem[], depth = 0, roster: SurveyRoster | null = null): PlacedItem[] {
  return items.flatMap((item) => {
    const here: PlacedItem = { item, depth, roster };
    if (isSection(item)) return [here, ...placedItems(item.items, depth + 1, roster)];
    if (isRoster(item)) return [here, ...placedItems(item.items, depth + 1, item)];
    return [here];
  });
}

/** The questions a response answers (notes included), at every level. */
export function questionsOf(items: readonly SurveyItem[]): SurveyQuestion[] {
  return placedItems(items)
    .map((p) => p.item)
    .filter(isQuestion);
}

/** An item by its id, wherever it sits; ids are unique across the questionnaire. */
export function findItem(items: readonly SurveyItem[], id: string): SurveyItem | undefined {
  return placedItems(items).find((p) => p.item.id === id)?.item;
}

/** A question's choices, inline or from the named shared list. */
export function choicesOf(definition: Pick<SurveyDefinition, 'choiceLists'>, question: SurveyQuestion): readonly { value: string; label: Bilingual }[] {
  return questionChoices(question, definition.choiceLists);
}

/** A roster row's path in words: `persons[2]` is "Persons, row 2"; `persons[2].jobs[1]` "Persons, row 2 › Jobs, row 1". */
export function rowLabel(definition: Pick<SurveyDefinition, 'items'>, path: string, text: (roster: string, n: number) => string, name: (label: Bilingual) => string): string {
  return [...path.matchAll(/(\w+)\[(\d+)\]/g)]
    .map(([, id, n]) => {
      const roster = findItem(definition.items, id!);
      return text(roster?.label ? name(roster.label) : id!, Number(n));
    })
    .join(' › ');
}
