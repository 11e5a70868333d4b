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
    expect(t).toEqual({ totalMs: 6, longestMs: 3, intervals: 3, cpuMs: 6 });
  });

  it('counts the microtasks our calls run as they return, and thread time apart from wall-clock time', () => {
    const call = (ts: number, dur: number, tdur: number): TraceEvent => ({ name: 'v8.callFunction', ph: 'X', ts, dur, tdur, pid: 1, tid: 1 });
    const t = scriptTime(
      [
        call(0, 5_000, 4_000), // a timer of ours: the call, then the scan's next slice as its microtasks
        { ...ev('FunctionCall', 10, 100, `${OURS}index.js`), tdur: 100 },
        call(9_000, 50_000, 40_000), // the page's own event dispatch around…
        call(9_500, 2_000, 1_500), // …our listener's own call
        { ...ev('FunctionCall', 9_600, 1_000, `${OURS}index.js`), tdur: 900 },
        call(20_000, 3_000, 3_000), // the page's call: not ours
        ev('FunctionCall', 20_010, 2_000, 'https://page.example/app.js'),
      ],
      [OURS],
    );
    expect(t).toEqual({ totalMs: 7, longestMs: 5, intervals: 2, cpuMs: 5.5 });
  });

  it('takes medians', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});
