/**
 * A deterministic stream of request URLs shaped like what a news page's tab sends, for the network
 * classifier's benchmark (scripts/bench-requests.ts): the site's own assets and API calls, CDNs,
 * header-bidding requests, cookie syncs with nested redirect parameters, conversion pixels with
 * query strings, and a few very long ad-server URLs. Hosts come from the company directory and
 * its host rules, so the ad-tech share exercises every look-up path (exact host rule, subdomain
 * rule, registrable domain, path rule, sync path) as well as the misses.
 *
 * Same count and seed, same list: numbers from one run can be compared with the next.
 */
import { COMPANIES } from '../../src/core/companies';
import { HOST_RULES } from '../../src/core/directory/host-rules';

/** mulberry32: small, fast, good enough to spread choices; not for anything secret. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

// Publisher sites (made-up names on real suffixes, so tldts does real work on them).
const SITES = [
  'dailynews.example', 'www.het-nieuws.nl', 'www.zeitung-beispiel.de', 'www.lejournal-exemple.fr', 'news.example.co.uk', 'www.sportsdaily.example.com',
  'www.recipes-example.com', 'blog.techreview.example.org', 'www.weather-example.com.au', 'm.citypaper.example.net', 'www.elperiodico-ejemplo.es', 'www.gazzetta-esempio.it',
];
const SITE_SUBDOMAINS = ['static', 'img', 'cdn', 'api', 'assets', 'media'];
const CDNS = [
  'cdn.jsdelivr.net', 'cdnjs.cloudflare.com', 'fonts.gstatic.com', 'fonts.googleapis.com', 'ajax.googleapis.com', 'unpkg.com', 'i.ytimg.com',
  'static.cloudflareinsights.com', 'use.typekit.net', 'cdn.cookielaw.org', 'code.jquery.com', 'maxcdn.bootstrapcdn.com',
];
const ASSET_TYPES = ['js', 'css', 'woff2', 'jpg', 'webp', 'png', 'svg', 'json', 'mp4'];
const SECTIONS = ['world', 'politics', 'sport', 'business', 'culture', 'tech', 'opinion', 'travel'];
const SIZES = ['300x250', '728x90', '970x250', '320x50', '160x600', '300x600'];
const BIDDER_PATHS = ['/openrtb2/auction', '/prebid', '/hb', '/bid', '/rtb/bid', '/openrtb/pbjs', '/translator', '/api/v1/hb', '/bidder/prebid', '/pbjs'];
const SYNC_PATHS = ['/usersync', '/sync', '/setuid', '/cm', '/match', '/usync.html', '/getuid', '/pixel', '/user-sync/redirect'];
const PIXEL_URLS = [
  'https://www.facebook.com/tr?id={n}&ev=PageView&dl={page}&rl=&if=false&ts={t}&sw=1920&sh=1080&v=2.9.150',
  'https://www.facebook.com/tr/?id={n}&ev=AddToCart&cd[content_ids]=[%22{n}%22]&cd[value]=19.99&cd[currency]=EUR',
  'https://connect.facebook.net/en_US/fbevents.js',
  'https://connect.facebook.net/signals/config/{n}?v=2.9.150&r=stable',
  'https://bat.bing.com/action/0?ti={n}&Ver=2&mid={h}&evt=pageLoad&p={page}',
  'https://px.ads.linkedin.com/collect?v=2&fmt=js&pid={n}&time={t}&url={page}',
  'https://snap.licdn.com/li.lms-analytics/insight.min.js',
  'https://analytics.tiktok.com/api/v2/pixel?sdkid={h}&event=ViewContent',
  'https://analytics.tiktok.com/i18n/pixel/events.js?sdkid={h}&lib=ttq',
  'https://ct.pinterest.com/v3/?event=pagevisit&tid={n}&cb={t}',
  'https://static.ads-twitter.com/uwt.js',
  'https://www.redditstatic.com/ads/pixel.js',
  'https://www.googletagmanager.com/gtag/js?id=AW-{n}',
  'https://www.googletagmanager.com/gtag/js?id=G-{h}',
  'https://region1.google-analytics.com/g/collect?v=2&tid=G-{h}&gtm=45je&_p={t}&cid={n}.{t}&dl={page}&en=page_view',
  'https://googleads.g.doubleclick.net/pagead/viewthroughconversion/{n}/?random={t}&cv=11&fst={t}&fmt=3&url={page}',
  'https://www.googleadservices.com/pagead/conversion/{n}/?label={h}&guid=ON&script=0',
  'https://insight.adsrvr.org/track/up?adv={h}&ref={page}&upid={h}&upv=1.1.0',
  'https://dynamic.criteo.com/js/ld/ld.js?a={n}',
  'https://s.amazon-adsystem.com/iu3?cm3ppd=1&d=dtb-pub&csif=t&dl=n-index_pm-db5',
  'https://dpm.demdex.net/id?d_visid_ver=5.4.0&d_fieldgroup=MC&d_rtbd=json&d_ver=2&d_orgid={h}%40AdobeOrg',
  'https://bcp.crwdcntrl.net/5/c={n}/pe=y/callback=jsonp_{t}',
  'https://sb.scorecardresearch.com/b?c1=2&c2={n}&ns__t={t}&ns_c=UTF-8&c8={page}',
  'https://s.adroll.com/j/{h}/roundtrip.js',
];

export function replayUrls(count: number, seed = 20_260_501): string[] {
  const rand = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;
  const hex = (n: number): string => Array.from({ length: n }, () => Math.floor(rand() * 16).toString(16)).join('');
  const digits = (n: number): string => Array.from({ length: n }, () => Math.floor(rand() * 10)).join('');

  const adDomains = COMPANIES.flatMap((c) => c.domains);
  const ruleHosts = HOST_RULES.map((r) => r.host);
  const labels = ['ads', 'ib', 'rtb', 'prebid', 'hb', 'bid', 'sync', 'eu', 'us-east', 'cdn', 'static', 'pixel', 'match', 'ssp'];
  const adHost = (): string => (rand() < 0.35 ? pick(ruleHosts) : `${pick(labels)}.${pick(adDomains)}`);
  const tcString = (): string => `CQ${hex(40)}.${hex(120)}`.replace(/[0-9]/g, (d) => 'ABCDEFGHIJ'[Number(d)] ?? d);

  // One "page" per few hundred requests, as a tab moves from article to article.
  let site = pick(SITES);
  let page = `https://${site}/${pick(SECTIONS)}/2026/05/${digits(2)}/story-${hex(8)}.html`;
  const fill = (template: string): string =>
    template.replace(/\{n\}/g, () => digits(10)).replace(/\{h\}/g, () => hex(12)).replace(/\{t\}/g, () => digits(13)).replace(/\{page\}/g, () => encodeURIComponent(page));

  const syncUrl = (depth: number): string => {
    const params = `gdpr=1&gdpr_consent=${tcString()}&us_privacy=1---&gpp_sid=2&uid=${hex(16)}`;
    const next = depth > 0 ? `&redir=${encodeURIComponent(syncUrl(depth - 1))}` : '';
    return `https://${adHost()}${pick(SYNC_PATHS)}?${params}${next}`;
  };

  const urls: string[] = [];
  for (let i = 0; i < count; i++) {
    if (i % 300 === 0) {
      site = pick(SITES);
      page = `https://${site}/${pick(SECTIONS)}/2026/05/${digits(2)}/story-${hex(8)}.html`;
    }
    const r = rand();
    if (r < 0.33) {
      // The site's own requests: a subdomain of the site or the site itself.
      const host = rand() < 0.5 ? site : `${pick(SITE_SUBDOMAINS)}.${site.replace(/^(www|m|news|blog)\./, '')}`;
      const kind = pick(ASSET_TYPES);
      urls.push(rand() < 0.2 ? `https://${host}/api/v2/articles/${hex(8)}?fields=body,related&page=${digits(1)}` : `https://${host}/${pick(['assets', 'static', 'img', 'build'])}/${hex(10)}.${kind}${rand() < 0.3 ? `?v=${hex(6)}` : ''}`);
    } else if (r < 0.47) {
      // CDNs, including ad-free Google and Amazon infrastructure that must stay unattributed.
      const host = rand() < 0.25 ? `d${hex(12)}.cloudfront.net` : rand() < 0.2 ? `${hex(8)}.akamaized.net` : pick(CDNS);
      urls.push(`https://${host}/${pick(['npm', 'ajax/libs', 's', 'vi', 'css2', 'js'])}/${hex(6)}/${hex(10)}.${pick(ASSET_TYPES)}`);
    } else if (r < 0.7) {
      // Header bidding and ad-server calls.
      if (rand() < 0.3) {
        const custom = encodeURIComponent(`section=${pick(SECTIONS)}&hb_bidder=appnexus&hb_pb=1.20&hb_size=${pick(SIZES)}&kw=${hex(20)}`);
        urls.push(`https://securepubads.g.doubleclick.net/gampad/ads?pvsid=${digits(16)}&correlator=${digits(16)}&eid=${digits(9)}&output=ldjh&gdfp_req=1&vrg=${digits(9)}&iu_parts=${digits(11)},${pick(SECTIONS)},article&prev_iu_szs=${pick(SIZES)}|${pick(SIZES)}&cust_params=${custom}&url=${encodeURIComponent(page)}&gdpr=1&gdpr_consent=${tcString()}`);
      } else {
        urls.push(`https://${adHost()}${pick(BIDDER_PATHS)}${rand() < 0.5 ? `?src=prebid&v=11.36.0&s=${digits(6)}&gdpr=1&gdpr_consent=${tcString()}` : ''}`);
      }
    } else if (r < 0.85) {
      // Cookie syncs, often chained through redirect parameters.
      urls.push(syncUrl(Math.floor(rand() * 3)));
    } else if (r < 0.98) {
      urls.push(fill(pick(PIXEL_URLS)));
    } else {
      // Very long URLs: a creative request carrying a whole bid response in its query.
      urls.push(`https://${adHost()}/render?adm=${encodeURIComponent(`<div>${hex(3_000)}</div>`)}&burl=${encodeURIComponent(syncUrl(1))}`);
    }
  }
  return urls;
}
