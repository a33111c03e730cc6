import { describe, expect, it } from 'vitest';
import { graphHref, reviewRoute } from '../../web/src/review.js';
import { runsOf, unitOffsets, type Mark } from '../../web/src/review-text.js';

const mark = (
  start: number,
  end: number,
  role: Mark['role'] = 'content',
  candidateId = 'c1',
): Mark => ({
  start,
  end,
  role,
  candidateId,
  status: 'PENDING',
});

describe('review text: runs by code points', () => {
  it('cuts on code points, not UTF-16 units: an emoji before a quote counts once', () => {
    const text = '🙂 He said “yes”.';
    expect(unitOffsets(text).slice(0, 3)).toEqual([0, 2, 3]);
    // “yes” is code points 11..14 (the emoji is one code point, two units).
    const runs = runsOf(text, [mark(11, 14)]);
    expect(runs.map((r) => r.text)).toEqual(['🙂 He said “', 'yes', '”.']);
    expect(runs[1]!.marks).toHaveLength(1);
    expect(runs.map((r) => r.text).join('')).toBe(text);
  });

  it('nests overlapping marks and ignores marks outside the text', () => {
    const runs = runsOf('abcdefgh', [mark(1, 6), mark(3, 4, 'speaker', 'c2'), mark(5, 99)]);
    expect(runs.map((r) => [r.text, r.marks.map((m) => m.role)])).toEqual([
      ['a', []],
      ['bc', ['content']],
      ['d', ['content', 'speaker']],
      ['ef', ['content']],
      ['gh', []],
    ]);
  });
});

describe('review routes', () => {
  it('takes #review and #review=<source id>, and leaves every other fragment to the explorer', () => {
    expect(reviewRoute('#review')).toEqual({ sourceId: null });
    expect(reviewRoute('#review=source:article-0123')).toEqual({ sourceId: 'source:article-0123' });
    expect(reviewRoute('#node=person:x')).toBeNull();
    expect(reviewRoute('')).toBeNull();
    expect(reviewRoute('#reviewer=x')).toBeNull();
  });

  it('links an accepted statement to the explorer with it open', () => {
    expect(graphHref('statement:x-1')).toBe(
      '#node=statement:x-1&expanded=statement:x-1&statement=statement:x-1',
    );
  });
});
