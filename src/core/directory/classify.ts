/**
 * Network observer's classifier: which company a request of the tab went to, and in which role.
 * It runs on every request the background sees (hundreds per page), so it is built for speed: one
 * tldts look-up per new host name, remembered in a small bounded memo, then Map look-ups and a few
 * string comparisons per request. `npm run bench` (scripts/bench-requests.ts) keeps it honest.
 *
 * A request to a host we do not list (the site itself, a CDN, anything unknown) is null: the
 * directory names companies only where a source does, and "unknown" is said as unknown.
 */
import { getDomain } from 'tldts';
import { companyForRegistrableDomain } from './domains';
import { HOST_RULES, SYNC_PATH, type HostRule, type PathRule } from './host-rules';
import { companyOf, type Company } from './registry';
import type { Role } from './types';

export interface HostClassification {
  readonly company: Company;
  /** What requests to this host can be: the host rule's roles, or all of the company's. */
  readonly roles: readonly Role[];
}

export interface RequestClassification {
  readonly company: Company;
  readonly role: Role;
}

interface HostEntry {
  readonly host: HostClassification;
  /** The role of a request when no path rule matches. */
  readonly role: Role;
  readonly paths: readonly PathRule[];
  /** Sync paths mean `identity`, except on a platform's own hosts. */
  readonly sync: boolean;
  /** One shared answer per role: classifyRequest allocates nothing on the hot path. */
  readonly answers: ReadonlyMap<Role, RequestClassification>;
}

const EXACT = new Map<string, HostRule>();
const WITH_SUBDOMAINS = new Map<string, HostRule>();
for (const rule of HOST_RULES) {
  EXACT.set(rule.host, rule);
  if (rule.subdomains) WITH_SUBDOMAINS.set(rule.host, rule);
}

function entry(company: Company, role: Role, roles: readonly Role[], paths: readonly PathRule[]): HostEntry {
  const sync = !company.roles.includes('platform');
  const all = [...new Set<Role>([...roles, ...(sync ? (['identity'] as const) : [])])];
  return {
    host: { company, roles: Object.freeze([...roles]) },
    role,
    paths,
    sync,
    answers: new Map(all.map((r) => [r, Object.freeze({ company, role: r })])),
  };
}

function ruleFor(host: string): HostRule | undefined {
  const exact = EXACT.get(host);
  if (exact) return exact;
  // Walk up the labels: "a.b.safeframe.googlesyndication.com" → "b.safeframe…" → "safeframe…".
  for (let dot = host.indexOf('.'); dot !== -1; dot = host.indexOf('.', dot + 1)) {
    const rule = WITH_SUBDOMAINS.get(host.slice(dot + 1));
    if (rule) return rule;
  }
  return undefined;
}

function build(host: string): HostEntry | null {
  const rule = ruleFor(host);
  if (rule) {
    const paths = rule.paths ?? [];
    const roles = [...new Set<Role>([rule.role, ...paths.map((p) => p.role)])];
    return entry(companyOf(rule.company), rule.role, roles, paths);
  }
  const domain = getDomain(host);
  const company = domain ? companyForRegistrableDomain(domain) : null;
  if (!company) return null;
  return entry(company, company.roles[0], company.roles, []);
}

// Bounded memo: a tab rarely talks to more than a few hundred hosts, and clearing a full memo
// costs one tldts call per host afterwards, far less than an LRU's bookkeeping on every request.
const MEMO_LIMIT = 2_048;
const memo = new Map<string, HostEntry | null>();

// Host names as the browser hands them over: letters, digits, dots, hyphens (and "_", which some
// ad hosts use). Anything else (a space, "@", a Unicode letter) is not a host we list.
const HOST_CHARS = /^[a-z0-9._-]{1,253}$/;

function lookup(hostname: string): HostEntry | null {
  let host = hostname.toLowerCase();
  if (host.endsWith('.')) host = host.slice(0, -1);
  const known = memo.get(host);
  if (known !== undefined) return known;
  const found = HOST_CHARS.test(host) ? build(host) : null;
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(host, found);
  return found;
}

/** The company behind a host name and the roles its requests can have; null for a host we do not list. */
export function classifyHost(hostname: string): HostClassification | null {
  if (typeof hostname !== 'string') return null;
  return lookup(hostname)?.host ?? null;
}

function segmentPrefix(path: string, prefix: string): boolean {
  return path === prefix || (path.startsWith(prefix) && path.charCodeAt(prefix.length) === 47 /* "/" */);
}

function pathMatches(rule: PathRule, path: string, query: string): boolean {
  if (rule.prefix !== undefined && !segmentPrefix(path, rule.prefix)) return false;
  if (rule.includes !== undefined && !path.includes(rule.includes)) return false;
  if (rule.query !== undefined && !query.includes(rule.query)) return false;
  return true;
}

function roleOf(found: HostEntry, path: string, query: string): Role {
  for (const rule of found.paths) if (pathMatches(rule, path, query)) return rule.role;
  if (found.sync && SYNC_PATH.test(path)) return 'identity';
  return found.role;
}

interface UrlParts {
  host: string;
  path: string;
  query: string;
}

const SLASH = 47;
const QUESTION = 63;
const HASH = 35;
const BACKSLASH = 92;

/**
 * Splits an http(s)/ws(s) URL without the URL parser: webRequest hands us normalised URLs, and
 * `new URL` costs several times this. The authority ends where the WHATWG parser ends it for these
 * schemes ("/", "?", "#" or "\"), and userinfo and port are dropped, so
 * "https://evil.example\@www.facebook.com/tr" is evil.example, as the browser reads it, not Meta.
 */
function split(url: string): UrlParts | null {
  const schemeEnd = url.indexOf('://');
  if (schemeEnd < 2 || schemeEnd > 5) return null;
  const scheme = url.slice(0, schemeEnd).toLowerCase();
  if (scheme !== 'https' && scheme !== 'http' && scheme !== 'wss' && scheme !== 'ws') return null;
  const start = schemeEnd + 3;
  let end = url.length;
  for (let i = start; i < url.length; i++) {
    const c = url.charCodeAt(i);
    if (c === SLASH || c === QUESTION || c === HASH || c === BACKSLASH) {
      end = i;
      break;
    }
  }
  let authority = url.slice(start, end);
  const at = authority.lastIndexOf('@');
  if (at !== -1) authority = authority.slice(at + 1);
  if (authority.startsWith('[')) return null; // an IPv6 literal: never a company of ours
  const colon = authority.indexOf(':');
  const host = colon === -1 ? authority : authority.slice(0, colon);
  let rest = url.slice(end);
  const hash = rest.indexOf('#');
  if (hash !== -1) rest = rest.slice(0, hash);
  const q = rest.indexOf('?');
  const path = q === -1 ? rest : rest.slice(0, q);
  return { host, path: path === '' ? '/' : path, query: q === -1 ? '' : rest.slice(q) };
}

/**
 * The company a request went to and what the request does for it: an ad request, a sync, a pixel…
 * Path rules come first ("www.facebook.com/tr" is Meta's pixel, the rest of facebook.com the
 * platform), then the sync paths, then the host's role.
 */
export function classifyRequest(url: URL | string): RequestClassification | null {
  let parts: UrlParts | null;
  if (typeof url === 'string') parts = split(url);
  else if (url instanceof URL) parts = { host: url.hostname, path: url.pathname, query: url.search };
  else return null;
  if (!parts) return null;
  const found = lookup(parts.host);
  if (!found) return null;
  return found.answers.get(roleOf(found, parts.path, parts.query)) ?? null;
}
