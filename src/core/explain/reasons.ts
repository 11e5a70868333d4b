/**
 * The reasons an ad was chosen, each with the evidence behind it and how we know it (`basis`):
 * signals → reasons, by the rules of ad-signals.md §9b. Only what the ad tech stated or what we
 * saw becomes a reason; when nothing is known the ad gets a single `unknown`, never a guess.
 */
import type { Evidence, Reason, ReasonKind } from '../../shared/page-report';
import { companyForBidder } from '../bidders';
import { DSA_PARAM_CODES } from '../signals/dsa';
import type { GptSlot } from '../signals/gpt';
import type { Eid, OrtbFacts, Segment } from '../signals/ortb';
import type { PrebidBid } from '../signals/prebid-bid';
import { isVendorTaxonomy, lookupCategory } from '../taxonomy';

/** Strongest first: what was done with the person's data before what was done with the page's. */
export const REASON_ORDER: readonly ReasonKind[] = [
  'profiling',
  'precise-location',
  'audience-segment',
  'demographic',
  'retargeting',
  'cross-site-id',
  'location',
  'contextual',
  'direct-deal',
  'auction',
  'unknown',
];

export interface ReasonInput {
  bid: PrebidBid | null;
  slot: GptSlot | null;
  /** What the winning bidder was sent (its bidder request, or the global first-party data). */
  request: OrtbFacts | null;
  /** Cross-site IDs the page's Prebid had for bidders, when the bidder request itself is unknown. */
  pageEids: Eid[];
}

const MAX_SEGMENT_REASONS = 8;

function segmentReason(segment: Segment, user: boolean): Reason {
  const where = user ? 'prebid.bidderRequest.user.data' : 'prebid.bidderRequest.site.content.data';
  const evidence: Evidence[] = [{ source: where, value: `${segment.provider ?? '?'}: segtax ${segment.tax ?? '?'}, id ${segment.id}` }];
  const entry = segment.tax !== null ? lookupCategory(segment.tax, segment.id) : null;
  if (!user) return { kind: 'contextual', basis: 'declared', detail: entry?.name ?? segment.id, evidence };
  if (entry) {
    const demographic = entry.path[0] === 'Demographic';
    return { kind: demographic ? 'demographic' : 'audience-segment', basis: 'declared', detail: entry.path.join(' > '), evidence };
  }
  // A vendor's own segment id means something only in its own table: said as an id, never guessed.
  const vendor = segment.tax !== null && isVendorTaxonomy(segment.tax) ? ` (vendor taxonomy ${segment.tax})` : '';
  return { kind: 'audience-segment', basis: 'declared', detail: `${segment.provider ?? 'unknown provider'} segment ${segment.id}${vendor}`, evidence };
}

export function reasonsFor({ bid, slot, request, pageEids }: ReasonInput): Reason[] {
  const reasons: Reason[] = [];
  const dsa = bid?.dsa;
  if (dsa) {
    for (const [code, kind] of [
      [DSA_PARAM_CODES.profiling, 'profiling'],
      [DSA_PARAM_CODES.preciseGeo, 'precise-location'],
    ] as const) {
      const by = dsa.transparency.filter((t) => t.params.includes(code));
      if (by.length) {
        reasons.push({
          kind,
          basis: 'declared',
          detail: by.map((t) => t.domain).join(', '),
          evidence: by.map((t) => ({ source: 'prebid.meta.dsa.transparency', value: `${t.domain}: dsaparams ${t.params.join(',')}` })),
        });
      }
    }
    // Parameter 2 alone: chosen from the context and basic device data, not from a profile.
    if (dsa.params.length && dsa.params.every((p) => p === DSA_PARAM_CODES.basic)) {
      reasons.push({
        kind: 'contextual',
        basis: 'declared',
        detail: dsa.transparency.map((t) => t.domain).join(', '),
        evidence: dsa.transparency.map((t) => ({ source: 'prebid.meta.dsa.transparency', value: `${t.domain}: dsaparams ${t.params.join(',')}` })),
      });
    }
  }
  if (request) {
    for (const s of request.userSegments.slice(0, MAX_SEGMENT_REASONS)) reasons.push(segmentReason(s, true));
    for (const s of request.contentSegments.slice(0, MAX_SEGMENT_REASONS)) reasons.push(segmentReason(s, false));
    for (const c of request.siteCategories.slice(0, MAX_SEGMENT_REASONS)) {
      const entry = lookupCategory(c.tax, c.id);
      reasons.push({ kind: 'contextual', basis: 'declared', detail: entry?.name ?? c.id, evidence: [{ source: 'prebid.bidderRequest.site.cat', value: `cattax ${c.tax}, ${c.id}` }] });
    }
    const geo = request.geo;
    if (geo) {
      const precise = geo.hasLatLon && (geo.type === 1 || (geo.accuracy !== null && geo.accuracy <= 500));
      const value = [
        geo.type !== null ? `type ${geo.type}` : null,
        geo.hasLatLon ? 'latitude/longitude' : null,
        geo.accuracy !== null ? `accuracy ${geo.accuracy} m` : null,
        geo.country,
        geo.region,
        geo.city,
      ]
        .filter(Boolean)
        .join(', ');
      const place = [geo.city, geo.region, geo.country].filter(Boolean).join(', ');
      reasons.push({ kind: precise ? 'precise-location' : 'location', basis: 'declared', ...(place ? { detail: place } : {}), evidence: [{ source: 'prebid.bidderRequest.geo', value }] });
    }
  }
  const eids = request?.eids.length ? request.eids : pageEids;
  if (eids.length) {
    reasons.push({
      kind: 'cross-site-id',
      basis: request?.eids.length ? 'declared' : 'observed',
      detail: eids.map((e) => e.source).join(', '),
      evidence: eids.map((e) => ({ source: request?.eids.length ? 'prebid.bidderRequest.user.eids' : 'prebid.getUserIdsAsEids', value: `${e.source}${e.atype !== null ? ` (atype ${e.atype})` : ''}` })),
    });
  }
  if (bid?.dealId) {
    reasons.push({ kind: 'direct-deal', basis: 'declared', detail: bid.dealId, evidence: [{ source: 'prebid.bid.dealId', value: bid.dealId }] });
  }
  if (bid) {
    const company = companyForBidder(bid.bidder);
    // We watched the page's own auction end with this bid rendered.
    reasons.push({
      kind: 'auction',
      basis: 'observed',
      detail: company?.name ?? bid.bidder,
      evidence: [{ source: 'prebid.bidWon', value: `bidder ${bid.bidder}${bid.adUnitCode ? `, ad unit ${bid.adUnitCode}` : ''}${bid.status ? `, ${bid.status}` : ''}` }],
    });
  }
  const render = slot?.render;
  if (slot && render && render.isEmpty !== true) {
    const hb = slot.targeting.hb_bidder?.[0];
    if (render.isBackfill === true) {
      // GPT says backfill (AdX, AdSense, Open Bidding): sold programmatically, most likely in an auction.
      reasons.push({ kind: 'auction', basis: 'inferred', detail: 'Google Ad Manager backfill', evidence: [{ source: 'gpt.slotRenderEnded', value: `isBackfill true, ${slot.path}` }] });
    } else if (render.isBackfill === false && !hb && !bid) {
      const ids = [render.advertiserId !== null ? `advertiser #${render.advertiserId}` : null, render.lineItemId !== null ? `line item #${render.lineItemId}` : null].filter(Boolean).join(', ');
      // A line item that is not backfill and not header bidding is usually sold directly (or a house ad).
      reasons.push({ kind: 'direct-deal', basis: 'inferred', ...(ids ? { detail: ids } : {}), evidence: [{ source: 'gpt.slotRenderEnded', value: `isBackfill false${ids ? `, ${ids}` : ''}, ${slot.path}` }] });
    }
    if (hb && !bid) {
      reasons.push({ kind: 'auction', basis: 'observed', detail: companyForBidder(hb)?.name ?? hb, evidence: [{ source: 'gpt.targeting', value: `hb_bidder=${hb}` }] });
    }
  }
  if (!reasons.length) return [{ kind: 'unknown', basis: 'observed', evidence: [] }];
  return dedupe(reasons).sort((a, b) => REASON_ORDER.indexOf(a.kind) - REASON_ORDER.indexOf(b.kind));
}

/** The same reason from two signals (a category in site.cat and in content data) is one reason with both pieces of evidence. */
function dedupe(reasons: Reason[]): Reason[] {
  const byKey = new Map<string, Reason>();
  for (const r of reasons) {
    const key = `${r.kind}|${r.detail ?? ''}`;
    const known = byKey.get(key);
    if (known) known.evidence.push(...r.evidence.filter((e) => !known.evidence.some((k) => k.source === e.source && k.value === e.value)));
    else byKey.set(key, { ...r, evidence: [...r.evidence] });
  }
  return [...byKey.values()];
}
