/**
 * Retargeting, seen on this device: the sites where we saw a retargeting or conversion pixel, and
 * which companies' (the "shop you visited last week" of ad-signals.md §6.2). When an ad's
 * advertiser is such a site, the ad is likely retargeting. Kept locally and bounded; only the
 * registrable domain, the companies and the dates, never a page's address.
 */
import { getDomain } from 'tldts';
import type { Reason } from '../shared/page-report';

export const MAX_PIXEL_SITES = 2_000;
const MAX_COMPANIES_PER_SITE = 10;

export interface PixelSighting {
  companies: string[];
  firstSeen: number;
  lastSeen: number;
}

/** Registrable domain → what was seen there. */
export type PixelMemory = Record<string, PixelSighting>;

export function siteKey(hostOrDomain: string): string | null {
  const d = getDomain(hostOrDomain.toLowerCase());
  return d && d.length <= 253 ? d : null;
}

/** The registrable site of the page the ad is on; null for a page without a host (any advertiser is elsewhere). */
function pageSite(pageUrl: string): string | null {
  try {
    return siteKey(new URL(pageUrl).hostname);
  } catch {
    return null;
  }
}

/** Remembers a pixel of `company` on `site`; the least recently seen sites go beyond the cap. */
export function rememberPixel(memory: PixelMemory, site: string, company: string, now: number): PixelMemory {
  const key = siteKey(site);
  if (!key) return memory;
  const known = memory[key];
  const companies = known ? (known.companies.includes(company) ? known.companies : [...known.companies, company].slice(-MAX_COMPANIES_PER_SITE)) : [company];
  const next: PixelMemory = { ...memory, [key]: { companies, firstSeen: known?.firstSeen ?? now, lastSeen: now } };
  const keys = Object.keys(next);
  if (keys.length <= MAX_PIXEL_SITES) return next;
  keys.sort((a, b) => (next[b]?.lastSeen ?? 0) - (next[a]?.lastSeen ?? 0));
  return Object.fromEntries(keys.slice(0, MAX_PIXEL_SITES).map((k) => [k, next[k] as PixelSighting]));
}

/**
 * An ad whose advertiser's site had a retargeting pixel when you visited it, shown on another site:
 * likely retargeting. Observed (we saw the pixel), though the ad tech did not say it used it.
 */
export function retargetingReason(advertiserDomain: string | undefined, pageUrl: string, memory: PixelMemory): Reason | null {
  if (!advertiserDomain) return null;
  const key = siteKey(advertiserDomain);
  const here = pageSite(pageUrl);
  const seen = key ? memory[key] : undefined;
  if (!key || !seen || key === here) return null;
  const date = new Date(seen.lastSeen).toISOString().slice(0, 10);
  return {
    kind: 'retargeting',
    basis: 'observed',
    detail: key,
    evidence: seen.companies.map((c) => ({ source: 'network.pixel', value: `${c} pixel on ${key}, last seen ${date}` })),
  };
}

/** Registrable domain → when you last visited it, from the browser's history (only with your permission). */
export type HistoryVisits = Record<string, number>;

/**
 * An ad whose advertiser's site is in your browsing history: perhaps retargeting. Inferred: a visit
 * alone does not prove the ad tech used it, so the date is given as the evidence.
 */
export function historyReason(advertiserDomain: string | undefined, pageUrl: string, visits: HistoryVisits): Reason | null {
  const key = advertiserDomain ? siteKey(advertiserDomain) : null;
  const here = pageSite(pageUrl);
  const last = key ? visits[key] : undefined;
  if (!key || last === undefined || key === here) return null;
  return { kind: 'retargeting', basis: 'inferred', detail: key, evidence: [{ source: 'history', value: `you visited ${key}, last on ${new Date(last).toISOString().slice(0, 10)}` }] };
}
