/** The "site" a person means when they pause the extension: the registrable domain of a page. */
import { getDomain } from 'tldts';

export function siteOf(url: string | null | undefined): string | null {
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  const host = parsed.hostname.toLowerCase();
  // IP addresses and single-label hosts (localhost) have no registrable domain: the host is the site.
  return getDomain(host, { allowPrivateDomains: true }) ?? host;
}

/** Pages an extension may not read at all (browser pages, other extensions' pages, the web store). */
export function isInspectable(url: string | null | undefined): boolean {
  if (!url) return false;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:' && parsed.protocol !== 'file:') return false;
    return parsed.hostname !== 'chromewebstore.google.com' && !(parsed.hostname === 'chrome.google.com' && parsed.pathname.startsWith('/webstore'));
  } catch {
    return false;
  }
}

/** A paused-sites list as stored: lower case, no "www.", no duplicates, sorted, capped. */
export function normaliseSites(sites: readonly string[], max = 5_000): string[] {
  const clean = sites.map((s) => s.trim().toLowerCase().replace(/^www\./, '')).filter((s) => /^[a-z0-9.:[\]-]+$/.test(s));
  return [...new Set(clean)].sort().slice(0, max);
}
