/**
 * With the optional `history` permission (asked for from the popup, never at install), looks up
 * whether you visited the advertisers of the ads on a page in the last 90 days. Computed on this
 * device from the browser's own history; kept only in memory, for the worker's life.
 */
import browser from 'webextension-polyfill';
import type { HistoryVisits } from '../core/retargeting';
import { siteKey } from '../core/retargeting';

const WINDOW_MS = 90 * 86_400_000;
const MAX_DOMAINS = 30;
const cache = new Map<string, number | null>();

export async function historyAllowed(): Promise<boolean> {
  try {
    return await browser.permissions.contains({ permissions: ['history'] });
  } catch {
    return false;
  }
}

/** The last visit to each of these registrable domains (any page of the site), where there was one. */
export async function lastVisits(domains: readonly string[], now = Date.now()): Promise<HistoryVisits> {
  const visits: HistoryVisits = {};
  for (const domain of [...new Set(domains.map(siteKey).filter((d): d is string => !!d))].slice(0, MAX_DOMAINS)) {
    let last = cache.get(domain);
    if (last === undefined) {
      const items = await browser.history.search({ text: domain, startTime: now - WINDOW_MS, maxResults: 100 });
      // The search matches text anywhere in a URL or title: keep only pages of the site itself.
      const times = items.filter((i) => i.url && siteKey(new URL(i.url).hostname) === domain).map((i) => i.lastVisitTime ?? 0);
      last = times.length ? Math.max(...times) : null;
      cache.set(domain, last);
    }
    if (last) visits[domain] = last;
  }
  return visits;
}

/** A page visited since: forget what we looked up, so a new visit is seen. */
export function forgetVisits(): void {
  cache.clear();
}
