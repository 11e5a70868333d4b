/** The probe's Prebid reader against hostile page globals: it never throws and copies out only capped strings. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_PREBID_UNITS } from '../../src/shared/bridge';

let watchPrebid: (win: Window, post: (units: string[]) => void) => void;

function run(globals: Record<string, unknown>, posts: string[][] = []): string[][] {
  // Copied with their descriptors, so that a throwing getter stays a getter for the probe to meet.
  const win = Object.defineProperties({ document: { readyState: 'complete' } }, Object.getOwnPropertyDescriptors(globals)) as unknown as Window;
  watchPrebid(win, (units) => posts.push(units));
  vi.advanceTimersByTime(10_000);
  return posts;
}

describe('probe: Prebid winners', () => {
  beforeEach(async () => {
    // The probe takes its own setTimeout when it loads (so that pages cannot replace it): load it
    // after the fake clock is installed.
    vi.useFakeTimers();
    vi.resetModules();
    ({ watchPrebid } = await import('../../src/page/prebid'));
  });
  afterEach(() => vi.useRealTimers());

  it('reads every global named in _pbjsGlobals, once per change, and hears later wins', () => {
    let won: (() => void) | undefined;
    const bids = [{ adUnitCode: 'a' }, { adUnitCode: 'b' }, { adUnitCode: 'a' }];
    const posts: string[][] = [];
    run({
      _pbjsGlobals: ['pbjs', 'owpbjs'],
      pbjs: { getAllWinningBids: () => bids, onEvent: (_name: string, fn: () => void) => (won = fn) },
      owpbjs: { getAllWinningBids: () => [{ adUnitCode: 'c' }] },
    }, posts);
    expect(posts).toEqual([['a', 'b', 'c']]);
    bids.push({ adUnitCode: 'd' });
    won?.();
    vi.advanceTimersByTime(100);
    expect(posts).toEqual([['a', 'b', 'c'], ['a', 'b', 'd', 'c']]);
  });

  it.each([
    ['no Prebid at all', {}],
    ['_pbjsGlobals is not a list', { _pbjsGlobals: 'pbjs' }],
    ['getAllWinningBids throws', { _pbjsGlobals: ['p'], p: { getAllWinningBids: () => { throw new Error('no'); } } }],
    ['a throwing getter', { _pbjsGlobals: ['p'], get p() { throw new Error('trap'); } }],
    ['a Proxy that throws on everything', { _pbjsGlobals: ['p'], p: new Proxy({}, { get() { throw new Error('proxy'); } }) }],
    ['codes that are not strings', { _pbjsGlobals: ['p'], p: { getAllWinningBids: () => [{ adUnitCode: 1 }, { adUnitCode: { toString: () => 'x' } }, null] } }],
  ])('survives %s', (_name, globals) => {
    expect(() => run(globals)).not.toThrow();
    expect(run(globals).flat()).toEqual([]);
  });

  it('caps what it copies out', () => {
    const many = Array.from({ length: 5_000 }, (_, i) => ({ adUnitCode: `u${i}` }));
    const long = { adUnitCode: 'x'.repeat(10_000) };
    const posts = run({ _pbjsGlobals: ['p'], p: { getAllWinningBids: () => [long, ...many] } });
    expect(posts[0]?.length).toBe(MAX_PREBID_UNITS - 1);
    expect(posts[0]?.every((u) => u.length < 10)).toBe(true);
  });
});
