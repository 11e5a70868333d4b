import { describe, expect, it } from 'vitest';
import { scrollPositions } from '../../scripts/lib/crawl-scroll';

describe('crawl scrolling', () => {
  it('goes down in even steps to the bottom', () => {
    expect(scrollPositions(2900, 900, 4)).toEqual([500, 1000, 1500, 2000]);
    expect(scrollPositions(1000.6, 900, 3)).toEqual([33, 67, 100]);
  });

  it('does nothing on a page that does not scroll', () => {
    expect(scrollPositions(900, 900, 8)).toEqual([]);
    expect(scrollPositions(0, 900, 8)).toEqual([]);
    expect(scrollPositions(5000, 900, 0)).toEqual([]);
  });
});
