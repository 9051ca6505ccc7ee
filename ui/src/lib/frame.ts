import { client, ok } from './api';
import type { components, paths } from './api-schema';
import { download } from './download';
import type { Body, Page } from './types';

/** A unit of the frame as the frame page lists it. */
export type FrameUnit = components['schemas']['FrameUnit'];

/** Filters of `GET /api/frame/units`, named as the API names them. */
export type UnitFilter = Pick<NonNullable<paths['/api/frame/units']['get']['parameters']['query']>, 'type' | 'areaCode' | 'q'>;

export function listUnits(filter: UnitFilter, options: { cursor?: string; limit?: number } = {}): Promise<Page<FrameUnit>> {
  return ok(client.GET('/api/frame/units', { params: { query: { ...filter, ...options } } }));
}

/** The unit types the frame holds, with how many units of each. */
export async function listUnitTypes(): Promise<{ type: string; units: number }[]> {
  return (await ok(client.GET('/api/frame/types'))).items;
}

/** Which units get enrolment codes: by id, or every unit of a type in some areas; valid for `expiresInDays`. */
export type EnrolmentCodesRequest = Body<'/api/units/enrolment-codes', 'post'>;

export const CODE_DAYS = { default: 90, max: 366 } as const;

/**
 * Issues enrolment codes and saves them as a CSV (`unitId,name,areaCode,code,expiresAt`) to print
 * in letters: the only time the codes are seen. Resolves with the file's name.
 */
export function downloadEnrolmentCodes(request: EnrolmentCodesRequest): Promise<string> {
  return download('/api/units/enrolment-codes', 'enrolment-codes.csv', 'text/csv', request);
}
