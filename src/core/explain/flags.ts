/**
 * What looks wrong about an ad, as flag codes (their sentences live in the UI's messages and the
 * README): profiling the person refused, a vendor without consent, GPC ignored, DSA information
 * missing where the page required it, targeting on a sensitive category (GDPR Art. 9; DSA
 * Art. 26(3) forbids platforms to profile with it).
 */
import type { Flag, Severity } from '../../shared/page-report';
import { getDomain } from 'tldts';
import { companyForBidder } from '../bidders';
import { companyForDomain } from '../company-domains';
import type { ConsentFacts } from '../signals/consent';
import type { OrtbFacts } from '../signals/ortb';
import type { PrebidBid } from '../signals/prebid-bid';
import { lookupCategory } from '../taxonomy';

export const FLAG_SEVERITY = {
  'profiling-without-consent': 'alert',
  'vendor-without-consent': 'warn',
  'gpc-not-honoured': 'warn',
  'dsa-info-missing': 'warn',
  'sensitive-category': 'alert',
} as const satisfies Record<string, Severity>;

export type FlagCode = keyof typeof FLAG_SEVERITY;

export const flag = (code: FlagCode): Flag => ({ code, severity: FLAG_SEVERITY[code] });

/** TCF purposes without which an ad may not be chosen from a profile: 3 create, 4 use (ad-signals.md §4.1). */
const PROFILING_PURPOSES = [3, 4];

export interface FlagInput {
  bid: PrebidBid | null;
  request: OrtbFacts | null;
  consent: ConsentFacts;
  gpc: boolean | null;
  /** The page-wide first-party data, whose `regs` apply when the bidder request is unknown. */
  pageRequest: OrtbFacts | null;
  gvlMapping: Readonly<Record<string, number>>;
}

/** Declared as profiled: DSA parameter 1, or audience segments about the person sent with its bid request. */
export function isProfiled(bid: PrebidBid | null, request: OrtbFacts | null): boolean {
  return !!bid?.dsa?.params.includes(1) || (!!bid && !!request?.userSegments.length);
}

/**
 * The TCF vendor ids of the companies that profiled: the winning bidder, and every company the DSA
 * information names as having applied profiling (parameter 1). Companies whose vendor id we do
 * not know are left out: a wrong id would blame the wrong company.
 */
function profilingVendors(bid: PrebidBid | null, gvlMapping: Readonly<Record<string, number>>): number[] {
  if (!bid) return [];
  // The publisher's own mapping first: it is what its Prebid enforces consent by.
  const mapped = Object.prototype.hasOwnProperty.call(gvlMapping, bid.bidder) ? gvlMapping[bid.bidder] : undefined;
  const ids = [mapped ?? companyForBidder(bid.bidder)?.gvlVendorId];
  for (const t of bid.dsa?.transparency ?? []) {
    if (t.params.includes(1)) ids.push(companyForDomain(getDomain(t.domain) ?? t.domain)?.gvlVendorId);
  }
  return [...new Set(ids.filter((id): id is number => typeof id === 'number'))];
}

export function adFlags({ bid, request, consent, gpc, pageRequest, gvlMapping }: FlagInput): Flag[] {
  const flags: Flag[] = [];
  const profiled = isProfiled(bid, request);
  const tcf = consent.tcf;
  if (profiled && tcf?.decoded && tcf.summary.gdprApplies !== false) {
    const consented = tcf.decoded.purposeConsents;
    if (PROFILING_PURPOSES.some((p) => !consented.includes(p))) flags.push(flag('profiling-without-consent'));
    const decoded = tcf.decoded;
    if (!decoded.truncated && profilingVendors(bid, gvlMapping).some((id) => !decoded.vendorConsents.includes(id))) flags.push(flag('vendor-without-consent'));
  }
  if (profiled && gpc === true) flags.push(flag('gpc-not-honoured'));
  const required = request?.dsaRequired ?? pageRequest?.dsaRequired ?? null;
  if (bid && !bid.dsa && (required === 2 || required === 3)) flags.push(flag('dsa-info-missing'));
  if (bid && request?.userSegments.some((s) => s.tax !== null && lookupCategory(s.tax, s.id)?.sensitive)) flags.push(flag('sensitive-category'));
  return flags;
}

/** Flags about the page as a whole: GPC sent, yet the page's own GPP says targeted advertising was not opted out of. */
export function pageOnlyFlags(consent: ConsentFacts, gpc: boolean | null): Flag[] {
  return gpc === true && consent.gpp?.targetedAdvertising === 'not-opted-out' ? [flag('gpc-not-honoured')] : [];
}

export function mergeFlags(lists: readonly Flag[][]): Flag[] {
  const out: Flag[] = [];
  for (const list of lists) for (const f of list) if (!out.some((o) => o.code === f.code)) out.push(f);
  return out;
}
