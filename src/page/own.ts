/**
 * Our own references to the few built-ins the probe uses, taken at document_start before any page
 * script runs: a page that later patches setTimeout, addEventListener or JSON learns nothing of us
 * and cannot stop us.
 */
export const schedule = setTimeout;
export const listen = EventTarget.prototype.addEventListener;
export const unlisten = EventTarget.prototype.removeEventListener;
export const dispatch = EventTarget.prototype.dispatchEvent;
export const CustomEventCtor = CustomEvent;
export const stringify = JSON.stringify;
export const parseJson = JSON.parse;
export const keysOf = Object.keys;
export const isArray = Array.isArray;
export const now = Date.now;

export type Fn = (...args: unknown[]) => unknown;
export type Bag = Record<string, unknown>;

/** Reads `obj[key]` as the page left it; a throwing getter or Proxy trap reads as undefined. */
export function read(obj: unknown, key: string): unknown {
  try {
    return obj !== null && (typeof obj === 'object' || typeof obj === 'function') ? (obj as Bag)[key] : undefined;
  } catch {
    return undefined;
  }
}

const hasOwn = Object.prototype.hasOwnProperty;

/**
 * A global the page defined (`window.pbjs = …`, `var googletag`), read only if it is an own
 * property of the window: a miss then costs nothing, where `window.x` would first search the
 * document for an element named x (slow on a page of 10,000 elements).
 */
export function pageGlobal(win: Window, name: string): unknown {
  try {
    return hasOwn.call(win, name) ? (win as unknown as Bag)[name] : undefined;
  } catch {
    return undefined;
  }
}

/** Calls `obj[key](...args)` if it is a function; whatever it throws reads as undefined. */
export function invoke(obj: unknown, key: string, ...args: unknown[]): unknown {
  try {
    const fn = read(obj, key);
    return typeof fn === 'function' ? (fn as Fn).apply(obj, args) : undefined;
  } catch {
    return undefined;
  }
}

export function str(value: unknown, max = 200): string | null {
  return typeof value === 'string' ? value.slice(0, max) : null;
}

/** Runs `fn` after the page's load event, and again after each of the later delays. */
export function afterLoad(win: Window, fn: () => void, delays: readonly number[]): void {
  const start = (): void => {
    for (const ms of delays) schedule(fn, ms);
  };
  if (win.document.readyState !== 'complete') listen.call(win, 'load', start, { once: true });
  else start();
}
