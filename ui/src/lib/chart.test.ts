import { describe, expect, it } from 'vitest';
import { setLocale } from '../i18n/index.svelte';
import { countTicks, fillBuckets, niceMax } from './chart';
import { formatBucket } from './format';

describe('the timeline axis', () => {
  it('fills the empty hours between two points with zeros', () => {
    const filled = fillBuckets(
      [
        { at: '2026-11-20T01:00:00Z', submitted: 2, approved: 0, rejected: 0 },
        { at: '2026-11-20T04:00:00Z', submitted: 1, approved: 1, rejected: 1 },
      ],
      'hour',
    );
    expect(filled.map((p) => [p.at.slice(11, 13), p.submitted])).toEqual([['01', 2], ['02', 0], ['03', 0], ['04', 1]]);
  });

  it('rounds the top of the axis up to 1, 2 or 5 times a power of ten', () => {
    expect([0, 1, 3, 10, 11, 45, 51, 999].map(niceMax)).toEqual([1, 1, 5, 10, 20, 50, 100, 1000]);
  });
});

describe('the timeline’s labels', () => {
  it('marks a count axis at whole numbers only', () => {
    expect(countTicks(1)).toEqual([0, 1]);
    expect(countTicks(2)).toEqual([0, 1, 2]);
    expect(countTicks(5)).toEqual([0, 5]);
    expect(countTicks(50)).toEqual([0, 25, 50]);
  });

  it('writes a bucket the same way in Vietnamese and in English, in Vietnam’s time', () => {
    for (const locale of ['vi', 'en'] as const) {
      setLocale(locale);
      expect(formatBucket('2026-12-05T17:00:00Z', 'hour')).toBe('06/12 00:00');
      expect(formatBucket('2026-12-06T00:00:00Z', 'day')).toBe('06/12/2026');
    }
    setLocale('vi');
  });
});
