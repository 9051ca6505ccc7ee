import type { ResultsPublished } from '../domain/cycle/events.js';
import type { AuditedCell } from '../domain/disclosure/protect.js';
import { isProtected } from '../domain/disclosure/intervals.js';
import { notFound } from '../domain/errors.js';
import { refusal } from '../domain/problems.js';
import { streams } from '../domain/events.js';
import type { Geography } from '../domain/geography/geography.js';
import { publishedTables } from '../domain/results/publish.js';
import type { ApprovedResponse, ResultRow, ResultTable } from '../domain/results/tables.js';
import type { EventStore, RecordedEvent } from '../eventstore/port.js';
import { foldCycle, foldSurvey, foldTask } from './history.js';
import { publicationHistory } from './publication-history.js';

/** A cell as compared: its size counts too, since it decides the suppression. */
export interface Cell {
  readonly value: number | null;
  readonly suppressed: boolean;
  readonly units: number;
}

export interface CellDifference {
  readonly areaCode: string;
  /** The `crossBy` choice of the cell, in a table that has one. */
  readonly category?: string;
  /** Null when the cell is missing on that side. */
  readonly published: Cell | null;
  readonly reproduced: Cell | null;
}

export interface TableComparison {
  readonly id: string;
  /** Cells on either side. */
  readonly cells: number;
  readonly differences: CellDifference[];
}

/**
 * A hidden cell as the publication's audit recorded it, with its area's name and whether its
 * interval is wide enough. `min` is null when readers can derive no lower limit (a sum; the log
 * keeps JSON, which has no infinity), as `max` is when they can derive no upper one.
 */
export interface DisclosedCell extends Omit<AuditedCell, 'min'> {
  readonly min: number | null;
  readonly areaName: string | null;
  readonly protected: boolean;
}

export interface Reproduction {
  readonly cycleId: string;
  readonly version: number;
  readonly publishedAt: string;
  readonly identical: boolean;
  readonly approved: { readonly published: number; readonly reproduced: number };
  readonly tables: TableComparison[];
  /** The rules the tables were protected by, and what a reader can derive about each hidden cell: for auditors only. */
  readonly disclosure: { readonly policy: number; readonly cells: DisclosedCell[] };
}

const PAGE = 1000;

/** Everything the log held when the result was published: the rest came after and cannot have counted. */
const upTo = (position: number) => (events: readonly RecordedEvent[]) => events.filter((e) => e.position <= position);

/** The approved responses of a cycle's tasks, each task rebuilt with its own `evolve` from its stream. */
async function approvedResponses(store: EventStore, cycleId: string, position: number): Promise<ApprovedResponse[]> {
  const approved: ApprovedResponse[] = [];
  const prefix = streams.task(`${cycleId}.`);
  for (let after: string | undefined; ; ) {
    const page = await store.listStreams(prefix, { after, limit: PAGE });
    for (const stream of page) {
      const task = foldTask(upTo(position)(await store.readStream(stream)));
      if (task.status === 'approved' && task.response) approved.push({ areaCode: task.areaCode, data: task.response });
    }
    if (page.length < PAGE) return approved;
    after = page[page.length - 1];
  }
}

const cellOf = (row: ResultRow): Cell => ({ value: row.value, suppressed: row.suppressed, units: row.units });
const sameCell = (a: Cell | undefined, b: Cell | undefined) => a !== undefined && b !== undefined && a.value === b.value && a.suppressed === b.suppressed && a.units === b.units;

function compareTables(published: readonly ResultTable[], reproduced: readonly ResultTable[]): TableComparison[] {
  // A cell is its area, and its category in a table split by `crossBy`.
  const keyOf = (r: ResultRow) => (r.category === undefined ? r.areaCode : `${r.areaCode}\u0000${r.category}`);
  const cells = (tables: readonly ResultTable[], id: string) => new Map((tables.find((t) => t.id === id)?.rows ?? []).map((r) => [keyOf(r), cellOf(r)]));
  const ids = [...new Set([...published.map((t) => t.id), ...reproduced.map((t) => t.id)])];
  return ids.map((id) => {
    const before = cells(published, id);
    const now = cells(reproduced, id);
    const areas = [...new Set([...before.keys(), ...now.keys()])].sort();
    const differences = areas
      .filter((key) => !sameCell(before.get(key), now.get(key)))
      .map((key) => {
        const [areaCode, category] = key.split('\u0000') as [string, string | undefined];
        return { areaCode, ...(category === undefined ? {} : { category }), published: before.get(key) ?? null, reproduced: now.get(key) ?? null };
      });
    return { id, cells: areas.length, differences };
  });
}

/**
 * The publication's own audit of its hidden cells, checked again: a cell is protected when the
 * interval a reader can derive reaches its protection on each side (below, as far as a count's
 * 0 allows). Secondary cells need no protection of their own.
 */
function disclosureOf(result: ResultsPublished['data'], geography: Geography): Reproduction['disclosure'] {
  const aggregates = new Map(result.tables.map((t) => [t.id, t.aggregate]));
  const cells = (result.audit ?? []).map((cell): DisclosedCell => {
    const min = Number.isFinite(cell.min) ? cell.min : null;
    const lower = aggregates.get(cell.table) === 'count' ? 0 : -Infinity;
    const linked = { id: cell.areaCode, value: cell.value, suppressed: true, lower, upper: Infinity };
    const safe = cell.protection <= 0 || isProtected(linked, { min: min ?? -Infinity, max: cell.max ?? Infinity }, cell.protection);
    return { ...cell, min, areaName: geography.get(cell.areaCode)?.name ?? null, protected: safe };
  });
  return { policy: result.disclosurePolicy ?? 1, cells };
}

/**
 * Recomputes a published result from the log alone, with the publisher's own
 * `computeTables`: the survey's definition from its stream, the approved responses from
 * the cycle's task streams, both as they stood when the result was recorded, and compares
 * the tables cell by cell with what the `ResultsPublished` event holds. The newest version
 * unless `version` is given.
 */
export async function reproduceResults(store: EventStore, geography: Geography, cycleId: string, version?: number): Promise<Reproduction> {
  const cycleEvents = await store.readStream(streams.cycle(cycleId));
  const published = cycleEvents.filter((e) => e.type === 'ResultsPublished' && (version === undefined || (e.data as ResultsPublished['data']).version === version)).at(-1);
  if (!published) throw version === undefined ? refusal('cycle.no_results', { id: cycleId }) : refusal('cycle.no_result_version', { id: cycleId, version });
  const asPublished = upTo(published.position);
  const cycle = foldCycle(asPublished(cycleEvents));
  const survey = foldSurvey(asPublished(await store.readStream(streams.survey(cycle.surveyId))));
  if (!survey.definition) throw notFound(`survey ${cycle.surveyId} of cycle ${cycleId} is not in the log`);

  const result = published.data as ResultsPublished['data'];
  const approved = await approvedResponses(store, cycleId, published.position);
  const history = await publicationHistory(store, cycleId, { before: published.position });
  const tables = compareTables(result.tables, (await publishedTables(survey.definition, approved, geography, result.disclosurePolicy ?? 1, history)).tables);
  return {
    cycleId,
    version: result.version,
    publishedAt: result.publishedAt,
    identical: result.approved === approved.length && tables.every((t) => t.differences.length === 0),
    approved: { published: result.approved, reproduced: approved.length },
    tables,
    disclosure: disclosureOf(result, geography),
  };
}
