/**
 * What one link found inside an ad's creative tells (ad-signals.md §1.2 and §5): whether it is the
 * ad tech's "why this ad" panel, an AdChoices notice or another disclosure page, or a click-through
 * that names the advertiser's landing page; which company it belongs to; and the DSA transparency
 * parameters its query carries. Pure, never throws: every href comes from a page and is hostile.
 */
import { getDomain } from 'tldts';
import { findAdHost } from './ad-hosts';
import { companyById, type CompanyId } from './companies';
import { companyForDomain } from './company-domains';
import { OPT_OUTS } from './opt-outs';
import { isAllowed, safeLink, type AllowedLink } from './safe-link';
import { domain as bareDomain, text } from './signals/read';

export type CreativeLinkKind = 'why-this-ad' | 'adchoices' | 'disclosure' | 'click';

/** DSA transparency in the URL form of the IAB Tech Lab extension (ad-signals.md §1.2). */
export interface CreativeDsa {
  behalf?: string;
  paid?: string;
  /** Every parameter code the URL declared (dsaparams and the transparency entries), sorted. */
  params: number[];
  transparency: { domain: string; params: number[] }[];
}

export interface CreativeLinkFacts {
  kind: CreativeLinkKind | null;
  /** The company the link belongs to (a redirector's, a notice page's), when we know it. */
  company: CompanyId | null;
  /** The registrable domain of the advertiser's landing page, for click-throughs. */
  landingDomain: string | null;
  dsa: CreativeDsa | null;
  /** The link as we may show it clickable (our https allow-list), or null: then it is text only. */
  safeUrl: string | null;
}

/** Longer input is refused whole: a cut URL would be a different URL. */
export const MAX_CREATIVE_LINK_LENGTH = 4_096;
/** Nested redirectors followed at most (a Google click through a Campaign Manager tracker is two). */
const MAX_REDIRECT_DEPTH = 3;
const MAX_DSA_ENTRIES = 10;
/** The spec caps behalf and paid at 100 characters. */
const MAX_DSA_NAME = 100;

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSERIALISED = /[\u0000-\u0020\u007f-\u009f]/;

const NOTHING: CreativeLinkFacts = { kind: null, company: null, landingDomain: null, dsa: null, safeUrl: null };

interface Notice extends AllowedLink {
  kind: Exclude<CreativeLinkKind, 'click'>;
  company: CompanyId | null;
}

/**
 * Notice pages by host and path (whole path segments, as in safe-link.ts). Each names its source
 * in ad-signals.md; the opt-out directory (opt-outs.ts) is matched after these.
 */
const NOTICES: readonly Notice[] = [
  { host: 'adssettings.google.com', pathPrefix: '/whythisad', kind: 'why-this-ad', company: 'google' }, // §5.1 [V]
  { host: 'myadcenter.google.com', pathPrefix: '/', kind: 'why-this-ad', company: 'google' }, // §5.1 [P]: where whythisad lands
  { host: 'www.facebook.com', pathPrefix: '/ads/about', kind: 'why-this-ad', company: 'meta' }, // §5.8 [P]
  // §5.2 [P]: the DAA and EDAA programmes behind the AdChoices icon, and Crownpeak/Evidon's notices.
  { host: 'youradchoices.com', pathPrefix: '/', kind: 'adchoices', company: null },
  { host: 'www.youradchoices.com', pathPrefix: '/', kind: 'adchoices', company: null },
  { host: 'optout.aboutads.info', pathPrefix: '/', kind: 'adchoices', company: null },
  { host: 'www.aboutads.info', pathPrefix: '/', kind: 'adchoices', company: null },
  { host: 'www.youronlinechoices.eu', pathPrefix: '/', kind: 'adchoices', company: null },
  { host: 'www.youronlinechoices.com', pathPrefix: '/', kind: 'adchoices', company: null },
  { host: 'info.evidon.com', pathPrefix: '/', kind: 'adchoices', company: null },
  // §5.3 [P]: Criteo's privacy icon, one host per region, /adcenter and older /adchoices paths.
  ...['us', 'eu', 'as'].flatMap((region) =>
    ['/adcenter', '/adchoices'].map((pathPrefix): Notice => ({ host: `privacy.${region}.criteo.com`, pathPrefix, kind: 'adchoices', company: 'criteo' })),
  ),
  { host: 'www.criteo.com', pathPrefix: '/privacy', kind: 'disclosure', company: 'criteo' }, // §5.3 [P]
  { host: 'popup.taboola.com', pathPrefix: '/', kind: 'disclosure', company: 'taboola' }, // §5.4 [P]
  { host: 'www.outbrain.com', pathPrefix: '/what-is', kind: 'disclosure', company: 'outbrain' }, // §5.5 [P]
  { host: 'my.outbrain.com', pathPrefix: '/recommendations-settings', kind: 'disclosure', company: 'outbrain' }, // §5.5 [P]
  { host: 'account.microsoft.com', pathPrefix: '/privacy/ad-settings', kind: 'disclosure', company: 'microsoft' }, // §5.7 [P]
  { host: 'www.xandr.com', pathPrefix: '/privacy', kind: 'disclosure', company: 'xandr' }, // §5.7 [P]
  { host: 'platform.xandr.com', pathPrefix: '/privacy-center', kind: 'disclosure', company: 'xandr' }, // §5.7 [P]
];

/** The opt-out directory's pages: a programme's is an AdChoices page, a company's a disclosure. */
const DIRECTORY: readonly Notice[] = OPT_OUTS.flatMap((o): Notice[] => {
  try {
    const url = new URL(o.url);
    const company = companyById(o.company)?.id ?? null;
    return [{ host: url.hostname, pathPrefix: url.pathname.replace(/(.)\/+$/, '$1'), kind: o.kind === 'programme' ? 'adchoices' : 'disclosure', company }];
  } catch {
    return [];
  }
});

/** Query parameters that carry the landing page in the click URL of a host that serves ads. */
const LANDING_PARAMS = ['adurl', 'clickenc', 'url', 'redir', 'redirect', 'dest', 'destination', 'landing', 'landingurl', 'lp', 'clickurl'];

function parseHttp(input: string): URL | null {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return null;
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
}

function decode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** An embedded URL, written plain or %-encoded (once or twice); only http(s) counts. */
function embeddedUrl(value: string | null | undefined): URL | null {
  if (!value) return null;
  let candidate = value.trim();
  for (let i = 0; i < 2 && /^https?%3a/i.test(candidate); i++) candidate = decode(candidate);
  return /^https?:\/\//i.test(candidate) ? parseHttp(candidate) : null;
}

/**
 * Microsoft Advertising clicks (bing.com/aclk) carry the landing page in `u` as "a1" followed by
 * base64url [M: seen in the wild, not documented]; anything that does not decode to http(s) is ignored.
 */
function bingLanding(value: string | null): URL | null {
  if (!value?.startsWith('a1') || value.length > 3_000) return null;
  try {
    const b64 = value.slice(2).replace(/-/g, '+').replace(/_/g, '/');
    return embeddedUrl(atob(b64.padEnd(Math.ceil(b64.length / 4) * 4, '=')));
  } catch {
    return null;
  }
}

function hostIs(host: string, suffix: string): boolean {
  return host === suffix || host.endsWith(`.${suffix}`);
}

/**
 * The landing page a click URL of a known redirector names: undefined when the host is not one
 * (the link itself is then the landing page), null when it is one but names none.
 */
function redirectTarget(url: URL, raw: string): URL | null | undefined {
  const host = url.hostname;
  const params = url.searchParams;
  // §5.1: Google's clicks carry the advertiser's URL in `adurl`; Campaign Manager's trackers
  // (ad.doubleclick.net/ddm/trackclk|clk/…;…?<landing>) append it after the "?" [M].
  if (hostIs(host, 'doubleclick.net') || hostIs(host, 'googleadservices.com') || hostIs(host, 'googlesyndication.com')) {
    const adurl = embeddedUrl(params.get('adurl'));
    if (adurl) return adurl;
    if (/^\/ddm\/(trackclk|clk)\//.test(url.pathname)) return embeddedUrl(url.search.slice(1));
    return null;
  }
  // §5.7: Xandr clicks keep their state in "/"-separated key=value pieces after the "?"; the
  // landing page is the `clickenc` piece (seen in the AppNexus creatives captured in prebid.js).
  if (hostIs(host, 'adnxs.com') || hostIs(host, 'adnxs-simple.com')) {
    const m = /[/?&]clickenc=([^/&#]+)/.exec(url.search);
    return embeddedUrl(m?.[1] ? decode(m[1]) : params.get('clickenc'));
  }
  // §5.6: Amazon's off-site clicks embed the landing URL in the path: /x/c/<token>/<landing>.
  if (hostIs(host, 'amazon-adsystem.com')) {
    const m = /^https?:\/\/[^/?#]+\/x\/c\/[^/?#]+\/(.+)$/i.exec(raw);
    return m?.[1] ? embeddedUrl(m[1]) : null;
  }
  if (hostIs(host, 'bing.com') && url.pathname === '/aclk') return bingLanding(params.get('u')) ?? embeddedUrl(params.get('u'));
  // Any other host that serves ads and tracks clicks (ad-hosts.ts): a landing parameter, or none.
  if (findAdHost(url.href)) {
    for (const name of LANDING_PARAMS) {
      const found = embeddedUrl(params.get(name));
      if (found) return found;
    }
    return null;
  }
  // Any other host: a Google-style `adurl` still names the landing page; otherwise none.
  return embeddedUrl(params.get('adurl')) ?? undefined;
}

/**
 * The registrable domain of the page a click ends on, following nested redirectors. A host that
 * serves ads is never the advertiser's page (a tracker we cannot read through).
 */
function landingOf(url: URL, raw: string, depth: number): string | null {
  const target = redirectTarget(url, raw);
  if (target === undefined) return findAdHost(url.href) ? null : (getDomain(url.hostname) ?? null);
  if (target === null || depth >= MAX_REDIRECT_DEPTH) return null;
  return landingOf(target, target.href, depth + 1);
}

/** Unreplaced macros (${DSAPARAMS}, %%DSA%%, [DSA]) say nothing. */
function macroFree(value: string | null): string | null {
  const t = text(value, 1_000);
  return t && !/^(\$\{.*\}|%%.*%%|\[.*\])$/.test(t) ? t : null;
}

function dsaCodes(value: string): number[] {
  const codes = value
    .split(/[_,]/)
    .filter((p) => /^\d{1,2}$/.test(p))
    .map(Number);
  return [...new Set(codes)].sort((a, b) => a - b).slice(0, 10);
}

/** dsabehalf, dsapaid, dsaparams (1_2_3) and dsatransparency (domain~p_p~~domain~p), §1.2 [V]. */
export function readDsaParams(params: URLSearchParams): CreativeDsa | null {
  const behalf = macroFree(params.get('dsabehalf'))?.slice(0, MAX_DSA_NAME) ?? null;
  const paid = macroFree(params.get('dsapaid'))?.slice(0, MAX_DSA_NAME) ?? null;
  const declared = dsaCodes(macroFree(params.get('dsaparams')) ?? '');
  const transparency: CreativeDsa['transparency'] = [];
  for (const entry of (macroFree(params.get('dsatransparency')) ?? '').split('~~').slice(0, MAX_DSA_ENTRIES)) {
    const [name, codes] = entry.split('~');
    const d = bareDomain(name);
    if (d) transparency.push({ domain: d, params: dsaCodes(codes ?? '') });
  }
  if (!behalf && !paid && !declared.length && !transparency.length) return null;
  const codes = [...new Set([...declared, ...transparency.flatMap((t) => t.params)])].sort((a, b) => a - b);
  return { ...(behalf ? { behalf } : {}), ...(paid ? { paid } : {}), params: codes, transparency };
}

function noticeFor(url: URL): Notice | null {
  const host = url.hostname;
  const path = url.pathname;
  return NOTICES.find((n) => isAllowed(host, path, [n])) ?? DIRECTORY.find((n) => isAllowed(host, path, [n])) ?? null;
}

function classify(href: string): CreativeLinkFacts {
  const url = parseHttp(href);
  if (!url) return NOTHING;
  const dsa = readDsaParams(url.searchParams);
  const safeUrl = safeLink(href);
  const notice = noticeFor(url);
  if (notice) return { kind: notice.kind, company: notice.company, landingDomain: null, dsa, safeUrl };
  // §5.2: AdChoices pages of any ad tech (or of the advertiser) say so in their host or path.
  if (/adchoices/i.test(url.hostname) || /adchoices/i.test(url.pathname)) {
    return { kind: 'adchoices', company: companyForDomain(url.hostname)?.id ?? null, landingDomain: null, dsa, safeUrl };
  }
  // A click belongs to a company only through a redirector of its own: a plain link is the
  // advertiser's page, even when the advertiser is itself in our company directory.
  const redirector = redirectTarget(url, href) !== undefined || findAdHost(href) !== null;
  // §5.5: Outbrain's paid clicks land with obOrigUrl / OutbrainClickId on the advertiser's URL.
  const outbrain = url.searchParams.has('obOrigUrl') || url.searchParams.has('OutbrainClickId');
  const company = (redirector ? (companyForDomain(url.hostname)?.id ?? null) : null) ?? (outbrain ? 'outbrain' : null);
  return { kind: 'click', company, landingDomain: landingOf(url, href, 0), dsa, safeUrl };
}

/** Reads one link from a creative. Never throws; refuses input longer than MAX_CREATIVE_LINK_LENGTH. */
export function readCreativeLink(href: unknown): CreativeLinkFacts {
  if (typeof href !== 'string' || href.length > MAX_CREATIVE_LINK_LENGTH) return NOTHING;
  // The URL parser would drop controls and whitespace silently; a URL that needs such repair is
  // not one the browser showed (the content script sends serialised hrefs), so it is refused.
  if (UNSERIALISED.test(href)) return NOTHING;
  try {
    return classify(href);
  } catch {
    // Every step above is guarded; this only keeps a parser surprise from reaching the caller.
    return NOTHING;
  }
}
