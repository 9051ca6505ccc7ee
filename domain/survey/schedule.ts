/** How often a reporting survey launches its cycles by itself. */
export type ScheduleEvery = 'month' | 'quarter' | 'year';

/** Vietnam's offset from UTC: periods turn at local midnight. */
const LOCAL_OFFSET_MS = 7 * 3600 * 1000;

/**
 * The period a cycle launched at `at` collects: the one that just ended. A monthly report
 * launched on 1 December is November's (`2026-11`); quarterly on 1 January, `2025-Q4`.
 */
export function reportingPeriod(every: ScheduleEvery, at: Date): string {
  const local = new Date(at.getTime() + LOCAL_OFFSET_MS);
  const year = local.getUTCFullYear();
  const month = local.getUTCMonth(); // 0-based: the current month; the previous one is reported
  switch (every) {
    case 'month': {
      const previous = new Date(Date.UTC(year, month - 1, 1));
      return `${previous.getUTCFullYear()}-${String(previous.getUTCMonth() + 1).padStart(2, '0')}`;
    }
    case 'quarter': {
      const quarter = Math.floor(month / 3); // 0..3, the current one
      return quarter === 0 ? `${year - 1}-Q4` : `${year}-Q${quarter}`;
    }
    case 'year':
      return String(year - 1);
    default: {
      const _exhaustive: never = every;
      return _exhaustive;
    }
  }
}

/** The months (1-12) on whose first day a schedule fires. */
export function launchMonths(every: ScheduleEvery): number[] {
  return every === 'month' ? [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] : every === 'quarter' ? [1, 4, 7, 10] : [1];
}
