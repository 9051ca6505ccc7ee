import type { CycleLaunched, ResultsPublished } from '../domain/cycle/events.js';
import type { EarlierPublication, PublicationHistory } from '../domain/disclosure/history.js';
import { streams } from '../domain/events.js';
import type { EventStore, RecordedEvent } from '../eventstore/port.js';

const PAGE = 1000;

/** Periods in the order they are written, numbers as numbers: 2026-M2 before 2026-M10. */
const comparePeriods = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });

const asPublication = (event: RecordedEvent): EarlierPublication => {
  const data = event.data as ResultsPublished['data'];
  return { tables: data.tables, ...(data.audit ? { audit: data.audit } : {}) };
};

/**
 * What readers held from earlier publications when a cycle's result goes out
 * (domain/disclosure/history.ts): the cycle's earlier versions, and the newest result of the
 * survey's closest earlier period that is published. `before` is a log position: what came
 * at or after it does not count, so a reproduction sees what the publisher saw. `version` is
 * the version being made: a retried publication does not count its own first attempt.
 */
export async function publicationHistory(
  store: EventStore,
  cycleId: string,
  { before = Number.POSITIVE_INFINITY, version = Number.POSITIVE_INFINITY }: { before?: number; version?: number } = {},
): Promise<PublicationHistory> {
  const seen = (events: readonly RecordedEvent[]) => events.filter((e) => e.position < before);
  const own = seen(await store.readStream(streams.cycle(cycleId)));
  const launched = own.find((e) => e.type === 'CycleLaunched')?.data as CycleLaunched['data'] | undefined;
  const versions = own.filter((e) => e.type === 'ResultsPublished' && (e.data as ResultsPublished['data']).version < version).map(asPublication);
  if (!launched) return { versions, previousPeriod: null };

  let previous: { period: string; event: RecordedEvent } | null = null;
  for (let after: string | undefined; ; ) {
    const page = await store.listStreams(streams.cycle(''), { after, limit: PAGE });
    for (const stream of page) {
      if (stream === streams.cycle(cycleId)) continue;
      const events = seen(await store.readStream(stream));
      const other = events.find((e) => e.type === 'CycleLaunched')?.data as CycleLaunched['data'] | undefined;
      if (!other || other.surveyCode !== launched.surveyCode || comparePeriods(other.period, launched.period) >= 0) continue;
      const result = events.filter((e) => e.type === 'ResultsPublished').at(-1);
      if (result && (previous === null || comparePeriods(other.period, previous.period) > 0 || (other.period === previous.period && result.position > previous.event.position))) {
        previous = { period: other.period, event: result };
      }
    }
    if (page.length < PAGE) break;
    after = page[page.length - 1];
  }
  return { versions, previousPeriod: previous ? asPublication(previous.event) : null };
}
