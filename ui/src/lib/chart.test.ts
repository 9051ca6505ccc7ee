import { describe, expect, it } from 'vitest';
import { fillBuckets, niceMax } from './chart';

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
