/**
 * Asks the page's consent APIs (ad-signals.md §4): TCF `__tcfapi('addEventListener')`, GPP
 * `__gpp('addEventListener')` and `ping`, and US Privacy `__uspapi('getUSPData')`, each directly
 * when this frame has the function and otherwise through the `…Locator` frame protocol of an
 * ancestor (the consent API may live in another frame). An API that does not answer within 1 s is
 * reported as `no-response`; a page without one as `absent`.
 */
import type { ConsentStatus, JsonValue, RawConsent } from '../shared/signals';
import { budget, copy, pick } from './copy';
import { afterLoad, listen, pageGlobal, parseJson, read, schedule, stringify, type Fn } from './own';

type Source = 'tcf' | 'gpp' | 'usp';

/** The API's function; its frame protocol's names follow from it (`__tcfapiLocator`, `__tcfapiCall`, `__tcfapiReturn`). */
const APIS: Record<Source, string> = { tcf: '__tcfapi', gpp: '__gpp', usp: '__uspapi' };
const TIMEOUT_MS = 1_000;
// The TC string holds the choices; core decodes it. The rest says whether GDPR applies and the CMP's state.
const TCF_FIELDS = ['tcString', 'gdprApplies', 'cmpId', 'eventStatus', 'cmpStatus', 'addtlConsent'];
const GPP_FIELDS = ['gppVersion', 'cmpStatus', 'signalStatus', 'applicableSections', 'gppString'];
const MAX_ANCESTORS = 10;

/**
 * The nearest ancestor holding the API's locator frame. Only ancestors: a frame's own consent tool
 * defines the function itself, and the top frame has no ancestor to ask.
 */
function locatorWindow(win: Window, api: string): Window | null {
  let w: Window = win;
  for (let i = 0; i < MAX_ANCESTORS; i++) {
    const parent = read(w, 'parent') as Window | undefined;
    if (!parent || parent === w) return null;
    w = parent;
    try {
      // A child frame is reachable by name even across origins.
      if (read(read(w, 'frames'), `${api}Locator`)) return w;
    } catch {
      // An ancestor we may not look into.
    }
  }
  return null;
}

/** What each API's callback carries that we pass on (the rest of the page's object stays behind). */
function dataOf(source: Source, value: unknown): JsonValue {
  const b = budget(2);
  if (source === 'tcf') return pick(value, TCF_FIELDS, b);
  if (source === 'gpp') {
    // addEventListener hands an event whose pingData is the state; ping hands the state itself.
    const ping = read(value, 'pingData') ?? value;
    return pick(ping, GPP_FIELDS, b);
  }
  return copy(value, b) ?? null;
}

function ask(win: Window, source: Source, post: (raw: RawConsent) => void): boolean {
  const api = APIS[source];
  let answered = false;
  let last = '';
  const answer = (via: RawConsent['via'], value: unknown, success: unknown): void => {
    const status: ConsentStatus = success === false ? 'error' : 'ok';
    const data = dataOf(source, value);
    const key = status + stringify(data);
    answered = true;
    if (key === last) return;
    last = key;
    post({ status, via, data });
  };
  const command = source === 'tcf' || source === 'gpp' ? 'addEventListener' : 'getUSPData';
  const fn = pageGlobal(win, api);
  let via: RawConsent['via'];
  if (typeof fn === 'function') {
    via = 'api';
    const cb: Fn = (value, success) => {
      answer('api', value, success);
      return undefined;
    };
    try {
      // GPP 1.1 takes the callback second; TCF and USP take the version second.
      if (source === 'gpp') (fn as Fn).call(win, command, cb);
      else (fn as Fn).call(win, command, source === 'tcf' ? 2 : 1, cb);
    } catch {
      post({ status: 'error', via, data: null });
      return true;
    }
  } else {
    const target = locatorWindow(win, api);
    if (!target) return false;
    via = 'locator';
    const callId = `wta-${Math.random().toString(36).slice(2)}`;
    listen.call(win, 'message', (event: Event) => {
      let payload: unknown = (event as MessageEvent).data;
      try {
        if (typeof payload === 'string' && payload.length < 100_000) payload = parseJson(payload);
      } catch {
        return;
      }
      const ret = read(payload, `${api}Return`);
      if (!ret || read(ret, 'callId') !== callId) return;
      answer('locator', read(ret, 'returnValue'), read(ret, 'success'));
    });
    try {
      // The ancestor's own postMessage: the prototype's cannot be called on a cross-origin window.
      target.postMessage({ [`${api}Call`]: { command, parameter: null, version: source === 'gpp' ? '1.1' : source === 'tcf' ? 2 : 1, callId } }, '*');
    } catch {
      post({ status: 'error', via, data: null });
      return true;
    }
  }
  schedule(() => {
    if (!answered) post({ status: 'no-response', via, data: null });
  }, TIMEOUT_MS);
  return true;
}

export function watchConsent(win: Window, post: (source: Source, raw: RawConsent) => void): void {
  const pending = new Set<Source>(['tcf', 'gpp', 'usp']);
  const tryAll = (final: boolean): void => {
    for (const source of [...pending]) {
      let found = false;
      try {
        found = ask(win, source, (raw) => post(source, raw));
      } catch {
        found = true;
        post(source, { status: 'error', via: null, data: null });
      }
      if (found) pending.delete(source);
      else if (final) {
        pending.delete(source);
        post(source, { status: 'absent', via: null, data: null });
      }
    }
  };
  // Consent tools load with the page: ask once it has loaded, and once more for late ones.
  let round = 0;
  afterLoad(win, () => tryAll(++round === 2), [0, 2_000]);
}

export type { Source as ConsentSource };
