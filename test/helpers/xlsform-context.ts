import type { TranslationContext } from '../../domain/survey/xlsform-expression.js';

/** A questionnaire's items as the translation sees them: by type, and which roster holds which. */
export interface Shape {
  readonly integers: readonly string[];
  readonly multiple: readonly string[];
  readonly rosters: readonly string[];
  /** Items of other types: decimals, select_ones, texts, dates, calculations. */
  readonly others: readonly string[];
  readonly rosterOf: Readonly<Record<string, string>>;
}

/** The translation's context for a shape, the expression belonging to `self`. */
export function contextOf(shape: Shape, self?: string): TranslationContext {
  return {
    ...(self === undefined ? {} : { self }),
    names: new Set([...shape.integers, ...shape.multiple, ...shape.rosters, ...shape.others]),
    multiple: new Set(shape.multiple),
    integers: new Set(shape.integers),
    rosters: new Set(shape.rosters),
    rosterOf: new Map(Object.entries(shape.rosterOf)),
  };
}
