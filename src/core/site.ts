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
