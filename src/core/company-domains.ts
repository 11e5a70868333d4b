/**
 * Registrable domains seen in ad requests, syncs and pixels → the company behind them.
 * Sources: ad-signals.md §6.2 host dictionary (hosts from Prebid adapter sources) and its list of
 * retargeting pixels; a few endpoints read from adapter files in prebid.js 11.36 (named per line).
 */
import { getDomain } from 'tldts';
import { companyOf, type Company, type CompanyId } from './companies';

const DOMAINS: Readonly<Record<string, CompanyId>> = {
  'doubleclick.net': 'google',
  'googlesyndication.com': 'google',
  'googleadservices.com': 'google',
  '2mdn.net': 'google',
  'googletagmanager.com': 'google', // gtag.js remarketing (AW-…) loader, §6.2 pixels
  'google.com': 'google',
  'facebook.com': 'meta',
  'facebook.net': 'meta', // connect.facebook.net/…/fbevents.js
  'amazon-adsystem.com': 'amazon',
  'bing.com': 'microsoft', // bat.bing.com UET tag
  'adnxs.com': 'xandr',
  'adnxs-simple.com': 'xandr',
  'ads-twitter.com': 'x', // static.ads-twitter.com/uwt.js
  'linkedin.com': 'linkedin', // px.ads.linkedin.com
  'licdn.com': 'linkedin', // snap.licdn.com insight tag
  'tiktok.com': 'tiktok', // analytics.tiktok.com pixel
  'redditstatic.com': 'reddit',
  'pinimg.com': 'pinterest', // s.pinimg.com/ct/core.js
  'pinterest.com': 'pinterest', // ct.pinterest.com
  'criteo.com': 'criteo',
  'criteo.net': 'criteo',
  'taboola.com': 'taboola',
  'outbrain.com': 'outbrain',
  'teads.tv': 'teads',
  'teads.com': 'teads',
  'adsrvr.org': 'thetradedesk',
  'rubiconproject.com': 'magnite',
  'pubmatic.com': 'pubmatic',
  'casalemedia.com': 'indexexchange',
  'indexww.com': 'indexexchange',
  'openx.net': 'openx',
  'yahoo.com': 'yahoo', // c2shb.pubgw.yahoo.com, ups.analytics.yahoo.com
  '3lift.com': 'triplelift',
  'lijit.com': 'sovrn',
  'sharethrough.com': 'sharethrough',
  'smartadserver.com': 'equativ',
  'sascdn.com': 'equativ', // equativBidAdapter.js outstream renderer
  '360yield.com': 'improvedigital',
  '360yield-basic.com': 'improvedigital', // improvedigitalBidAdapter.js
  'media.net': 'medianet',
  'gumgum.com': 'gumgum',
  'onetag-sys.com': 'onetag',
  '33across.com': '33across',
  'adform.net': 'adform',
  'richaudience.com': 'richaudience', // richaudienceBidAdapter.js
  'seedtag.com': 'seedtag', // seedtagBidAdapter.js
  'dotomi.com': 'epsilon', // conversantBidAdapter.ts endpoint web.hb.ad.cpe.dotomi.com
  'kargo.com': 'kargo', // kargoBidAdapter.js
  'postrelease.com': 'nativo', // nativoBidAdapter.js endpoint exchange.postrelease.com
  'unrulymedia.com': 'unruly', // unrulyBidAdapter.js
  'billowlink.com': 'billowlink', // billow_rtb25BidAdapter.ts
  'bidswitch.net': 'bidswitch',
  'rlcdn.com': 'liveramp',
  'liadm.com': 'liveintent',
  'crwdcntrl.net': 'lotame',
  'adroll.com': 'adroll',
  'id5-sync.com': 'id5',
  'uidapi.com': 'thetradedesk',
};

const BY_DOMAIN = new Map<string, CompanyId>(Object.entries(DOMAINS));

/**
 * Accepts a registrable domain or any host under it ("ib.adnxs.com"): tldts reduces it with the
 * public-suffix list, so "adnxs.com" and "acdn.adnxs.com" give the same answer and
 * "adnxs.com.evil.example" does not.
 */
export function companyForDomain(registrableDomain: string): Company | null {
  const host = registrableDomain.trim().toLowerCase().replace(/\.$/, '');
  const domain = getDomain(host) ?? host;
  const id = BY_DOMAIN.get(domain);
  return id ? companyOf(id) : null;
}
