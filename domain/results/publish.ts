import { highsSolver } from '../disclosure/highs.js';
import type { PublicationHistory } from '../disclosure/history.js';
import { protectTables, type AuditedCell } from '../disclosure/protect.js';
import type { Geography } from '../geography/geography.js';
import type { SurveyDefinition } from '../survey/definition.js';
import { computeTables, type ApprovedResponse, type ResultTable } from './tables.js';

/**
 * The tables a publication under `policy` holds, and from policy 3 the audit of its hidden
 * cells: what publication records and what reproduction recomputes, by the same code.
 * `history` is what earlier publications already showed (from policy 4; see history.ts).
 */
export async function publishedTables(
  survey: SurveyDefinition,
  responses: readonly ApprovedResponse[],
  geo: Geography,
  policy: number,
  history?: PublicationHistory,
): Promise<{ tables: ResultTable[]; audit?: AuditedCell[] }> {
  if (policy < 3) return { tables: computeTables(survey, responses, geo, policy) };
  const revealed = computeTables(survey, responses, geo, policy, { reveal: true });
  return protectTables(survey, revealed, geo, await highsSolver(), policy >= 4 ? history : undefined);
}
