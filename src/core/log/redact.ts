/**
 * URL redaction of a LogRecord (docs/export.md, "Redaction"). The log keeps what a person chose:
 *
 * - `full`: the record as it was.
 * - `origin`: `report.url` becomes the page's origin without a path (`https://news.example`).
 * - `hash`: `report.url` becomes `sha256:` + the hex SHA-256 of `salt + "\n" + url`, so that visits
 *   of one page can still be grouped, while the address cannot be read back without the salt.
 *
 * "Redaction really removes what it says": a page's ad tech copies its address everywhere (ortb2
 * `site.page` and `site.ref`, GPT targeting, frame URLs, click URLs with `adurl=https%3A%2F%2F…`), so
 * under `origin` and `hash` one pass over every string of `report` and `signals` also
 *
 * 1. cuts every http(s) URL inside the string to its origin: plain (`https://a/b`), JSON-escaped
 *    (`https:\/\/a\/b`) and percent-encoded once or more (`https%3A%2F%2Fa%2Fb`, `https%253A%252F…`).
 *    A URL is taken to run up to whitespace, a quote, `<`, `>` or a backtick (an encoded one also
 *    up to `&`), so that a URL nested in another goes with it. Userinfo is dropped.
 * 2. replaces, outside those origins, the pieces of the page's own address that can appear without
 *    a scheme (`news.example/private/x`): the path with and without its query and fragment, the
 *    query with and without "?", each of its `name=value` pairs, the fragment with "#"; raw, decoded,
 *    percent-encoded once to three times and JSON-escaped, case-insensitively, with `[redacted]`.
 *    Only pieces of 4 or more characters that hold "/", "?", "#", "=" or "%" are searched for: a
 *    shorter one (`/en`) is too common to remove without destroying the record, and a bare word
 *    could be one of our own codes ("display").
 *
 * Object keys (page data in signals can use a URL as a key) get step 1 only, so that the keys of our
 * own objects always stay. Left as they are: `report.schema`, the record's own fields (`id`, `site`,
 * `loggedAt`, `crawl`), and a string that is exactly a URL our https allow-list accepts unchanged
 * (core/safe-link.ts) and holds no other URL: our opt-out and "why this ad" links are not browsing
 * data. What a page's scripts derived from the address on their own (a section name, one query
 * value, a keyword) cannot be recognised; a person who wants none of that keeps no signals.
 *
 * It runs on every log write, so it is one recursive pass with precompiled patterns, and strings
 * without "//", "\/" or "%" are not scanned for URLs at all.
 */
import { ALLOWED_LINKS, safeLink } from '../safe-link';
import type { LogRecord, UrlRedaction } from './record';

export const REDACTED = '[redacted]';
/** Pieces of the page's address shorter than this are not searched for. */
const MIN_TOKEN = 4;

// Plain or JSON-escaped ("\/", "\\/"…) http(s) URL: scheme (1), the separator (2, repeated once),
// then the rest (3): anything but whitespace, quotes, <, >, backtick, and backslashes that escape
// a quote or another backslash (the end of a URL inside JSON text in a string).
const PLAIN = String.raw`(https?):(\\*\/)\2((?:[^\s"'<>\x60\\]|\\+(?![\\"'\s]))*)`;
// Percent-encoded once or more: "%" followed by "25" per extra level (5), then the rest (6) up to
// whatever ends an encoded query value.
const ENCODED = String.raw`(https?)(%(?:25)*)3a\5?2f\5?2f([^\s"'<>\x60&\\]*)`;
const URL_IN_TEXT = new RegExp(`${PLAIN}|${ENCODED}`, 'giu');
// The host (a name, or an IPv6 literal) and an optional port at the start of an authority.
const HOST = /^(\[[0-9a-f:.]*\]|[\p{L}\p{N}._~-]*)(:[0-9]*)?/iu;

/** A URL's origin from the text after "scheme://": userinfo dropped, the host lower-cased. */
function plainOrigin(scheme: string, slash: string, rest: string): string {
  let authority = rest;
  const end = authority.search(/[/?#\\]/);
  if (end >= 0) authority = authority.slice(0, end);
  authority = authority.slice(authority.lastIndexOf('@') + 1);
  const host = HOST.exec(authority)?.[0] ?? '';
  return `${scheme.toLowerCase()}:${slash}${slash}${host.toLowerCase()}`;
}

/** The same for a percent-encoded URL: `escape` is "%" or "%25"… (one per encoding level). */
function encodedOrigin(scheme: string, escape: string, rest: string): string {
  const lower = rest.toLowerCase();
  let end = lower.length;
  for (const stop of [`${escape}2f`, `${escape}3f`, `${escape}23`, '/', '?', '#']) {
    const at = lower.indexOf(stop);
    if (at >= 0 && at < end) end = at;
  }
  let authority = rest.slice(0, end);
  const at = authority.toLowerCase().lastIndexOf(`${escape}40`);
  if (at >= 0) authority = authority.slice(at + escape.length + 2);
  const host = /^[\p{L}\p{N}._~-]*/u.exec(authority)?.[0] ?? '';
  const port = new RegExp(`^${escape}3a[0-9]+`, 'i').exec(authority.slice(host.length))?.[0] ?? '';
  return `${scheme.toLowerCase()}${escape}3A${escape}2F${escape}2F${host.toLowerCase()}${port}`;
}

/** Cheap test before any regex: every form URL_IN_TEXT matches contains one of these. */
function mayHoldUrl(text: string): boolean {
  return text.length > 9 && (text.includes('//') || text.includes('\\/') || text.includes('%'));
}

// The allow-list's hosts, to skip safeLink (a full parse) for the many URLs on no listed host.
const ALLOWED_HOSTS = new Set(ALLOWED_LINKS.map((l) => l.host));
const ANY_SUBDOMAIN = ALLOWED_LINKS.some((l) => l.host.startsWith('*.'));

/** Ours, not browsing data: exactly a URL the allow-list accepts as is, with no URL inside it. */
function isOwnLink(text: string): boolean {
  if (!text.startsWith('https://')) return false;
  if (!ANY_SUBDOMAIN && !ALLOWED_HOSTS.has(text.slice(8).split(/[/?#:]/, 1)[0] ?? '')) return false;
  if (safeLink(text) !== text) return false;
  const rest = text.slice(8);
  return !rest.includes('//') && !/%(25)*3a/i.test(rest);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function decoded(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/** Only pieces with one of these can be searched for safely: none of our own codes holds one. */
const ADDRESS_MARK = /[/?#=%]/;

/**
 * The pieces of the page's address that may appear without a scheme, in every spelling we know, as
 * one pattern (longest first, so that "path?query" goes before "path"); null when there are none.
 * Every piece starts with "/", "?" or "#", or holds "=" or "%": so it can never match inside one of
 * our own codes ("display", "profiling"), however the page named its parameters.
 */
export function addressPattern(url: string): RegExp | null {
  const bases: string[] = [];
  let parsed: URL | null = null;
  try {
    parsed = new URL(url);
  } catch {
    bases.push(url); // Not a URL: the whole text is the only piece we know.
  }
  if (parsed) {
    const { pathname, search, hash } = parsed;
    if (pathname !== '/' || search || hash) bases.push(`${pathname}${search}${hash}`, `${pathname}${search}`);
    if (pathname !== '/') bases.push(pathname);
    if (search.length > 1) bases.push(search, search.slice(1), ...search.slice(1).split('&'));
    if (hash.length > 1) bases.push(hash);
    // The raw text too, when the parser changed it (spaces, Unicode): that is how scripts copy it.
    const raw = url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '');
    if (raw && raw !== `${pathname}${search}${hash}` && raw !== '/') bases.push(raw);
  }
  const tokens = new Set<string>();
  for (const base of bases) {
    for (const form of [base, decoded(base)]) {
      let encoded = form;
      for (let level = 0; level < 3; level++) {
        tokens.add(encoded);
        tokens.add(encoded.replace(/\//g, '\\/'));
        encoded = encodeURIComponent(encoded);
      }
      tokens.add(encodeURI(form));
    }
  }
  const kept = [...tokens].filter((t) => t.length >= MIN_TOKEN && ADDRESS_MARK.test(t)).sort((a, b) => b.length - a.length);
  return kept.length ? new RegExp(kept.map(escapeRegExp).join('|'), 'gi') : null;
}

// Every piece holds an ADDRESS_MARK character, so text without one is not searched at all.
const withoutAddress = (text: string, address: RegExp | null): string =>
  address && text.length >= MIN_TOKEN && ADDRESS_MARK.test(text) ? text.replace(address, REDACTED) : text;

/** The last page's pattern: the log writes one visit again and again as its report grows. */
let lastPattern: { url: string; pattern: RegExp | null } | null = null;
function cachedPattern(url: string): RegExp | null {
  if (lastPattern?.url !== url) lastPattern = { url, pattern: addressPattern(url) };
  return lastPattern.pattern;
}

/**
 * URLs cut to their origin, and the address's pieces removed from the text between them (not from
 * the origins: a host may well start like the path, as in https://news.example/news).
 */
function redactText(text: string, address: RegExp | null): string {
  if (!mayHoldUrl(text)) return withoutAddress(text, address);
  if (isOwnLink(text)) return text;
  let out = '';
  let last = 0;
  URL_IN_TEXT.lastIndex = 0;
  for (let m = URL_IN_TEXT.exec(text); m; m = URL_IN_TEXT.exec(text)) {
    const origin = m[1] !== undefined ? plainOrigin(m[1], m[2] ?? '/', m[3] ?? '') : encodedOrigin(m[4] ?? 'https', m[5] ?? '%', m[6] ?? '');
    out += withoutAddress(text.slice(last, m.index), address) + origin;
    last = m.index + m[0].length;
  }
  return out + withoutAddress(text.slice(last), address);
}

/** Depth beyond which nothing is kept (signals are capped far below it; this only stops a loop). */
const MAX_DEPTH = 64;

function redactValue(value: unknown, address: RegExp | null, depth: number): unknown {
  if (typeof value === 'string') return redactText(value, address);
  if (value === null || typeof value !== 'object') return value;
  if (depth > MAX_DEPTH) return null;
  if (Array.isArray(value)) return value.map((v) => redactValue(v, address, depth + 1));
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    // Keys get their URLs cut but no address pieces removed: the keys of our own objects must stay.
    const name = redactText(key, null);
    const v = redactValue((value as Record<string, unknown>)[key], address, depth + 1);
    // defineProperty, so that a "__proto__" key the page's JSON had stays a plain key.
    Object.defineProperty(out, name, { value: v, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

async function sha256Hex(text: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The page's origin without a path; a non-http(s) URL keeps only its scheme (`file:`), text that is no URL becomes ''. */
export function originOf(url: string): string {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : parsed.protocol;
  } catch {
    return '';
  }
}

export async function hashUrl(url: string, salt: string): Promise<string> {
  return `sha256:${await sha256Hex(`${salt}\n${url}`)}`;
}

/**
 * A new record redacted as `mode` says (the input is not changed). A record already redacted
 * cannot get its address back: its url stays, its `redaction` keeps saying what that url is, and
 * only the pass over its strings runs again (which changes nothing the first pass did).
 */
export async function redactRecord(record: LogRecord, mode: UrlRedaction, salt: string): Promise<LogRecord> {
  if (mode === 'full') return { ...record };
  const already = record.redaction !== 'full';
  const address = already ? null : cachedPattern(record.report.url);
  const report = redactValue(record.report, address, 0) as LogRecord['report'];
  const signals = redactValue(record.signals, address, 0) as LogRecord['signals'];
  const url = already ? record.report.url : mode === 'origin' ? originOf(record.report.url) : await hashUrl(record.report.url, salt);
  return { ...record, redaction: already ? record.redaction : mode, report: { ...report, schema: record.report.schema, url }, signals };
}
