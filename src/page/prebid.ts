/**
 * Reads Prebid.js (ad-signals.md §2): every global named in `_pbjsGlobals`, its winning bids
 * (`getAllWinningBids()`, and `getEvents()` to recover the `bidWon`s that happened before we
 * attached), its user IDs as EIDs, and the segments, categories and rules in the bidder requests
 * of the last auctions. Then `bidWon` and `auctionEnd` tell it to read again. Two outputs: the ad
 * unit codes with a rendered winner (for detection) and the raw signal (for explanation).
 */
import { MAX_PREBID_UNITS, MAX_UNIT_CODE } from '../shared/bridge';
import type { JsonValue, RawPrebid } from '../shared/signals';
import { budget, copy, pick, type Budget } from './copy';
import { afterLoad, invoke, isArray, pageGlobal, read, schedule, str, type Fn } from './own';

const MAX_GLOBALS = 5;
const REREAD_MS = [0, 2_000];
const MAX_BIDS = 30;
const MAX_AUCTIONS = 3;
const MAX_BIDDER_REQUESTS = 12;
/** The fields of a bid that say who and why (§2.3); prices and creatives are left alone. */
const BID_FIELDS = ['bidderCode', 'bidder', 'adId', 'adUnitCode', 'auctionId', 'mediaType', 'dealId', 'status', 'meta', 'adserverTargeting'];

function ortbPart(ortb2: unknown, b: Budget): JsonValue {
  const user = read(ortb2, 'user');
  const site = read(ortb2, 'site');
  const device = read(ortb2, 'device');
  return {
    user: pick(user, ['data', 'eids', 'geo', 'ext'], b, 1),
    site: pick(site, ['cat', 'cattax', 'pagecat', 'sectioncat', 'content'], b, 1),
    device: pick(device, ['geo'], b, 1),
    regs: copy(read(ortb2, 'regs'), b, 1) ?? null,
  };
}

function auctionOf(args: unknown, b: Budget): JsonValue {
  const requests = read(args, 'bidderRequests');
  const out: JsonValue[] = [];
  if (isArray(requests)) {
    for (const request of requests.slice(0, MAX_BIDDER_REQUESTS)) {
      out.push({ bidderCode: str(read(request, 'bidderCode')), ortb2: ortbPart(read(request, 'ortb2'), b) });
    }
  }
  return { auctionId: str(read(args, 'auctionId')), bidderRequests: out };
}

function readGlobal(name: string, g: unknown, units: string[]): RawPrebid {
  const b = budget();
  const bids: JsonValue[] = [];
  const seen: string[] = [];
  const addBid = (bid: unknown): void => {
    const code = read(bid, 'adUnitCode');
    if (typeof code === 'string' && code.length <= MAX_UNIT_CODE && !units.includes(code) && units.length < MAX_PREBID_UNITS) units.push(code);
    const adId = str(read(bid, 'adId'));
    if (bids.length >= MAX_BIDS || (adId && seen.includes(adId))) return;
    if (adId) seen.push(adId);
    const picked = pick(bid, BID_FIELDS, b);
    if (picked) bids.push(picked);
  };
  const winners = invoke(g, 'getAllWinningBids');
  if (isArray(winners)) for (const bid of winners.slice(0, MAX_PREBID_UNITS)) addBid(bid);
  const auctions: unknown[] = [];
  const events = invoke(g, 'getEvents');
  if (isArray(events)) {
    // The log holds every event since the page loaded; only the newest few matter to us.
    for (let i = events.length - 1, looked = 0; i >= 0 && looked < 500; i--, looked++) {
      const type = read(events[i], 'eventType');
      if (type === 'bidWon') addBid(read(events[i], 'args'));
      else if (type === 'auctionEnd' && auctions.length < MAX_AUCTIONS) auctions.push(read(events[i], 'args'));
    }
  }
  return {
    global: name.slice(0, 40),
    version: str(read(g, 'version'), 40),
    winningBids: bids,
    eids: copy(invoke(g, 'getUserIdsAsEids'), b) ?? null,
    // Which TCF vendor the publisher says each bidder is (Prebid's own gvlMapping setting).
    gvlMapping: copy(invoke(g, 'getConfig', 'gvlMapping'), b) ?? null,
    auctions: [{ auctionId: null, bidderRequests: [{ bidderCode: null, ortb2: ortbPart(invoke(g, 'getConfig', 'ortb2'), b) }] }, ...auctions.map((a) => auctionOf(a, b))],
  };
}

export function watchPrebid(win: Window, postUnits: (units: string[]) => void, postSignal: (raw: RawPrebid[]) => void = () => undefined): () => void {
  const listening = new WeakSet<object>();
  let lastUnits = '';
  let timer: ReturnType<typeof setTimeout> | null = null;

  const read_ = (): void => {
    timer = null;
    const units: string[] = [];
    const raw: RawPrebid[] = [];
    const names = pageGlobal(win, '_pbjsGlobals');
    if (!isArray(names)) return;
    try {
      readAll(names, units, raw);
    } catch {
      // A page whose Prebid (or Array.prototype) throws tells us no more than we have so far.
    }
    const key = units.join('\n');
    if (key !== lastUnits) {
      lastUnits = key;
      postUnits(units);
    }
    if (raw.length) postSignal(raw);
  };
  const readAll = (names: unknown[], units: string[], raw: RawPrebid[]): void => {
    for (const name of names.slice(0, MAX_GLOBALS)) {
      if (typeof name !== 'string') continue;
      const g = pageGlobal(win, name);
      if (!g || typeof g !== 'object' || typeof read(g, 'getAllWinningBids') !== 'function') continue;
      if (!listening.has(g) && typeof read(g, 'onEvent') === 'function') {
        listening.add(g);
        invoke(g, 'onEvent', 'bidWon', later);
        invoke(g, 'onEvent', 'auctionEnd', later);
      }
      raw.push(readGlobal(name, g, units));
    }
  };
  // Reading right inside Prebid's event would see the bid before it is marked rendered.
  const later: Fn = () => {
    if (!timer) timer = schedule(read_, 50);
    return undefined;
  };
  // After the load event, and once more for auctions that end later; the events cover the rest.
  afterLoad(win, read_, REREAD_MS);
  return read_;
}
