import { describe, expect, it } from 'vitest';
import { median, scriptTime, type TraceEvent } from '../../scripts/lib/trace';

const ev = (name: string, ts: number, dur: number, url: string, tid = 1): TraceEvent => ({ name, ph: 'X', ts, dur, pid: 1, tid, args: { data: { url } } });
const OURS = 'chrome-extension://abc/src/content/';

describe('trace analysis for npm run bench', () => {
  it('counts our scripts only, nested events once, per thread', () => {
    const t = scriptTime(
      [
        ev('EvaluateScript', 0, 2_000, `${OURS}index.js`),
        ev('FunctionCall', 500, 1_000, `${OURS}index.js`), // nested in the evaluation
        ev('FunctionCall', 10_000, 3_000, `${OURS}index.js`),
        ev('FunctionCall', 20_000, 9_000, 'https://page.example/app.js'), // the page's own
        ev('FunctionCall', 30_000, 1_000, `${OURS}index.js`, 2), // another frame's thread
        { name: 'FunctionCall', ph: 'B', ts: 40_000, pid: 1, tid: 1, args: { data: { url: `${OURS}x.js` } } },
      ],
      [OURS],
    );
    expect(t).toEqual({ totalMs: 6, longestMs: 3, intervals: 3 });
  });

  it('takes medians', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});
