/**
 * The https allow-list: the only way a URL becomes a link in our UI (architecture.md, "Page data is
 * hostile"). A page, an ad frame or a bid can hand us any string; `safeLink` answers with a URL we
 * rebuilt ourselves from the parsed parts, and only for a host and path we chose.
 *
 * Strictness over cleverness: the WHATWG URL parser silently repairs a lot (it drops tabs and
 * newlines, turns "\" into "/", maps full-width letters and %-escapes in hosts to ASCII, resolves
 * "..", including "%2e%2e"), so an input that needs any repair is refused before parsing rather than
 * accepted after it. Refusing a strange-looking link costs a person a click; accepting one could
 * send them somewhere we never vetted.
 */
import { COMPANIES } from './companies';
import { OPT_OUTS } from './opt-outs';

export interface AllowedLink {
  /**
   * Exact host, lower case. A leading "*." matches any subdomain (not the host itself); no entry in
   * ALLOWED_LINKS uses one today, and one may only be added with a comment saying why.
   */
  host: string;
  /** Matched on whole path segments: "/ad_preferences" allows "/ad_preferences/x", not "/ad_preferences-x". */
  pathPrefix: string;
}

export const MAX_LINK_LENGTH = 2_048;

/**
 * "Why this ad" entry points that ad creatives and widgets link to and that we pass on, beyond the
 * directory itself.
 */
const ENTRY_POINTS: readonly AllowedLink[] = [
  { host: 'adssettings.google.com', pathPrefix: '/whythisad' }, // ad-signals §5.1 [V]: Google's per-ad panel
  // ad-signals §5.3 [P]: Criteo's privacy icon, one host per region.
  { host: 'privacy.us.criteo.com', pathPrefix: '/adcenter' },
  { host: 'privacy.eu.criteo.com', pathPrefix: '/adcenter' },
  { host: 'privacy.as.criteo.com', pathPrefix: '/adcenter' },
  { host: 'popup.taboola.com', pathPrefix: '/' }, // ad-signals §5.4 [P]: "Sponsored links by Taboola", /<lang>/
  { host: 'www.outbrain.com', pathPrefix: '/what-is' }, // ad-signals §5.5 [P]: "What is" link in widgets
  { host: 'www.facebook.com', pathPrefix: '/ads/about' }, // ad-signals §5.8 [P]: "Why am I seeing this ad?"
];

function linkOf(url: string): AllowedLink {
  const parsed = new URL(url);
  return { host: parsed.hostname, pathPrefix: parsed.pathname.replace(/(.)\/+$/, '$1') };
}

/** Privacy and opt-out pages of the company directory (each sourced there). */
const COMPANY_LINKS: readonly string[] = COMPANIES.flatMap((c) => [c.privacyUrl, c.optOutUrl]).filter((u): u is string => u !== null);

/** The opt-out directory's URLs, the company directory's and the entry points, without duplicates. */
export const ALLOWED_LINKS: readonly AllowedLink[] = [
  ...new Map([...OPT_OUTS.map((o) => linkOf(o.url)), ...COMPANY_LINKS.map(linkOf), ...ENTRY_POINTS].map((l) => [`${l.host}${l.pathPrefix}`, l])).values(),
];

// Refused in the path: encoded dots, slashes, backslashes, NUL and "%" itself (double encoding): a
// server that decodes them could walk out of the allowed prefix after we matched it.
const ENCODED_PATH_TRICK = /%(2e|2f|5c|00|25)/i;
const DOT_SEGMENT = /(^|\/)\.{1,2}(\/|$)/;
// The raw authority may only be a plain ASCII host name, optionally with a port: no userinfo, no
// %-escapes, no Unicode (an IDN homograph, or full-width letters the parser would fold to ASCII).
const PLAIN_AUTHORITY = /^[a-z0-9.-]+(:[0-9]+)?$/i;
const IPV4 = /^[0-9]+(\.[0-9]+){3}$/;

/**
 * Controls, whitespace (the parser would drop or keep them silently) and backslashes (read as "/"
 * in https URLs) are refused anywhere in the input.
 */
function hasForbiddenCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code <= 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x5c) return true;
  }
  return /\s/.test(text);
}

function hostMatches(pattern: string, host: string): boolean {
  return pattern.startsWith('*.') ? host.endsWith(pattern.slice(1)) : host === pattern;
}

function pathMatches(prefix: string, path: string): boolean {
  return prefix === '/' || path === prefix || path.startsWith(`${prefix}/`);
}

/** True when this host and path are allowed by the list. */
export function isAllowed(host: string, path: string, allowList: readonly AllowedLink[] = ALLOWED_LINKS): boolean {
  return allowList.some((l) => hostMatches(l.host, host) && pathMatches(l.pathPrefix, path));
}

/**
 * `input` as a link we may show, or null. The answer is rebuilt as https://host/path?query: the
 * fragment is dropped (it never reaches the server, but it can steer scripts on the target page,
 * and none of our destinations needs one), and so are userinfo and an explicit default port.
 */
export function safeLink(input: unknown, allowList: readonly AllowedLink[] = ALLOWED_LINKS): string | null {
  if (typeof input !== 'string' || input.length > MAX_LINK_LENGTH) return null;
  if (hasForbiddenCharacter(input)) return null;
  // Only the literal "https://" form: refuses http:, javascript:, data:, protocol-relative "//host"
  // and "https:host", which the parser would otherwise complete.
  if (input.slice(0, 8).toLowerCase() !== 'https://') return null;
  const rest = input.slice(8);
  const authority = rest.split(/[/?#]/, 1)[0] ?? '';
  if (!PLAIN_AUTHORITY.test(authority)) return null;
  const rawPath = rest.slice(authority.length).split(/[?#]/, 1)[0] ?? '';
  if (ENCODED_PATH_TRICK.test(rawPath) || DOT_SEGMENT.test(rawPath)) return null;

  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return null;
  }
  const host = url.hostname;
  if (url.protocol !== 'https:' || url.username !== '' || url.password !== '' || url.port !== '') return null;
  // Trailing-dot hosts are another spelling of the same host; IPs (also "2130706433", which the
  // parser turns into 127.0.0.1) are never on the list.
  if (host.endsWith('.') || IPV4.test(host)) return null;
  if (!isAllowed(host, url.pathname, allowList)) return null;

  const rebuilt = `https://${host}${url.pathname}${url.search}`;
  return rebuilt.length > MAX_LINK_LENGTH ? null : rebuilt;
}
