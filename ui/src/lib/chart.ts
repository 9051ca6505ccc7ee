import type { MessageKey } from '../i18n/index.svelte';
import type { Bucket, TimelinePoint } from './cycles';

/** The timeline's series, each drawn with its own line style so colour is not the only cue. */
export const SERIES = [
  { key: 'submitted', label: 'timeline.submitted' },
  { key: 'approved', label: 'timeline.approved' },
  { key: 'rejected', label: 'timeline.rejected' },
] as const satisfies readonly { key: keyof Omit<TimelinePoint, 'at'>; label: MessageKey }[];

const STEP_MS: Record<Bucket, number> = { hour: 3_600_000, day: 86_400_000 };
/** Past this many buckets the axis is drawn from the points alone. */
const MAX_FILLED = 2000;

/** The points with an explicit zero for every empty bucket between the first and the last. */
export function fillBuckets(points: readonly TimelinePoint[], bucket: Bucket): TimelinePoint[] {
  if (points.length < 2) return [...points];
  const first = Date.parse(points[0]!.at);
  const last = Date.parse(points[points.length - 1]!.at);
  const step = STEP_MS[bucket];
  const count = Math.round((last - first) / step) + 1;
  if (!Number.isFinite(count) || count > MAX_FILLED || count < points.length) return [...points];
  const byTime = new Map(points.map((p) => [Date.parse(p.at), p]));
  return Array.from({ length: count }, (_, i) => {
    const time = first + i * step;
    return byTime.get(time) ?? { at: new Date(time).toISOString(), submitted: 0, approved: 0, rejected: 0 };
  });
}

/** Where a count axis is marked: 0, the middle when it is a whole number, and the top. */
export function countTicks(top: number): number[] {
  const middle = top / 2;
  return Number.isInteger(middle) && middle > 0 ? [0, middle, top] : [0, top];
}

/** A round top for an axis at or above `value`: 1, 2 or 5 times a power of ten (at least 1). */
export function niceMax(value: number): number {
  if (value <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}
