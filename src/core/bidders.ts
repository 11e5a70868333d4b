/**
 * Prebid bidder codes → the company that bids. Each code was checked against the adapter source in
 * the installed prebid.js 11.36 (`modules/<file>`: its `code` and `aliases`), named per line.
 *
 * White-label aliases that another company runs on someone else's adapter (appnexus's
 * "beintoo", medianet's "trustedstack", 33across's "33across_mgni"…) are left out on purpose: the
 * bid comes from that other company, which we cannot name from the code alone.
 */
import { companyOf, type Company, type CompanyId } from './companies';

const BIDDERS: Readonly<Record<string, CompanyId>> = {
  appnexus: 'xandr', // appnexusBidAdapter.js
  appnexusast: 'xandr', // appnexusBidAdapter.js alias "appnexusAst"
  msft: 'xandr', // msftBidAdapter.js (same ib.adnxs.com endpoint)
  rubicon: 'magnite', // rubiconBidAdapter.js
  magnite: 'magnite', // magniteBidAdapter.js
  ix: 'indexexchange', // ixBidAdapter.js
  pubmatic: 'pubmatic', // pubmaticBidAdapter.js
  openx: 'openx', // openxBidAdapter.js
  criteo: 'criteo', // criteoBidAdapter.js
  triplelift: 'triplelift', // tripleliftBidAdapter.js
  sovrn: 'sovrn', // sovrnBidAdapter.js
  sharethrough: 'sharethrough', // sharethroughBidAdapter.js
  smartadserver: 'equativ', // smartadserverBidAdapter.js
  smart: 'equativ', // smartadserverBidAdapter.js alias
  equativ: 'equativ', // equativBidAdapter.js
  teads: 'teads', // teadsBidAdapter.js
  improvedigital: 'improvedigital', // improvedigitalBidAdapter.js
  id: 'improvedigital', // improvedigitalBidAdapter.js alias
  yahooads: 'yahoo', // yahooAdsBidAdapter.js "yahooAds"
  yahoossp: 'yahoo', // yahooAdsBidAdapter.js alias
  yahooadvertising: 'yahoo', // yahooAdsBidAdapter.js alias "yahooAdvertising"
  medianet: 'medianet', // medianetBidAdapter.js
  gumgum: 'gumgum', // gumgumBidAdapter.js
  gg: 'gumgum', // gumgumBidAdapter.js alias
  onetag: 'onetag', // onetagBidAdapter.js
  '33across': '33across', // 33acrossBidAdapter.js
  taboola: 'taboola', // taboolaBidAdapter.js
  aps: 'amazon', // apsBidAdapter.js (Amazon Publisher Services)
  // Not a Prebid code: the name our probe gives bids read from Amazon's own apstag (ad-signals §3.5).
  amazon: 'amazon',
  ttd: 'thetradedesk', // ttdBidAdapter.js
  thetradedesk: 'thetradedesk', // ttdBidAdapter.js alias
  adf: 'adform', // adfBidAdapter.ts
  adform: 'adform', // adfBidAdapter.ts alias
  adformopenrtb: 'adform', // adfBidAdapter.ts alias "adformOpenRTB"
  richaudience: 'richaudience', // richaudienceBidAdapter.js
  ra: 'richaudience', // richaudienceBidAdapter.js alias
  seedtag: 'seedtag', // seedtagBidAdapter.js
  st: 'seedtag', // seedtagBidAdapter.js alias
  conversant: 'epsilon', // conversantBidAdapter.ts
  cnvr: 'epsilon', // conversantBidAdapter.ts alias
  epsilon: 'epsilon', // conversantBidAdapter.ts alias
  outbrain: 'outbrain', // outbrainBidAdapter.js
  kargo: 'kargo', // kargoBidAdapter.js
  nativo: 'nativo', // nativoBidAdapter.js
  ntv: 'nativo', // nativoBidAdapter.js alias
  unruly: 'unruly', // unrulyBidAdapter.js
  billow_rtb25: 'billowlink', // billow_rtb25BidAdapter.ts (endpoint adx-sg.billowlink.com)
};

// A Map, not the object, for look-ups: a page-supplied code such as "__proto__" must find nothing.
const BY_CODE = new Map<string, CompanyId>(Object.entries(BIDDERS));

/**
 * Prebid treats codes as case-sensitive, but pages and Prebid Server echo them in other cases
 * ("yahooads"); no two codes here differ only by case, so a case-insensitive look-up is safe.
 */
export function companyForBidder(code: string): Company | null {
  const id = BY_CODE.get(code.trim().toLowerCase());
  return id ? companyOf(id) : null;
}
