/**
 * Raw signals: what the main-world probe copied out of the page's ad tech, passed on unchanged
 * (decoding and naming happen in src/core). A signal is plain JSON of bounded size; its shape is
 * documented by the Raw* types below but never trusted: the page wrote it, and core normalisers
 * read it as `unknown`.
 */
import { isRecord, type Result } from './validate';

export const SIGNAL_SOURCES = ['prebid', 'gpt', 'tcf', 'gpp', 'usp'] as const;
export type SignalSource = (typeof SIGNAL_SOURCES)[number];

export type JsonPrimitive = string | number | boolean | null;
export type JsonValue = JsonPrimitive | JsonValue[] | { [key: string]: JsonValue };

/** Caps on one signal, checked by the probe while copying and again where it is received. */
export const SIGNAL_LIMITS = {
  /** Nesting of a whole signal; each value the probe copies out of a page object is cut at `copyDepth`. */
  depth: 16,
  copyDepth: 7,
  nodes: 4_000,
  string: 1_000,
  arrayItems: 60,
  objectKeys: 60,
  /** The serialised size of one signal. */
  bytes: 64 * 1024,
} as const;

/** How a consent API answered. `absent`: the page has none; `no-response`: it never called back within 1 s. */
export type ConsentStatus = 'ok' | 'no-response' | 'error' | 'absent';

/** One Prebid.js global (ad-signals.md §2). */
export interface RawPrebid {
  global: string;
  version: string | null;
  /** getAllWinningBids() and bidWon events, each bid picked to the fields of §2.3. */
  winningBids: JsonValue[];
  /** getUserIdsAsEids(). */
  eids: JsonValue;
  /** getConfig('gvlMapping'): bidder code → TCF vendor id, as the publisher configured it. */
  gvlMapping: JsonValue;
  /** The last auctions' bidder requests: `{ auctionId, bidderRequests: [{ bidderCode, ortb2 }] }`. */
  auctions: JsonValue[];
}

/** Google Publisher Tag (ad-signals.md §3). */
export interface RawGpt {
  version: string | null;
  pageTargeting: JsonValue;
  slots: { path: string; elementId: string; targeting: JsonValue; response: JsonValue; render: JsonValue }[];
  apstag: boolean;
}

/** A consent API's answer: `data` is the TCData, the GPP ping data, or the USP data. */
export interface RawConsent {
  status: ConsentStatus;
  via: 'api' | 'locator' | null;
  data: JsonValue;
}

export interface RawSignals {
  prebid: RawPrebid[];
  gpt: RawGpt;
  tcf: RawConsent;
  gpp: RawConsent;
  usp: RawConsent;
}


/**
 * Checks that a value is plain JSON within SIGNAL_LIMITS. It does not reshape anything (that is
 * core's work); it only refuses what is too big, too deep, or not JSON.
 */
export function checkJson(input: unknown): Result<JsonValue> {
  let nodes = 0;
  const walk = (value: unknown, depth: number): string | null => {
    if (++nodes > SIGNAL_LIMITS.nodes) return 'too many values';
    if (value === null || typeof value === 'boolean') return null;
    if (typeof value === 'number') return Number.isFinite(value) ? null : 'a number that is not finite';
    if (typeof value === 'string') return value.length > SIGNAL_LIMITS.string ? 'a string too long' : null;
    if (depth >= SIGNAL_LIMITS.depth) return 'nested too deeply';
    if (Array.isArray(value)) {
      if (value.length > SIGNAL_LIMITS.arrayItems) return 'a list too long';
      for (const item of value) {
        const problem = walk(item, depth + 1);
        if (problem) return problem;
      }
      return null;
    }
    if (isRecord(value) && Object.getPrototypeOf(value) === Object.prototype) {
      const keys = Object.keys(value);
      if (keys.length > SIGNAL_LIMITS.objectKeys) return 'an object with too many keys';
      for (const key of keys) {
        if (key.length > 200) return 'a key too long';
        const problem = walk(value[key], depth + 1);
        if (problem) return problem;
      }
      return null;
    }
    return 'not JSON';
  };
  const problem = walk(input, 0);
  return problem ? { ok: false, error: `signal: ${problem}` } : { ok: true, value: input as JsonValue };
}

export function isSignalSource(value: unknown): value is SignalSource {
  return typeof value === 'string' && (SIGNAL_SOURCES as readonly string[]).includes(value);
}
