import { z } from 'zod';
import { UNIT_ID_MAX, UNIT_ID_PATTERN } from './ids.js';

export const MAX_ATTRIBUTES = 50;
export type Attributes = Readonly<Record<string, string | number | boolean>>;

/** One unit of the frame, as imported from an administrative register. */
export const unitSchema = z.strictObject({
  id: z.string().regex(UNIT_ID_PATTERN, `must be 1 to ${UNIT_ID_MAX} letters, digits, _ or -`),
  type: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,62}$/, 'must be an identifier'),
  areaCode: z.string().min(1).max(16),
  name: z.string().min(1).max(300),
  /** Where field staff find it: street, hamlet or village, as the register writes it. */
  address: z.string().min(1).max(500).optional(),
  enumerator: z.string().min(1).max(40).optional(),
  /** What the register knows of the unit (tax code, sector, size class, last year's turnover…): checks and the form see them as `unit`. */
  attributes: z
    .record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,62}$/, 'must be an identifier'), z.union([z.string().max(300), z.number().finite(), z.boolean()]))
    .refine((attributes) => Object.keys(attributes).length <= MAX_ATTRIBUTES, `must have at most ${MAX_ATTRIBUTES} attributes`)
    .optional(),
});
export type Unit = z.infer<typeof unitSchema>;

export type UnitsImported = { type: 'UnitsImported'; data: { units: Unit[] } };

/**
 * Who gets a unit's task: its named enumerator, else one of the enumerators whose
 * areas contain it, spread evenly by a running count per candidate set.
 */
export function chooseEnumerator(
  unit: Unit,
  candidates: readonly string[],
  load: Map<string, number>,
): string | null {
  if (unit.enumerator) {
    load.set(unit.enumerator, (load.get(unit.enumerator) ?? 0) + 1);
    return unit.enumerator;
  }
  let best: string | null = null;
  for (const candidate of candidates) {
    if (best === null || (load.get(candidate) ?? 0) < (load.get(best) ?? 0)) best = candidate;
  }
  if (best !== null) load.set(best, (load.get(best) ?? 0) + 1);
  return best;
}
