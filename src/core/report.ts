/**
 * Turns a tab's snapshot into the PageReport. For now the engine knows how each ad was found and
 * which company served its frame; everything it cannot know yet is left empty or said as
 * `unknown`, never guessed.
 */
import type { FrameAd } from '../shared/frame-ad';
import { PAGE_REPORT_SCHEMA, type PageReport, type ReportAd, type Seller } from '../shared/page-report';
import { findAdHost } from './ad-hosts';
import type { FrameSnapshot, TabSnapshot } from './tab-snapshot';

const UNKNOWN_REASON = { kind: 'unknown', basis: 'observed', evidence: [] } as const;

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

function toReportAd(frame: FrameSnapshot, ad: FrameAd): ReportAd {
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
    advertiser: null,
    paidBy: null,
    sellers: sellersOf(ad),
    reasons: [{ ...UNKNOWN_REASON, evidence: [] }],
    dsa: null,
    optOuts: [],
    flags: [],
  };
}

export function buildReport(snapshot: TabSnapshot, observedAt: Date): PageReport {
  const frames = Object.values(snapshot.frames).sort((a, b) => a.frameId - b.frameId);
  const creatives = creativeFrames(frames);
  const ads: ReportAd[] = [];
  for (const frame of frames) {
    if (creatives.has(frame.frameId)) continue;
    for (const ad of frame.ads) ads.push(toReportAd(frame, ad));
  }
  const top = snapshot.frames['0'];
  return {
    schema: PAGE_REPORT_SCHEMA,
    url: snapshot.url,
    observedAt: observedAt.toISOString(),
    ads,
    consent: { tcf: null, gpp: null, usp: null, gpc: top?.probe?.gpc ?? null },
    companies: [],
    identifiers: [],
    dataFlows: [],
    flags: [],
  };
}

/** The number on the toolbar badge: ads actually shown, never empty or collapsed slots. */
export function shownCount(report: PageReport): number {
  return report.ads.filter((ad) => ad.status === 'shown').length;
}
