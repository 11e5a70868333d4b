import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runPool } from '../../scripts/lib/crawl-pool';

const tick = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('crawl pool', () => {
  it('does every item once, at most `jobs` at a time, starting them in list order', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 30 }), fc.integer({ min: 1, max: 8 }), async (delays, jobs) => {
        let running = 0;
        let most = 0;
        const started: number[] = [];
        await runPool(delays, jobs, async (delay, index) => {
          started.push(index);
          running++;
          most = Math.max(most, running);
          await tick(delay);
          running--;
        });
        expect(started).toEqual(delays.map((_, i) => i));
        expect(most).toBeLessThanOrEqual(jobs);
        if (delays.length >= jobs) expect(most).toBe(jobs);
      }),
      { numRuns: 40 },
    );
  });

  it('starts nothing more once stopped, and lets the items under way end', async () => {
    let stop = false;
    const done: number[] = [];
    await runPool(
      Array.from({ length: 20 }, (_, i) => i),
      3,
      async (i) => {
        if (i === 4) stop = true;
        await tick(2);
        done.push(i);
      },
      () => stop,
    );
    expect(done.sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4]);
  });
});
