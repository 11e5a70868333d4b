/**
 * Ties an ad found on the page to what the ad tech said about it: the GPT slot whose element is
 * the ad (or whose ad unit path it carries), and the Prebid bid rendered into it (by ad unit code,
 * or through the slot's `hb_adid` targeting, ad-signals.md §2.7).
 */
import type { FrameAd } from '../../shared/frame-ad';
import type { GptSlot } from '../signals/gpt';
import type { PrebidBid } from '../signals/prebid-bid';
import type { PageFacts } from './page-facts';

export interface AdMatch {
  slot: GptSlot | null;
  bid: PrebidBid | null;
}

/** A bid that won and was rendered beats one that only had its targeting set. */
function best(bids: PrebidBid[]): PrebidBid | null {
  return bids.find((b) => b.status === 'rendered') ?? bids[0] ?? null;
}

export function matchAd(ad: FrameAd, facts: PageFacts): AdMatch {
  const slots = facts.gpt.slots;
  let slot = ad.elementId ? (slots.find((s) => s.elementId === ad.elementId) ?? null) : null;
  if (!slot && ad.adUnitPath) {
    const byPath = slots.filter((s) => s.path === ad.adUnitPath);
    // A path used by several slots on the page does not say which one this is.
    if (byPath.length === 1) slot = byPath[0] ?? null;
  }
  const adId = slot?.targeting.hb_adid?.[0];
  let bid = adId ? best(facts.prebid.bids.filter((b) => b.adId === adId)) : null;
  const code = slot?.elementId ?? ad.elementId;
  if (!bid && code) bid = best(facts.prebid.bids.filter((b) => b.adUnitCode === code));
  return { slot, bid };
}
