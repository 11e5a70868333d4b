/**
 * A Prebid.js bid as the probe copied it (ad-signals.md §2.3): who bid, for which ad unit, and
 * what its `meta` says about the advertiser, the buyer and the DSA.
 */
import type { Result } from '../../shared/validate';
import { normaliseDsa, type DsaInfo } from './dsa';
import { domain, int, list, obj, text } from './read';

export interface PrebidBid {
  bidder: string;
  adId: string | null;
  adUnitCode: string | null;
  auctionId: string | null;
  mediaType: string | null;
  width: number | null;
  height: number | null;
  creativeId: string | null;
  dealId: string | null;
  /** "rendered" once shown; "targetingSet" when it won but was not (yet) rendered. */
  status: string | null;
  advertiserDomains: string[];
  advertiserName: string | null;
  brandName: string | null;
  agencyName: string | null;
  networkName: string | null;
  demandSource: string | null;
  /** The buyer-side chain (dchain nodes' `asi` domains), in order. */
  demandChain: string[];
  primaryCatId: string | null;
  secondaryCatIds: string[];
  cattax: number | null;
  dsa: DsaInfo | null;
  /** The bid's hb_* key-values (the ones Prebid computes; not all reach the ad server). */
  targeting: Record<string, string>;
}

export function normaliseBid(input: unknown): Result<PrebidBid> {
  const bid = obj(input);
  if (!bid) return { ok: false, error: 'bid: expected an object' };
  const bidder = text(bid.bidderCode, 60) ?? text(bid.bidder, 60);
  if (!bidder) return { ok: false, error: 'bid: no bidder' };
  const meta = obj(bid.meta) ?? {};
  const dsa = meta.dsa === undefined ? null : normaliseDsa(meta.dsa);
  const targeting: Record<string, string> = {};
  for (const [key, value] of Object.entries(obj(bid.adserverTargeting) ?? {}).slice(0, 40)) {
    const v = text(value, 200) ?? (typeof value === 'number' ? String(value) : null);
    if (/^hb_[a-z_]{1,40}$/.test(key) && v) targeting[key] = v;
  }
  const idText = (v: unknown): string | null => text(v, 100) ?? (typeof v === 'number' && Number.isFinite(v) ? String(v) : null);
  return {
    ok: true,
    value: {
      bidder,
      adId: text(bid.adId, 100),
      adUnitCode: text(bid.adUnitCode, 200),
      auctionId: text(bid.auctionId, 100),
      mediaType: text(bid.mediaType, 20),
      width: int(bid.width, 0, 100_000),
      height: int(bid.height, 0, 100_000),
      creativeId: idText(bid.creativeId),
      dealId: idText(bid.dealId),
      status: text(bid.status, 40),
      advertiserDomains: list(meta.advertiserDomains, 10).map(domain).filter((d): d is string => !!d),
      advertiserName: text(meta.advertiserName, 100),
      brandName: text(meta.brandName, 100),
      agencyName: text(meta.agencyName, 100),
      networkName: text(meta.networkName, 100),
      demandSource: text(meta.demandSource, 100),
      demandChain: list(obj(meta.dchain)?.nodes, 10)
        .map((n) => domain(obj(n)?.asi))
        .filter((d): d is string => !!d),
      primaryCatId: text(meta.primaryCatId, 40),
      secondaryCatIds: list(meta.secondaryCatIds, 10).map((c) => text(c, 40)).filter((c): c is string => !!c),
      cattax: int(meta.cattax, 1, 100_000),
      dsa: dsa?.ok ? dsa.value : null,
      targeting,
    },
  };
}
