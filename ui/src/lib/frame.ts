import { client, ok } from './api';
import type { components, paths } from './api-schema';
import type { Page } from './types';

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
