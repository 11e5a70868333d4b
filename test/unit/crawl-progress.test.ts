import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { etaMs, lineStep, Progress, progressBar, progressText, shouldWriteLine } from '../../scripts/lib/crawl-progress';
import { newStats, type CrawlStats } from '../../scripts/lib/crawl-summary';

function stats(done: number, total: number, extra: Partial<CrawlStats> = {}): CrawlStats {
  return { ...newStats(total, 0, 0), done, ...extra };
}

describe('crawl progress', () => {
  it('estimates the time left from the rate so far', () => {
    expect(etaMs(stats(0, 10), 5_000)).toBeNull();
    expect(etaMs(stats(4, 10), 8_000)).toBe(12_000);
    expect(etaMs(stats(10, 10), 8_000)).toBe(0);
  });

  it('says done/total, percent, errors, ads and the ETA', () => {
    expect(progressText(stats(0, 200), 0)).toBe('0/200 0% · 0 errors · 0 ads · ETA ?');
    expect(progressText(stats(50, 200, { errors: { timeout: 1 }, ads: 75 }), 60_000)).toBe('50/200 25% · 1 error · 75 ads · ETA 3m 00s');
    expect(progressText(stats(3, 3, { errors: { timeout: 1, 'http-error': 2 } }), 1_000)).toBe('3/3 100% · 3 errors · 0 ads · ETA 0.0s');
  });

  it('draws a bar that never wraps the terminal', () => {
    expect(progressBar(stats(50, 200), 60_000, 80)).toBe('[########----------------------] 50/200 25% · 0 errors · 0 ads · ETA 3m 00s');
    expect(progressBar(stats(200, 200), 60_000, 80)).toMatch(/^\[#{26,}\] 200\/200 100%/);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 1, max: 300 }), (a, b, columns) => {
        const [done, total] = a <= b ? [a, b] : [b, a];
        expect(progressBar(stats(done, total, { ads: a * 3 }), 1e6, columns).length).toBeLessThan(Math.max(2, columns));
      }),
    );
  });

  it('writes a line every 10% or every 25 pages, whichever comes first, and at the end', () => {
    expect([lineStep(4), lineStep(200), lineStep(1000), lineStep(0)]).toEqual([1, 20, 25, 1]);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3000 }), (total) => {
        let lines = 0;
        let last = -1;
        for (let done = 1; done <= total; done++) {
          if (shouldWriteLine(done - 1, done, total)) {
            lines++;
            if (last >= 0) expect(done - last).toBeLessThanOrEqual(lineStep(total));
            last = done;
          }
        }
        expect(last).toBe(total);
        expect(lines).toBeGreaterThanOrEqual(Math.min(total, 10));
        expect(lines).toBeLessThanOrEqual(10 + Math.floor(total / 25) + 1);
      }),
    );
  });

  it('chooses a bar for a terminal and lines otherwise, and clears the bar before other output', () => {
    const written: string[] = [];
    const tty = { isTTY: true, columns: 60, write: (t: string) => written.push(t) };
    const bar = new Progress('auto', tty, () => 30_000);
    expect(bar.mode).toBe('bar');
    bar.update(stats(1, 2));
    bar.log('Done.');
    bar.clear();
    expect(written).toEqual(['\r\x1b[2K[##########----------] 1/2 50% · 0 errors · 0 ads · ETA 30s', '\r\x1b[2K', 'Done.\n']);

    // A terminal that does not say its width (a pty without a size) gets 80 columns, not none.
    written.length = 0;
    new Progress('bar', { isTTY: true, columns: 0, write: (t: string) => written.push(t) }, () => 30_000).update(stats(1, 2));
    expect(written[0]).toContain('] 1/2 50%');

    written.length = 0;
    const lines = new Progress('auto', { write: (t: string) => written.push(t) }, () => 30_000);
    expect(lines.mode).toBe('lines');
    for (let done = 1; done <= 40; done++) lines.update(stats(done, 40));
    expect(written).toEqual([4, 8, 12, 16, 20, 24, 25, 28, 32, 36, 40].map((d) => expect.stringMatching(new RegExp(`^${d}/40 `))));
    expect(written.every((l) => l.endsWith('\n'))).toBe(true);

    written.length = 0;
    const none = new Progress('none', tty);
    none.update(stats(1, 1));
    none.log('Summary.');
    expect(written).toEqual(['Summary.\n']);
    expect(new Progress('lines', tty).mode).toBe('lines');
    expect(new Progress('bar', { write: () => undefined }).mode).toBe('bar');
  });
});
