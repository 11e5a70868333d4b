/**
 * What the research log derives from a record: its ads as rows (what the dashboard's table lists
 * and filters; stored compactly as one AdGroup per record) and the record's contribution to the
 * per-day aggregates (the charts and "what they seem to think of you"). Pure, so the same code
 * fills the database, its migrations and the tests that check the aggregates against the records.
 *
 * The aggregates are kept by adding each record's contribution and subtracting it again when the
 * record is replaced or deleted, so they stay exact only while contribution() gives the same answer
 * for the same record: a change to what it counts needs a new database version whose migration
 * rebuilds the aggregates from the records (platform/log-db.ts does it for version 2).
 */
import type { PageReport, ReasonKind, ReportAd } from '../../shared/page-report';
import type { LogRecord } from './record';

/** One row per ad of a record (all statuses; `status` kept), what the dashboard's table lists and filters. */
export interface AdRow {
  /** `${recordId}#${adId}`; a repeated ad id within one report gets `#2`, `#3`… after it. */
  id: string;
  recordId: string;
  /** Date.parse(record.report.observedAt) (ms); falls back to loggedAt, then 0. */
  at: number;
  /** 'YYYY-MM-DD' in UTC of `at`. */
  day: string;
  site: string;
  /** record.report.url (already redacted). */
  url: string;
  status: string;
  format: string;
  /** advertiser.name ?? advertiser.domain ?? '' (unknown). */
  advertiser: string;
  advertiserDomain: string;
  paidBy: string;
  /** Sellers' company (or domain) names + paidBy, de-duplicated. */
  companies: string[];
  /** Distinct reason kinds. */
  reasonKinds: string[];
  /** Distinct flag codes of the ad. */
  flags: string[];
  /** Lower-cased search text: site, url, advertiser, domain, paidBy, companies, reason details. */
  text: string;
}

/** A page's contribution to the per-day aggregates (charts, "what they seem to think of you"). */
export interface DayCounts {
  day: string;
  /** Pages logged that day. */
  pages: number;
  /** Shown ads only. */
  ads: number;
  /** Advertiser -> shown ads (ads of unknown advertisers are not counted here). */
  advertisers: Record<string, number>;
  /** Company -> pages on which it was seen: as seller or payer of a shown ad, or in the page's requests. */
  companies: Record<string, number>;
  /** Site -> pages (pages without a registrable domain are not counted here). */
  sites: Record<string, number>;
  /** Reason kind -> number of shown ads with it. */
  reasons: Record<string, number>;
  /** Flag code -> shown ads carrying it, plus one per page for a page-level flag. */
  flags: Record<string, number>;
  /** One outcome per page, see consentOutcome(). */
  consent: Record<string, number>;
  /** Segments, interests and demographics seen in bid data: key `${kind}\t${detail}`. */
  segments: Record<string, Segment>;
}

/** One segment seen in shown ads' reasons: `n` ads had it; `from` counts the evidence sources and providers behind it. */
export interface Segment {
  kind: string;
  label: string;
  n: number;
  from: Record<string, number>;
}

export type ConsentOutcome = 'accepted' | 'partly-refused' | 'refused' | 'no-answer' | 'gpp' | 'us-privacy' | 'none';

/**
 * A day's maps keep at most this many keys each (and a segment's `from` at most MAX_FROM_KEYS):
 * counts for keys beyond it go to OTHER_KEY. Every put reads and writes the whole day, so a page
 * (or a crawl of a hostile site) inventing thousands of segment ids must not make a day huge.
 * Totals stay exact; only which key an overflowing count sits under is approximate.
 */
export const MAX_KEYS_PER_MAP = 500;
export const MAX_FROM_KEYS = 20;
/** The key that collects counts beyond the caps. Not a name a page can write (it starts with NUL). */
export const OTHER_KEY = '\u0000other';

/** Caps on the strings of an ad row: rows are read by the thousand when the dashboard filters. */
const NAME_CHARS = 200;
/** A registrable domain has at most 253 characters. */
const SITE_CHARS = 255;
const URL_CHARS = 2048;
const TEXT_CHARS = 4096;
const LIST_ITEMS = 50;

/** Reason kinds that say what the ad tech thinks of the person (or of the page they read). */
const SEGMENT_KINDS: ReadonlySet<ReasonKind> = new Set(['audience-segment', 'demographic', 'profiling', 'contextual', 'location', 'precise-location']);

function cap(s: string | null | undefined, n = NAME_CHARS): string {
  return typeof s === 'string' ? (s.length > n ? s.slice(0, n) : s) : '';
}

function distinct(values: Iterable<string>, max = LIST_ITEMS): string[] {
  const out = new Set<string>();
  for (const v of values) {
    if (out.size >= max) break;
    if (v) out.add(v);
  }
  return [...out];
}

/** When the page was seen (ms): the report's time, else when it was logged, else 0 (a damaged record still gets a day). */
export function recordAt(record: LogRecord): number {
  const observed = Date.parse(record.report.observedAt);
  if (Number.isFinite(observed)) return observed;
  const logged = Date.parse(record.loggedAt);
  return Number.isFinite(logged) ? logged : 0;
}

/** 'YYYY-MM-DD' in UTC. */
export function dayOf(at: number): string {
  const d = new Date(Number.isFinite(at) ? at : 0);
  return Number.isNaN(d.getTime()) ? '1970-01-01' : d.toISOString().slice(0, 10);
}

function advertiserOf(ad: ReportAd): string {
  return cap(ad.advertiser?.name || ad.advertiser?.domain || '');
}

function adCompanies(ad: ReportAd): string[] {
  return distinct([...ad.sellers.map((s) => cap(s.company || s.domain || '')), cap(ad.paidBy)]);
}

/**
 * A record's ads as the database keeps them: one row per page rather than per ad (a quarter of
 * the writes and index entries for a page with four ads), the fields all its ads share written
 * once. The multiEntry lists index the page by what any of its ads has; groupRows() gives the
 * AdRows back, exactly as adRows() does.
 */
export interface AdGroup {
  /** The record's id. */
  id: string;
  at: number;
  site: string;
  url: string;
  /** Distinct over the page's ads (all statuses; unknown advertisers left out): what the indexes find the page by. */
  advertisers: string[];
  companies: string[];
  reasonKinds: string[];
  flags: string[];
  ads: GroupAd[];
}

/** An AdRow without what its page's AdGroup holds; `text` is the part after the site and address. */
export type GroupAd = Omit<AdRow, 'recordId' | 'at' | 'day' | 'site' | 'url'>;

function union(lists: string[][]): string[] {
  const out = new Set<string>();
  for (const list of lists) for (const v of list) if (v) out.add(v);
  return [...out];
}

export function adGroup(record: LogRecord): AdGroup {
  const used = new Set<string>();
  const ads = record.report.ads.map((ad): GroupAd => {
    let id = `${record.id}#${ad.id}`;
    for (let n = 2; used.has(id); n++) id = `${record.id}#${ad.id}#${n}`;
    used.add(id);
    const advertiser = advertiserOf(ad);
    const advertiserDomain = cap(ad.advertiser?.domain);
    const paidBy = cap(ad.paidBy);
    const companies = adCompanies(ad);
    const parts = [advertiser, advertiserDomain, paidBy, ...companies];
    for (const r of ad.reasons) parts.push(cap(r.detail));
    return {
      id,
      status: ad.status,
      format: ad.format,
      advertiser,
      advertiserDomain,
      paidBy,
      companies,
      reasonKinds: distinct(ad.reasons.map((r) => r.kind)),
      flags: distinct(ad.flags.map((f) => cap(f.code))),
      text: parts.filter(Boolean).join('\n').toLowerCase().slice(0, TEXT_CHARS),
    };
  });
  return {
    id: record.id,
    at: recordAt(record),
    site: cap(record.site, SITE_CHARS),
    url: cap(record.report.url, URL_CHARS),
    advertisers: union([ads.map((a) => a.advertiser)]),
    companies: union(ads.map((a) => a.companies)),
    reasonKinds: union(ads.map((a) => a.reasonKinds)),
    flags: union(ads.map((a) => a.flags)),
    ads,
  };
}

/** The AdRows of a group, in the order of its ads. */
export function groupRows(group: AdGroup): AdRow[] {
  const day = dayOf(group.at);
  const head = [group.site, group.url].filter(Boolean).join('\n').toLowerCase();
  return group.ads.map((ad) => ({
    ...ad,
    recordId: group.id,
    at: group.at,
    day,
    site: group.site,
    url: group.url,
    text: (head && ad.text ? `${head}\n${ad.text}` : head || ad.text).slice(0, TEXT_CHARS),
  }));
}

export function adRows(record: LogRecord): AdRow[] {
  return groupRows(adGroup(record));
}

/**
 * The page's consent state as one outcome, for the consent chart. TCF first (what the person
 * answered, where GDPR applies): all purposes agreed, some refused, all refused, or no answer (a
 * CMP that did not respond, sent no string, or sent one we could not read). Then the US signals
 * (GPP, US Privacy), then none.
 */
export function consentOutcome(report: PageReport): ConsentOutcome {
  const { tcf, gpp, usp } = report.consent;
  if (tcf && tcf.gdprApplies !== false) {
    if (tcf.status !== 'ok' || !tcf.tcString) return 'no-answer';
    const { consented, refused } = tcf.purposes;
    if (!consented.length) return 'refused';
    return refused.length ? 'partly-refused' : 'accepted';
  }
  if (gpp) return 'gpp';
  if (usp) return 'us-privacy';
  return 'none';
}

/** The provider a segment's evidence names: "provider: segtax 4, id 123" (ortb data) or "domain: dsaparams 1,2" (DSA). */
const PROVIDER = /^([^:]{1,100}): (?:segtax|dsaparams) /;

/** A map's own value for `key` (page data may name a key "toString" or "__proto__"). */
function own<T>(map: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(map, key) ? map[key] : undefined;
}

/** Sets an own property, also for "__proto__" (plain assignment would change the prototype instead). */
function set<T>(map: Record<string, T>, key: string, value: T): void {
  if (key === '__proto__') Object.defineProperty(map, key, { value, writable: true, enumerable: true, configurable: true });
  else map[key] = value;
}

function inc(map: Record<string, number>, key: string): void {
  set(map, key, (own(map, key) ?? 0) + 1);
}

export function contribution(record: LogRecord): DayCounts {
  const report = record.report;
  const out = emptyDay(dayOf(recordAt(record)));
  out.pages = 1;
  const companies = new Set<string>();
  for (const c of report.companies) companies.add(cap(c.name || c.domain));
  const kinds: string[] = [];
  const codes: string[] = [];
  const segments: string[] = [];
  for (const ad of report.ads) {
    if (ad.status !== 'shown') continue;
    out.ads++;
    const advertiser = advertiserOf(ad);
    if (advertiser) inc(out.advertisers, advertiser);
    for (const s of ad.sellers) companies.add(cap(s.company || s.domain || ''));
    if (ad.paidBy) companies.add(cap(ad.paidBy));
    // Each of these counts an ad once, however many reasons or flags say the same.
    kinds.length = codes.length = segments.length = 0;
    for (const f of ad.flags) {
      const code = cap(f.code);
      if (code && !codes.includes(code)) {
        codes.push(code);
        inc(out.flags, code);
      }
    }
    for (const r of ad.reasons) {
      if (!kinds.includes(r.kind)) {
        kinds.push(r.kind);
        inc(out.reasons, r.kind);
      }
      if (!SEGMENT_KINDS.has(r.kind)) continue;
      const label = cap(r.detail) || r.kind;
      const key = `${r.kind}\t${label}`;
      if (segments.includes(key)) continue;
      segments.push(key);
      const seg = own(out.segments, key) ?? { kind: r.kind, label, n: 0, from: {} };
      seg.n++;
      const from: string[] = [];
      for (const e of r.evidence) {
        const provider = PROVIDER.exec(e.value)?.[1]?.trim();
        for (const source of [cap(e.source), cap(provider)]) {
          if (source && source !== '?' && !from.includes(source) && from.length < MAX_FROM_KEYS) from.push(source);
        }
      }
      for (const source of from) inc(seg.from, source);
      set(out.segments, key, seg);
    }
  }
  companies.delete('');
  for (const c of companies) inc(out.companies, c);
  const pageCodes: string[] = [];
  for (const f of report.flags) {
    const code = cap(f.code);
    if (code && !pageCodes.includes(code)) {
      pageCodes.push(code);
      inc(out.flags, code);
    }
  }
  if (record.site) inc(out.sites, cap(record.site, SITE_CHARS));
  inc(out.consent, consentOutcome(report));
  return out;
}

export function emptyDay(day: string): DayCounts {
  return { day, pages: 0, ads: 0, advertisers: {}, companies: {}, sites: {}, reasons: {}, flags: {}, consent: {}, segments: {} };
}

/** True when a day counts nothing (its row can go). */
export function isEmptyDay(d: DayCounts): boolean {
  return (
    d.pages === 0 &&
    d.ads === 0 &&
    [d.advertisers, d.companies, d.sites, d.reasons, d.flags, d.consent, d.segments].every((m) => Object.keys(m).length === 0)
  );
}

const NUMBER_MAPS = ['advertisers', 'companies', 'sites', 'reasons', 'flags', 'consent'] as const;
type NumberMap = (typeof NUMBER_MAPS)[number];

interface SegmentTotal {
  kind: string;
  label: string;
  n: number;
  from: Map<string, number>;
}

/**
 * Adds `n` (may be negative) to `key`, creating it while the map has fewer than `max` keys, else
 * under OTHER_KEY. A subtraction takes from the key first (never below 0), then from OTHER_KEY,
 * where that part of the count went when it was added to a full map. Keys that reach 0 go.
 */
function bump(map: Map<string, number>, key: string, n: number, max: number): void {
  if (n > 0) {
    const k = map.has(key) || map.size < max ? key : OTHER_KEY;
    map.set(k, (map.get(k) ?? 0) + n);
    return;
  }
  let rest = -n;
  for (const k of [key, OTHER_KEY]) {
    const have = map.get(k) ?? 0;
    const take = Math.min(have, rest);
    if (take > 0) {
      if (have > take) map.set(k, have - take);
      else map.delete(k);
      rest -= take;
    }
    if (rest === 0) return;
  }
  // Subtracting what was never added: a caller bug or a record counted by an older contribution().
  // Clamping at zero keeps the aggregates usable; a migration's rebuild makes them exact again.
}

function toMap(record: Record<string, number>): Map<string, number> {
  return new Map(Object.entries(record));
}

/**
 * A day's totals while many contributions are added to it or taken from it (a batch of writes, a
 * migration, a sum over days): in Maps, so that each step costs what the contribution holds, not
 * what the day holds. `max` is the cap on keys per map (MAX_KEYS_PER_MAP; Infinity for a sum
 * that is shown, never stored).
 */
export class DayTotals {
  pages: number;
  ads: number;
  private readonly maps: Record<NumberMap, Map<string, number>>;
  private readonly segments: Map<string, SegmentTotal>;

  constructor(
    readonly day: string,
    start: DayCounts = emptyDay(day),
    private readonly max = MAX_KEYS_PER_MAP,
  ) {
    this.pages = start.pages;
    this.ads = start.ads;
    this.maps = {
      advertisers: toMap(start.advertisers),
      companies: toMap(start.companies),
      sites: toMap(start.sites),
      reasons: toMap(start.reasons),
      flags: toMap(start.flags),
      consent: toMap(start.consent),
    };
    this.segments = new Map(Object.entries(start.segments).map(([k, s]) => [k, { kind: s.kind, label: s.label, n: s.n, from: toMap(s.from) }]));
  }

  /** this += sign * c. */
  add(c: DayCounts, sign: 1 | -1): this {
    this.pages = Math.max(0, this.pages + sign * c.pages);
    this.ads = Math.max(0, this.ads + sign * c.ads);
    for (const name of NUMBER_MAPS) {
      const target = this.maps[name];
      const source = c[name];
      for (const k of Object.keys(source)) bump(target, k, sign * (source[k] ?? 0), this.max);
    }
    for (const [k, seg] of Object.entries(c.segments)) this.addSegment(k, seg, sign);
    return this;
  }

  private addSegment(key: string, seg: Segment, sign: 1 | -1): void {
    const map = this.segments;
    if (sign > 0) {
      const room = map.has(key) || map.size < this.max;
      // Counts beyond the cap keep their total under OTHER_KEY, without their sources.
      const target = room ? key : OTHER_KEY;
      let known = map.get(target);
      if (!known) {
        known = room ? { kind: seg.kind, label: seg.label, n: 0, from: new Map() } : { kind: 'other', label: '', n: 0, from: new Map() };
        map.set(target, known);
      }
      known.n += seg.n;
      if (room) for (const f of Object.keys(seg.from)) bump(known.from, f, seg.from[f] ?? 0, this.max === Infinity ? Infinity : MAX_FROM_KEYS);
      return;
    }
    let rest = seg.n;
    const mine = map.get(key);
    if (mine) {
      const take = Math.min(mine.n, rest);
      mine.n -= take;
      rest -= take;
      for (const f of Object.keys(seg.from)) bump(mine.from, f, -(seg.from[f] ?? 0), MAX_FROM_KEYS);
      if (mine.n <= 0) map.delete(key);
    }
    const other = map.get(OTHER_KEY);
    if (rest > 0 && other) {
      other.n -= Math.min(other.n, rest);
      if (other.n <= 0) map.delete(OTHER_KEY);
    }
  }

  toDay(): DayCounts {
    // Object.fromEntries defines own properties, so a key "__proto__" stays a key.
    const segments = Object.fromEntries([...this.segments].map(([k, s]) => [k, { kind: s.kind, label: s.label, n: s.n, from: Object.fromEntries(s.from) }]));
    return {
      day: this.day,
      pages: this.pages,
      ads: this.ads,
      advertisers: Object.fromEntries(this.maps.advertisers),
      companies: Object.fromEntries(this.maps.companies),
      sites: Object.fromEntries(this.maps.sites),
      reasons: Object.fromEntries(this.maps.reasons),
      flags: Object.fromEntries(this.maps.flags),
      consent: Object.fromEntries(this.maps.consent),
      segments,
    };
  }
}

/**
 * a += sign*b in place (a is changed and returned), with the caps of MAX_KEYS_PER_MAP. Each call
 * converts the whole of `a`: to apply many contributions to one day, use a DayTotals.
 */
export function accumulate(a: DayCounts, b: DayCounts, sign: 1 | -1): DayCounts {
  return Object.assign(a, new DayTotals(a.day, a).add(b, sign).toDay());
}

/** a + sign*b, dropping keys that reach 0 (so that replacing a record keeps the sums exact). Neither argument is changed. */
export function addCounts(a: DayCounts, b: DayCounts, sign: 1 | -1): DayCounts {
  return new DayTotals(a.day, a).add(b, sign).toDay();
}

/** Sums over a date range (no caps: a display value, never stored). */
export function mergeDays(days: DayCounts[]): Omit<DayCounts, 'day'> {
  const sum = new DayTotals('', emptyDay(''), Infinity);
  for (const d of days) sum.add(d, 1);
  const { day: _day, ...rest } = sum.toDay();
  return rest;
}
