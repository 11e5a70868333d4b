/**
 * Turns a tab's snapshot into the PageReport: the ads each frame found, tied together across
 * frames, each explained from the signals of the page's ad tech (explain/), with the page's
 * consent state, identifiers and flags. What nothing tells us is left empty or said as
 * `unknown`, never guessed.
 */
import type { FrameAd } from '../shared/frame-ad';
import { PAGE_REPORT_SCHEMA, type PageReport, type Reason, type ReportAd, type Seller } from '../shared/page-report';
import { findAdHost } from './ad-hosts';
import { companyForBidder } from './bidders';
import { explainAd } from './explain/ad';
import { creativesByAd, mergeCreative } from './explain/creative';
import { mergeFlags, pageOnlyFlags } from './explain/flags';
import { pageFacts, type PageFacts } from './explain/page-facts';
import { mergeNetwork } from './explain/network';
import type { TabNetwork } from './network/tab-network';
import { historyReason, retargetingReason, type HistoryVisits, type PixelMemory } from './retargeting';
import { REASON_ORDER } from './explain/reasons';
import type { FrameSnapshot, TabSnapshot } from './tab-snapshot';

function sellersOf(ad: FrameAd): Seller[] {
  const sellers: Seller[] = [];
  if (ad.detectedBy.includes('gpt')) sellers.push({ company: 'Google', domain: 'google.com', role: 'ad-server' });
  if (ad.detectedBy.includes('adsense')) sellers.push({ company: 'Google', domain: 'google.com', role: 'network' });
  if (ad.detectedBy.includes('taboola')) sellers.push({ company: 'Taboola', domain: 'taboola.com', role: 'network' });
  if (ad.detectedBy.includes('outbrain')) sellers.push({ company: 'Outbrain (Teads)', domain: 'outbrain.com', role: 'network' });
  // Whoever's host serves the ad's frame, unless Google already said (its slots hold any creative).
  if (ad.frameSrc && !sellers.length) {
    const host = findAdHost(ad.frameSrc);
    if (host) sellers.push({ company: host.company, domain: host.suffix, role: host.role });
  }
  return sellers;
}

function sameDocumentUrl(a: string, b: string): boolean {
  try {
    const x = new URL(a);
    const y = new URL(b);
    return x.origin === y.origin && x.pathname === y.pathname && x.search === y.search;
  } catch {
    return false;
  }
}

/**
 * A frame whose URL is the src of an ad's iframe in its parent is that ad's creative: the ad is
 * already counted in the parent, so whatever the creative frame contains is not a second ad.
 */
function creativeFrames(frames: readonly FrameSnapshot[]): Set<number> {
  const byId = new Map(frames.map((f) => [f.frameId, f]));
  const creatives = new Set<number>();
  for (const frame of frames) {
    const parent = byId.get(frame.parentFrameId);
    if (!parent) continue;
    if (parent.ads.some((ad) => ad.frameSrc && sameDocumentUrl(ad.frameSrc, frame.url))) creatives.add(frame.frameId);
  }
  // A frame nested inside a creative is part of that creative too.
  let grew = true;
  while (grew) {
    grew = false;
    for (const frame of frames) {
      if (!creatives.has(frame.frameId) && creatives.has(frame.parentFrameId)) {
        creatives.add(frame.frameId);
        grew = true;
      }
    }
  }
  return creatives;
}

function toReportAd(frame: FrameSnapshot, ad: FrameAd, facts: PageFacts): ReportAd {
  const why = explainAd(ad, facts, sellersOf(ad));
  return {
    id: `${frame.frameId}:${ad.key}`,
    status: ad.status,
    format: ad.format,
    slot: {
      ...(frame.frameId !== 0 ? { frameUrl: frame.url } : {}),
      ...(ad.elementId ? { elementId: ad.elementId } : {}),
      ...(ad.selector ? { selector: ad.selector } : {}),
      width: ad.width,
      height: ad.height,
    },
    detectedBy: [...ad.detectedBy],
    ...(ad.label ? { label: ad.label } : {}),
    advertiser: why.advertiser,
    paidBy: why.paidBy,
    sellers: why.sellers,
    reasons: why.reasons,
    dsa: why.dsa,
    optOuts: why.optOuts,
    flags: why.flags,
  };
}

/** Adds `retargeting` reasons: the advertiser's site had a retargeting pixel when you visited it, or is in your history. */
function withRetargeting(ad: ReportAd, pageUrl: string, pixels: PixelMemory, visits: HistoryVisits): ReportAd {
  const found = [retargetingReason(ad.advertiser?.domain, pageUrl, pixels), historyReason(ad.advertiser?.domain, pageUrl, visits)].filter((r): r is Reason => r !== null);
  if (!found.length) return ad;
  const reasons = [...ad.reasons.filter((r) => r.kind !== 'unknown'), ...found].sort((a, b) => REASON_ORDER.indexOf(a.kind) - REASON_ORDER.indexOf(b.kind));
  return { ...ad, reasons };
}

/** The cross-site identifiers the page's Prebid held for its bidders, and who carried them. */
function identifiersOf(facts: PageFacts): PageReport['identifiers'] {
  const out: PageReport['identifiers'] = [];
  const via = facts.prebid.globals[0] ? `Prebid.js (${facts.prebid.globals[0].name})` : 'Prebid.js';
  const add = (source: string, atype: number | null): void => {
    if (!out.some((i) => i.source === source)) out.push({ source, ...(atype !== null ? { atype } : {}), via });
  };
  for (const eid of facts.prebid.eids) add(eid.source, eid.atype);
  for (const auction of facts.prebid.auctions) for (const r of auction.requests) for (const eid of r.facts.eids) add(eid.source, eid.atype);
  return out;
}

/** What each bidder was sent in the auctions the probe saw (the network observer adds the rest). */
function dataFlowsOf(facts: PageFacts, site: string): PageReport['dataFlows'] {
  const flows: PageReport['dataFlows'] = [];
  for (const auction of facts.prebid.auctions) {
    for (const r of auction.requests) {
      if (!r.bidder) continue;
      const carries = [
        r.facts.userSegments.length ? 'audience-segments' : null,
        r.facts.eids.length ? 'cross-site-ids' : null,
        r.facts.geo?.hasLatLon ? 'precise-location' : r.facts.geo ? 'location' : null,
        r.facts.contentSegments.length || r.facts.siteCategories.length ? 'page-categories' : null,
      ].filter((c): c is string => !!c);
      const to = companyForBidder(r.bidder)?.name ?? r.bidder;
      if (!flows.some((f) => f.to === to && f.carries.join() === carries.join())) flows.push({ from: site, to, kind: 'bid-request', carries });
    }
  }
  return flows;
}

export interface ReportContext {
  network?: TabNetwork | null;
  /** The sites where retargeting pixels were seen before (core/retargeting.ts). */
  pixels?: PixelMemory;
  /** Visits to advertisers' sites from the browser's history, when the person allowed it. */
  visits?: HistoryVisits;
}

export function buildReport(snapshot: TabSnapshot, observedAt: Date, context: ReportContext = {}): PageReport {
  const { network = null, pixels = {}, visits = {} } = context;
  const frames = Object.values(snapshot.frames).sort((a, b) => a.frameId - b.frameId);
  const creatives = creativeFrames(frames);
  // What each ad's own creative frames showed (links, landing page, DSA parameters, hosts).
  const creativeSources = creativesByAd(frames);
  const facts = pageFacts(frames);
  const ads: ReportAd[] = [];
  for (const frame of frames) {
    if (creatives.has(frame.frameId)) continue;
    for (const ad of frame.ads) {
      const explained = mergeCreative(toReportAd(frame, ad, facts), creativeSources.get(`${frame.frameId}:${ad.key}`) ?? []);
      ads.push(withRetargeting(explained, snapshot.url, pixels, visits));
    }
  }
  let site = '';
  try {
    site = new URL(snapshot.url).hostname;
  } catch {
    // A page without a parsable URL: its flows are said to come from "".
  }
  const report: PageReport = {
    schema: PAGE_REPORT_SCHEMA,
    url: snapshot.url,
    observedAt: observedAt.toISOString(),
    ads,
    consent: { tcf: facts.consent.tcf?.summary ?? null, gpp: facts.consent.gpp?.summary ?? null, usp: facts.consent.usp, gpc: facts.gpc },
    companies: [],
    identifiers: identifiersOf(facts),
    dataFlows: dataFlowsOf(facts, site),
    flags: mergeFlags([...ads.map((a) => a.flags), pageOnlyFlags(facts.consent, facts.gpc)]),
    adTech: { prebid: facts.prebid.globals.map((g) => ({ global: g.name, version: g.version })), gpt: facts.gpt.slots.length > 0 || facts.gpt.version !== null, apstag: facts.gpt.apstag },
  };
  return network ? mergeNetwork(report, network) : report;
}

/** The number on the toolbar badge: ads actually shown, never empty or collapsed slots. */
export function shownCount(report: PageReport): number {
  return report.ads.filter((ad) => ad.status === 'shown').length;
}
