/**
 * Reads which ad units Prebid.js rendered a winning bid into: every global named in
 * `_pbjsGlobals` (ad-signals.md §2.1), `getAllWinningBids()`, and `bidWon` events for the ones
 * that come later. Page globals may be anything, so every access is guarded and only strings
 * (capped) are copied out.
 */
import { MAX_PREBID_UNITS, MAX_UNIT_CODE } from '../shared/bridge';

type Fn = (...args: unknown[]) => unknown;
// Our own references, taken at document_start before page scripts can replace them: a page that
// patches setTimeout or addEventListener learns nothing of us, and cannot stop us.
const schedule = setTimeout;
const listen = EventTarget.prototype.addEventListener;
const MAX_GLOBALS = 5;
/** After the load event, and once more for auctions that end later; bidWon events cover the rest. */
const REREAD_MS = [0, 2_000];

export function watchPrebid(win: Window, post: (units: string[]) => void): void {
  const listening = new WeakSet<object>();
  let last = '';
  let timer: ReturnType<typeof setTimeout> | null = null;

  const read = (): void => {
    timer = null;
    const units: string[] = [];
    try {
      const names: unknown = (win as unknown as Record<string, unknown>)._pbjsGlobals;
      if (!Array.isArray(names)) return;
      for (const name of names.slice(0, MAX_GLOBALS)) {
        if (typeof name !== 'string') continue;
        const g = (win as unknown as Record<string, unknown>)[name] as Record<string, unknown> | null | undefined;
        if (!g || typeof g !== 'object' || typeof g.getAllWinningBids !== 'function') continue;
        if (!listening.has(g) && typeof g.onEvent === 'function') {
          listening.add(g);
          (g.onEvent as Fn).call(g, 'bidWon', later);
        }
        const bids: unknown = (g.getAllWinningBids as Fn).call(g);
        if (!Array.isArray(bids)) continue;
        for (const bid of bids.slice(0, MAX_PREBID_UNITS)) {
          const code: unknown = (bid as Record<string, unknown> | null)?.adUnitCode;
          if (typeof code === 'string' && code.length <= MAX_UNIT_CODE && !units.includes(code)) units.push(code);
        }
      }
    } catch {
      // A page whose Prebid throws tells us nothing more.
    }
    const key = units.join('\n');
    if (key !== last && units.length <= MAX_PREBID_UNITS) {
      last = key;
      post(units);
    }
  };
  // Reading right inside Prebid's event would see the bid before it is marked rendered.
  const later = (): void => {
    if (!timer) timer = schedule(read, 50);
  };
  const start = (): void => {
    for (const ms of REREAD_MS) schedule(read, ms);
  };
  if (win.document.readyState !== 'complete') listen.call(win, 'load', start, { once: true });
  else start();
}
