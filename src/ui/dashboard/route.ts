/**
 * What the dashboard shows, kept in the address's hash (`#view=ads&site=example.com&q=shoes`) so
 * that a view can be bookmarked, shared between tabs and gone back to. Pure: parsed and written
 * here, tested in Node. Anything in the hash is the person's (or a link's) input: unknown views
 * fall back to the ads, malformed dates and over-long values are dropped.
 */
import type { LogFilter } from '../../platform/log-db';
import type { ReasonKind } from '../../shared/page-report';

export const VIEWS = ['ads', 'overview', 'you', 'log'] as const;
export type View = (typeof VIEWS)[number];

export const REASON_KINDS: readonly ReasonKind[] = [
  'profiling',
  'audience-segment',
  'demographic',
  'retargeting',
  'cross-site-id',
  'precise-location',
  'location',
  'contextual',
  'direct-deal',
  'auction',
  'unknown',
];

/** `all` lists empty slots too; the default lists what people saw. */
export const STATUS_CHOICES = ['shown', 'unfilled', 'collapsed', 'all'] as const;
export type StatusChoice = (typeof STATUS_CHOICES)[number];

export interface AdFilters {
  site: string;
  advertiser: string;
  company: string;
  reasonKind: string;
  flag: string;
  /** 'YYYY-MM-DD' (UTC, as the log's days are), or '' for open-ended. */
  from: string;
  to: string;
  status: StatusChoice;
  search: string;
}

export interface Route {
  view: View;
  filters: AdFilters;
  /** The AdRow id whose explanation is open, or ''. */
  detail: string;
}

export const EMPTY_FILTERS: AdFilters = { site: '', advertiser: '', company: '', reasonKind: '', flag: '', from: '', to: '', status: 'shown', search: '' };
export const DEFAULT_ROUTE: Route = { view: 'ads', filters: EMPTY_FILTERS, detail: '' };

const MAX_VALUE = 300;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Short names in the hash, so bookmarks stay readable. */
const PARAMS: Record<keyof AdFilters, string> = {
  site: 'site',
  advertiser: 'advertiser',
  company: 'company',
  reasonKind: 'reason',
  flag: 'flag',
  from: 'from',
  to: 'to',
  status: 'status',
  search: 'q',
};

export function isDay(value: string): boolean {
  return DAY.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
}

export function parseRoute(hash: string): Route {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const get = (name: string): string => (params.get(name) ?? '').slice(0, MAX_VALUE);
  const view = (VIEWS as readonly string[]).includes(get('view')) ? (get('view') as View) : 'ads';
  const status = (STATUS_CHOICES as readonly string[]).includes(get(PARAMS.status)) ? (get(PARAMS.status) as StatusChoice) : 'shown';
  const day = (name: string): string => (isDay(get(name)) ? get(name) : '');
  const reasonKind = (REASON_KINDS as readonly string[]).includes(get(PARAMS.reasonKind)) ? get(PARAMS.reasonKind) : '';
  return {
    view,
    detail: get('detail'),
    filters: {
      site: get(PARAMS.site).trim(),
      advertiser: get(PARAMS.advertiser),
      company: get(PARAMS.company),
      reasonKind,
      flag: get(PARAMS.flag),
      from: day(PARAMS.from),
      to: day(PARAMS.to),
      status,
      search: get(PARAMS.search),
    },
  };
}

/** The hash of a route: only what differs from the defaults, in a fixed order. */
export function routeHash(route: Route): string {
  const params = new URLSearchParams();
  if (route.view !== 'ads') params.set('view', route.view);
  for (const key of Object.keys(PARAMS) as (keyof AdFilters)[]) {
    const value = route.filters[key];
    if (value !== EMPTY_FILTERS[key]) params.set(PARAMS[key], value);
  }
  if (route.detail) params.set('detail', route.detail);
  const text = params.toString();
  return text ? `#${text}` : '#';
}

/** Whole UTC days as the log's [from, to] timestamps (both ends included). */
export function dayRange(filters: Pick<AdFilters, 'from' | 'to'>): { from?: number; to?: number } {
  return {
    ...(filters.from ? { from: Date.parse(`${filters.from}T00:00:00.000Z`) } : {}),
    ...(filters.to ? { to: Date.parse(`${filters.to}T23:59:59.999Z`) } : {}),
  };
}

export function activeFilterCount(filters: AdFilters): number {
  return (Object.keys(PARAMS) as (keyof AdFilters)[]).filter((k) => filters[k] !== EMPTY_FILTERS[k]).length;
}

/** The log's filter for what the person chose (the dates as whole UTC days). */
export function logFilter(filters: AdFilters): LogFilter {
  const search = filters.search.trim().toLowerCase();
  return {
    ...(filters.site ? { site: filters.site } : {}),
    ...(filters.advertiser ? { advertiser: filters.advertiser } : {}),
    ...(filters.company ? { company: filters.company } : {}),
    ...(filters.reasonKind ? { reasonKind: filters.reasonKind } : {}),
    ...(filters.flag ? { flag: filters.flag } : {}),
    ...dayRange(filters),
    ...(search ? { search } : {}),
    ...(filters.status !== 'all' ? { status: filters.status } : {}),
  };
}
