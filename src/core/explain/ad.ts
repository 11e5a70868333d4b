/**
 * One ad explained: who is behind it (advertiser, payer, sellers), why it was chosen (reasons
 * with evidence), its DSA information, where to opt out, and what looks wrong. Everything comes
 * from the signals matched to this ad; nothing is filled in from elsewhere.
 */
import type { FrameAd } from '../../shared/frame-ad';
import type { Flag, Reason, ReportAd, Seller } from '../../shared/page-report';
import { companyForBidder } from '../bidders';
import { companyForDomain } from '../company-domains';
import { companyById, type CompanyId } from '../companies';
import { optOutsFor, type OptOutKind } from '../opt-outs';
import { getDomain } from 'tldts';
import { requestFor } from '../signals/prebid';
import { domain } from '../signals/read';
import { adFlags } from './flags';
import { matchAd } from './match';
import type { PageFacts } from './page-facts';
import { reasonsFor } from './reasons';

export interface Explanation {
  advertiser: ReportAd['advertiser'];
  paidBy: string | null;
  sellers: Seller[];
  reasons: Reason[];
  dsa: ReportAd['dsa'];
  optOuts: ReportAd['optOuts'];
  flags: Flag[];
}

/** Companies a detector names by itself: the kind of ad says who served it. */
const DETECTOR_COMPANIES: Partial<Record<string, CompanyId>> = {
  gpt: 'google',
  safeframe: 'google',
  adsense: 'google',
  'google-search': 'google',
  taboola: 'taboola',
  outbrain: 'outbrain',
  criteo: 'criteo',
  amazon: 'amazon',
  xandr: 'xandr',
};

const PROGRAMME_NAMES: Record<string, string> = { edaa: 'Your Online Choices (EDAA)', daa: 'WebChoices (DAA)', nai: 'NAI' };

/** The label kept in the report (exports and the crawl read it); the popup shows its own translation, by id. */
const KIND_WORDS: Record<OptOutKind, string> = {
  'ad-settings': 'ad settings',
  'opt-out': 'opt out',
  'privacy-policy': 'privacy policy',
  'ad-library': 'ad library',
  programme: 'opt-out programme',
};

export function explainAd(ad: FrameAd, facts: PageFacts, baseSellers: Seller[]): Explanation {
  const { slot, bid } = matchAd(ad, facts);
  const request = bid ? requestFor(facts.prebid, bid) : null;
  const pageRequest = facts.prebid.auctions.find((a) => a.auctionId === null)?.requests[0]?.facts ?? null;
  const reasons = reasonsFor({ bid, slot, request, pageEids: bid ? facts.prebid.eids : [] });
  const dsa = bid?.dsa ?? null;

  const sellers: Seller[] = [...baseSellers];
  const companies = new Set<string>();
  for (const d of ad.detectedBy) {
    const id = DETECTOR_COMPANIES[d];
    if (id) companies.add(id);
  }
  const addSeller = (seller: Seller): void => {
    if (!sellers.some((s) => (s.company && s.company === seller.company) || (s.domain && s.domain === seller.domain))) sellers.push(seller);
  };
  if (bid) {
    const company = companyForBidder(bid.bidder);
    if (company) companies.add(company.id);
    addSeller(company ? { company: company.name, domain: company.domain, role: 'ssp' } : { company: bid.bidder, role: 'ssp' });
    if (bid.networkName) addSeller({ company: bid.networkName, role: 'dsp' });
    for (const node of bid.demandChain) addSeller({ domain: node, role: 'network' });
  }
  for (const t of dsa?.transparency ?? []) {
    const company = companyForDomain(getDomain(t.domain) ?? t.domain);
    if (company) companies.add(company.id);
    addSeller(company ? { company: company.name, domain: company.domain } : { domain: t.domain });
  }

  const name = dsa?.behalf ?? bid?.advertiserName ?? bid?.brandName ?? null;
  const advertiserDomain = bid?.advertiserDomains[0] ?? domain(slot?.targeting.hb_adomain?.[0]) ?? null;
  const advertiser = name || advertiserDomain ? { ...(name ? { name } : {}), ...(advertiserDomain ? { domain: advertiserDomain } : {}) } : null;

  const optOuts = optOutsFor({ companies: [...companies], locale: 'en' }).map((o) => ({
    id: o.id,
    label: `${companyById(o.company)?.name ?? PROGRAMME_NAMES[o.company] ?? o.company}: ${KIND_WORDS[o.kind]}`,
    url: o.url,
  }));

  return {
    advertiser,
    paidBy: dsa?.paid ?? null,
    sellers,
    reasons,
    dsa: dsa ? { ...(dsa.behalf ? { behalf: dsa.behalf } : {}), ...(dsa.paid ? { paid: dsa.paid } : {}), params: dsa.params, transparency: dsa.transparency } : null,
    optOuts,
    flags: adFlags({ bid, request, consent: facts.consent, gpc: facts.gpc, pageRequest, gvlMapping: facts.prebid.gvlMapping }),
  };
}
