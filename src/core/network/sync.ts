/**
 * Recognises ID and cookie syncs (ad-signals.md §6.2): one company passing its ID for you to
 * another, by a pixel or redirect whose path or query says so.
 */
const SYNC_PATH = /(?:^|\/)(?:setuid|getuid|usersync|user_sync|usync|sync|cm|match|cookiesync|cookie_sync|pixel)(?:[/.?]|$)/i;
const SYNC_QUERY = /(?:^|&)(?:google_nid|uid|user_id|partner_uid|buyeruid|puid)=/i;
const REDIRECT_KEYS = ['redir', 'redirect', 'redirect_url', 'redirectUri', 'r', 'ru', 'url', 'rurl', 'return', 'next'];

export function isSyncUrl(url: URL): boolean {
  return SYNC_PATH.test(url.pathname) || SYNC_QUERY.test(url.search.slice(1));
}

/** The URL a sync hands the ID on to (its redirect parameter), when it is an http(s) URL. */
export function syncTarget(url: URL): URL | null {
  for (const key of REDIRECT_KEYS) {
    const value = url.searchParams.get(key);
    if (!value || value.length > 4_096) continue;
    try {
      const target = new URL(value);
      if (target.protocol === 'https:' || target.protocol === 'http:') return target;
    } catch {
      // Not a URL: an id or a flag.
    }
  }
  return null;
}
