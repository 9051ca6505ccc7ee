import { celFunc, CelScalar, listType } from '@bufbuild/cel';

/**
 * Functions XLSForms use that CEL lacks, for the questionnaire's expression environment: the
 * XLSForm import writes calls to them (see xlsform-functions.ts). Pure, except `now()`, which
 * reads the clock as `today()` does.
 */

/** The office's clock (Vietnam, UTC+7 all year) as 'YYYY-MM-DDTHH:MM:SS+07:00': it orders as text after that day's date. */
export function nowInVietnam(at = Date.now()): string {
  return `${new Date(at + 7 * 3600_000).toISOString().slice(0, 19)}+07:00`;
}

/** A select_multiple answered as text (its list in an external file): the values chosen, space-separated as ODK stores them. */
export const selectionsOf = (text: string): string[] => text.split(/\s+/).filter((value) => value !== '');

const unary = (name: string, fn: (x: number) => number) => celFunc(name, [CelScalar.DOUBLE], CelScalar.DOUBLE, fn);

export const EXTRA_FUNCTIONS = [
  unary('sqrt', Math.sqrt),
  unary('exp', Math.exp),
  unary('log', Math.log),
  unary('log10', Math.log10),
  unary('sin', Math.sin),
  unary('cos', Math.cos),
  unary('tan', Math.tan),
  unary('asin', Math.asin),
  unary('acos', Math.acos),
  unary('atan', Math.atan),
  celFunc('pow', [CelScalar.DOUBLE, CelScalar.DOUBLE], CelScalar.DOUBLE, (x, y) => x ** y),
  celFunc('now', [], CelScalar.STRING, () => nowInVietnam()),
  celFunc('join', [listType(CelScalar.STRING), CelScalar.STRING], CelScalar.STRING, (list, separator) => [...list].join(separator)),
  celFunc('selections', [CelScalar.STRING], listType(CelScalar.STRING), (text) => selectionsOf(text)),
];
