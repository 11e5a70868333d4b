/**
 * Where a registrable domain alone does not say what a request does. google.com, doubleclick.net
 * and googlesyndication.com are all Google, but an ad request, a creative, a conversion pixel and a
 * cookie match are different things to a person reading the log; facebook.com is Meta the platform
 * until the path is /tr, which is Meta's pixel. Each rule names its source.
 *
 * A host without a rule takes the role its company is listed with first (`roles[0]`), and a sync
 * path (SYNC_PATH) turns any non-platform company's request into an `identity` one.
 */
import type { CompanyId } from './registry';
import type { Role } from './types';

export interface PathRule {
  /** Matched on whole path segments: "/tr" matches "/tr" and "/tr/x", not "/track". */
  readonly prefix?: string;
  /** A substring the path must contain ("/fbevents.js" comes after a locale segment). */
  readonly includes?: string;
  /** A substring the query must contain, e.g. "id=AW-" for a Google Ads remarketing tag. */
  readonly query?: string;
  readonly role: Role;
  readonly source: string;
}

export interface HostRule {
  /** Lower-case host name. */
  readonly host: string;
  /** Also every subdomain of `host`; an exact host rule wins over a subdomain rule. */
  readonly subdomains?: boolean;
  readonly company: CompanyId;
  /** The role of a request to this host when no path rule matches. */
  readonly role: Role;
  /** Checked in order, first match wins. */
  readonly paths?: readonly PathRule[];
  readonly source: string;
}

const S62 = 'ad-signals.md §6.2';
const PIXELS = 'ad-signals.md §6.2, retargeting / conversion pixels';
const PB = 'prebid.js 11.36';

export const HOST_RULES: readonly HostRule[] = [
  // Google: one company, many jobs.
  { host: 'google.com', subdomains: true, company: 'google', role: 'platform', source: 'ad-signals.md §5.8 (Google Search ads, My Ad Center)' },
  { host: 'securepubads.g.doubleclick.net', company: 'google', role: 'ad-server', source: `${S62}: gpt.js and /gampad/ads, the Google Ad Manager tag and ad request` },
  {
    host: 'googleads.g.doubleclick.net',
    company: 'google',
    role: 'network',
    paths: [{ prefix: '/pagead/viewthroughconversion', role: 'pixel', source: `${S62}: Google remarketing` }],
    source: `${S62}: Google clicks (/aclk, /pagead/interaction)`,
  },
  { host: 'ad.doubleclick.net', company: 'google', role: 'ad-server', source: `${S62}: Campaign Manager 360 serving and clicks` },
  { host: 'cm.g.doubleclick.net', company: 'google', role: 'identity', source: `${S62}: /pixel?google_nid=… cookie matching` },
  { host: '2mdn.net', subdomains: true, company: 'google', role: 'ad-server', source: `${S62}: s0.2mdn.net creative CDN` },
  { host: 'pagead2.googlesyndication.com', company: 'google', role: 'network', source: `${S62}: AdSense/AdX script` },
  { host: 'tpc.googlesyndication.com', company: 'google', role: 'ad-server', source: `${S62}: creatives` },
  { host: 'safeframe.googlesyndication.com', subdomains: true, company: 'google', role: 'ad-server', source: `${S62}: *.safeframe.googlesyndication.com SafeFrame host` },
  {
    host: 'www.googleadservices.com',
    company: 'google',
    role: 'network',
    paths: [{ prefix: '/pagead/conversion', role: 'pixel', source: `${S62}: Google conversion tracking` }],
    source: `${S62}: /pagead/aclk clicks`,
  },
  {
    host: 'googletagmanager.com',
    subdomains: true,
    company: 'google',
    role: 'measurement',
    paths: [{ prefix: '/gtag/js', query: 'id=AW-', role: 'pixel', source: `${PIXELS}: gtag/js?id=AW-… (Google Ads remarketing)` }],
    source: 'Google "Use Tag Manager with a Content Security Policy", Google Analytics 4 section, https://developers.google.com/tag-platform/security/guides/csp',
  },
  { host: 'google-analytics.com', subdomains: true, company: 'google', role: 'measurement', source: 'Google "Use Tag Manager with a Content Security Policy", Google Analytics 4 section, https://developers.google.com/tag-platform/security/guides/csp' },

  // The platforms' pixels.
  { host: 'www.facebook.com', company: 'meta', role: 'platform', paths: [{ prefix: '/tr', role: 'pixel', source: `${PIXELS}: www.facebook.com/tr?id=…&ev=…` }], source: 'ad-signals.md §5.8' },
  { host: 'connect.facebook.net', company: 'meta', role: 'platform', paths: [{ includes: '/fbevents.js', role: 'pixel', source: `${PIXELS}: connect.facebook.net/…/fbevents.js` }], source: 'ad-signals.md §5.8' },
  { host: 'bat.bing.com', company: 'microsoft', role: 'pixel', source: `${PIXELS}: bat.bing.com/bat.js and /action/0?ti=…` },
  { host: 'px.ads.linkedin.com', company: 'linkedin', role: 'pixel', paths: [{ prefix: '/setuid', role: 'identity', source: `${S62}: px.ads.linkedin.com/setuid?partner=appNexus` }], source: `${PIXELS}: px.ads.linkedin.com/collect` },
  { host: 'snap.licdn.com', company: 'linkedin', role: 'pixel', source: `${PIXELS}: snap.licdn.com/li.lms-analytics/insight.min.js` },
  { host: 'ads-twitter.com', subdomains: true, company: 'x', role: 'pixel', source: `${PIXELS}: static.ads-twitter.com/uwt.js` },
  { host: 'analytics.tiktok.com', company: 'tiktok', role: 'pixel', source: `${PIXELS}: analytics.tiktok.com/i18n/pixel/events.js` },
  { host: 'www.redditstatic.com', company: 'reddit', role: 'platform', paths: [{ prefix: '/ads/pixel.js', role: 'pixel', source: `${PIXELS}: www.redditstatic.com/ads/pixel.js` }], source: 'ad-signals.md §5.8' },
  { host: 'ct.pinterest.com', company: 'pinterest', role: 'pixel', source: `${PIXELS}: ct.pinterest.com` },
  { host: 's.pinimg.com', company: 'pinterest', role: 'platform', paths: [{ prefix: '/ct', role: 'pixel', source: `${PIXELS}: s.pinimg.com/ct/core.js` }], source: 'ad-signals.md §5.8' },
  { host: 'amazon.com', subdomains: true, company: 'amazon', role: 'platform', source: 'ad-signals.md §5.6 (sponsored results on amazon.com)' },
  { host: 's.amazon-adsystem.com', company: 'amazon', role: 'pixel', source: `${PIXELS}: s.amazon-adsystem.com (/iu3, /ecm3)` },

  // Retargeting pixels and cookie matching of the ad-tech companies.
  { host: 'dynamic.criteo.com', company: 'criteo', role: 'pixel', source: `${PIXELS}: Criteo OneTag dynamic.criteo.com/js/ld/ld.js` },
  { host: 'gum.criteo.com', company: 'criteo', role: 'identity', source: `${S62}: gum.criteo.com (sync); ${PB} modules/criteoIdSystem.js` },
  { host: 'ssp-sync.criteo.com', company: 'criteo', role: 'identity', source: `${PB} modules/criteoBidAdapter.js: ssp-sync.criteo.com/user-sync/redirect` },
  { host: 'grid-bidder.criteo.com', company: 'criteo', role: 'dsp', source: `${S62}: grid-bidder.criteo.com/openrtb_2_5/pbjs/auction/request` },
  { host: 'js.adsrvr.org', company: 'thetradedesk', role: 'pixel', source: `${PIXELS}: js.adsrvr.org/up_loader.*.js` },
  { host: 'insight.adsrvr.org', company: 'thetradedesk', role: 'pixel', source: `${PIXELS}: insight.adsrvr.org` },
  { host: 'match.adsrvr.org', company: 'thetradedesk', role: 'identity', source: `${S62}: match.adsrvr.org (cookie match)` },
  { host: 'uidapi.com', subdomains: true, company: 'thetradedesk', role: 'identity', source: `${PB} modules/uid2IdSystem.js: prod.uidapi.com (UID2)` },
  { host: 'euid.eu', subdomains: true, company: 'thetradedesk', role: 'identity', source: `${PB} modules/euidIdSystem.js: prod.euid.eu (EUID)` },
  { host: 's.adroll.com', company: 'adroll', role: 'pixel', source: `${PIXELS}: AdRoll s.adroll.com` },
  { host: 'd.adroll.com', company: 'adroll', role: 'pixel', source: `${PIXELS}: AdRoll d.adroll.com` },
  { host: 'demdex.net', subdomains: true, company: 'adobe', role: 'pixel', source: `${PIXELS}: Adobe dpm.demdex.net` },
  { host: 'crwdcntrl.net', subdomains: true, company: 'lotame', role: 'pixel', source: `${PIXELS}: Lotame *.crwdcntrl.net` },
  { host: 'id.crwdcntrl.net', company: 'lotame', role: 'identity', source: `${PB} modules/lotamePanoramaIdSystem.js: id.crwdcntrl.net (Panorama ID)` },
  { host: 'eus.rubiconproject.com', company: 'magnite', role: 'identity', source: `${S62}: eus.rubiconproject.com/usync.html` },
  { host: 'pixel.rubiconproject.com', company: 'magnite', role: 'identity', source: `${S62}: pixel.rubiconproject.com; ${PB} modules/vidoomyBidAdapter.js syncs through it` },
  { host: 'dsum.casalemedia.com', company: 'indexexchange', role: 'identity', source: `${S62}: dsum.casalemedia.com (user match)` },
  { host: 'image6.pubmatic.com', company: 'pubmatic', role: 'identity', source: `${PB} modules/pubmaticIdSystem.js: image6.pubmatic.com/AdServer/UCookieSetPug` },
  { host: 'image8.pubmatic.com', company: 'pubmatic', role: 'identity', source: `${S62}: image8.pubmatic.com (ImgSync)` },
  { host: 't.pubmatic.com', company: 'pubmatic', role: 'measurement', source: `${PB} modules/pubmaticAnalyticsAdapter.js: END_POINT_HOST t.pubmatic.com` },
  { host: 'u.openx.net', company: 'openx', role: 'identity', source: `${S62}: u.openx.net/w/1.0/pd; ${PB} modules/openxBidAdapter.js SYNC_URL` },
  { host: 'eb2.3lift.com', company: 'triplelift', role: 'identity', source: `${S62}: eb2.3lift.com/sync` },
  { host: 'ups.analytics.yahoo.com', company: 'yahoo', role: 'identity', source: `${S62}: ups.analytics.yahoo.com (sync); ${PB} modules/connectIdSystem.js` },

  // A host of a company on a domain that is not its own (the domain itself stays unlisted).
  { host: 'ssp.disqus.com', company: 'zeta', role: 'ssp', source: `${PB} modules/zeta_global_sspBidAdapter.js endpoint ssp.disqus.com` },
];

/**
 * Cookie/ID-sync paths ("/setuid", "/usync.html", "/user_sync.html", "/cm", "/match"…), from the
 * sync pattern hints in ad-signals.md §6.2. Only applied to non-platform companies: "/match" on a
 * platform's own site is a page, not a cookie match.
 */
export const SYNC_PATH = /(?:^|\/)(?:setuid|getuid|usersync|user_sync|user-sync|usync|cookiesync|cookie_sync|sync|cm|match|pbusermatch)(?:[./]|$)/i;
export const SYNC_PATH_SOURCE = 'ad-signals.md §6.2, cookie/ID-sync pattern hints';
