/** The probe's Prebid.js signal (shared/signals.ts RawPrebid[]) made into typed, capped facts. */
import { normaliseBid, type PrebidBid } from './prebid-bid';
import { eidsOf, ortbFacts, type Eid, type OrtbFacts } from './ortb';
import { int, list, obj, text } from './read';

export interface BidderRequest {
  /** null for the global first-party data (what every bidder is sent unless told otherwise). */
  bidder: string | null;
  facts: OrtbFacts;
}

export interface PrebidFacts {
  globals: { name: string; version: string | null }[];
  bids: PrebidBid[];
  /** Newest first; the first entry of each global is its global first-party data. */
  auctions: { auctionId: string | null; requests: BidderRequest[] }[];
  eids: Eid[];
  /** Bidder code → TCF vendor id, from the page's Prebid `gvlMapping` (page data: only ever used to raise a flag). */
  gvlMapping: Record<string, number>;
  /** Bids the probe sent that did not read as bids. */
  rejected: number;
}

export function prebidFacts(raw: unknown): PrebidFacts {
  const facts: PrebidFacts = { globals: [], bids: [], auctions: [], eids: [], gvlMapping: {}, rejected: 0 };
  for (const entry of list(raw, 5)) {
    const g = obj(entry);
    if (!g) continue;
    facts.globals.push({ name: text(g.global, 40) ?? '?', version: text(g.version, 40) });
    for (const bid of list(g.winningBids, 30)) {
      const r = normaliseBid(bid);
      if (!r.ok) facts.rejected++;
      else if (!facts.bids.some((b) => b.adId && b.adId === r.value.adId)) facts.bids.push(r.value);
    }
    for (const [bidder, id] of Object.entries(obj(g.gvlMapping) ?? {}).slice(0, 50)) {
      const vendor = int(id, 1, 65_535);
      if (vendor !== null && bidder.length <= 60 && !Object.prototype.hasOwnProperty.call(facts.gvlMapping, bidder)) facts.gvlMapping[bidder] = vendor;
    }
    for (const eid of eidsOf(g.eids)) if (!facts.eids.some((e) => e.source === eid.source)) facts.eids.push(eid);
    for (const auction of list(g.auctions, 4)) {
      const a = obj(auction);
      if (!a) continue;
      facts.auctions.push({
        auctionId: text(a.auctionId, 100),
        requests: list(a.bidderRequests, 12).map((r) => ({ bidder: text(obj(r)?.bidderCode, 60), facts: ortbFacts(obj(r)?.ortb2) })),
      });
    }
  }
  return facts;
}

/**
 * What the winning bidder was sent in the auction it won: its own bidder request when the probe
 * saw that auction, else the global first-party data (sent to every bidder).
 */
export function requestFor(facts: PrebidFacts, bid: PrebidBid): OrtbFacts | null {
  const auction = facts.auctions.find((a) => a.auctionId !== null && a.auctionId === bid.auctionId);
  const own = auction?.requests.find((r) => r.bidder === bid.bidder);
  if (own) return own.facts;
  return facts.auctions.find((a) => a.auctionId === null)?.requests[0]?.facts ?? null;
}
