/**
 * The research log in IndexedDB (through `idb`): every logged page as a LogRecord, its ads as the
 * dashboard's table lists them, and per-day aggregates for the charts.
 *
 * Schema (database `why-this-ad-log`), one exported function per upgrade step:
 * - version 1 (upgradeTo1): store `records`, keyPath `id`; a row was the LogRecord with one field
 *   added, `at` (recordAt(): when the page was seen, ms), until version 3 made it flat (below);
 *   indexes `at` and `site`.
 * - version 2 (upgradeTo2): store `ads`, keyPath `id`: one AdGroup per record (core/log/summary.ts),
 *   which holds the record's AdRows in compact form; indexes at, site, and multiEntry advertisers,
 *   companies, reasonKinds, flags (what any of the page's ads has). Store `days` (DayCounts, keyPath
 *   `day`), and store `meta` (out-of-line keys) with the row `counts` ({ records, ads }), so that
 *   counting needs no walk through 100,000 rows. All three are filled from the records inside the
 *   upgrade's own transaction (rebuildDerived).
 *   One row per page rather than per ad: in Chromium every put and every index entry is a cost of
 *   its own, and per-ad rows with their indexes made inserts several times slower (5,000 pages of
 *   four ads, on a busy 2-core machine: 9.0 s with a row per ad vs 2.3 s with a row per page, for
 *   the ads store alone). The table still gets AdRows (queryAds expands the groups it reads).
 * - version 3 (upgradeTo3): a row of `records` becomes flat, `{ id, at, site, json }`, where `json`
 *   is JSON.stringify(record) (the LogRecord as given, without `at`); the migration rewrites every
 *   row inside the upgrade's transaction, the indexes (`at`, `site`) stay. Why: IndexedDB's
 *   structured clone of a nested record (hundreds of small objects) was most of the time of an
 *   insert, and an export spent its time cloning records out only to JSON.stringify them again.
 *   One string clones far faster (Chromium 156, records of 6.9 KB as JSON, busy 2-core machine:
 *   JSON.stringify ~55,000/s vs structuredClone ~6,500/s; `npm run bench` at 20,000 records: inserts
 *   905 -> 1,624/s, NDJSON export 7.3 -> 3.0 s), and an export writes the stored strings as they are
 *   (iterateJson). `ads`, `days` and `meta` are unchanged; the `ads` store's six indexes are now
 *   most of an insert's cost (its puts alone: ~4,200 pages/s; records' alone: ~5,700/s).
 * Later versions add a step; a change to what core/log/summary.ts derives needs one that calls
 * rebuildDerived again, because the aggregates are kept by adding and subtracting contributions.
 *
 * Every change is one transaction over the stores it touches: IndexedDB commits a transaction whole
 * or not at all, so a crash, a stopped service worker or a full disk in the middle of a write
 * leaves the log as it was before it, never a record without its ads or a day that counts a record
 * twice. Code that fails half-way through a transaction aborts it explicitly (inWrite), since a
 * transaction whose requests all succeeded would otherwise commit what was written so far.
 */
import { openDB, unwrap, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import { adGroup, contribution, DayTotals, groupRows, isEmptyDay, mergeDays, OTHER_KEY, recordAt, type AdGroup, type AdRow, type DayCounts } from '../core/log/summary';
import { ID_PATTERN, type LogRecord } from '../core/log/record';

export const LOG_DB_NAME = 'why-this-ad-log';
export const LOG_DB_VERSION = 3;

export interface LogFilter {
  site?: string;
  advertiser?: string;
  company?: string;
  reasonKind?: string;
  flag?: string;
  /** ms bounds on `at`, both inclusive. */
  from?: number;
  to?: number;
  /** Case-insensitive substring of the row's `text`. */
  search?: string;
  status?: string;
}
export interface AdPage {
  rows: AdRow[];
  /** Opaque cursor: pass as `after` for the next page; null when there is none. */
  next: string | null;
}
/** `maxAgeDays` Infinity (or not above 0) keeps records forever; `maxRecords` Infinity keeps any number. */
export interface Retention {
  maxAgeDays: number;
  maxRecords: number;
}

/** The browser refused more data (quota) even after pruning. */
export class LogFullError extends Error {
  constructor(message = 'The research log is full: the browser refused more data even after deleting the oldest records.', options?: ErrorOptions) {
    super(message, options);
    this.name = 'LogFullError';
  }
}

export interface LogDb {
  /** Upsert in ONE transaction; replaces ads rows and adjusts day aggregates by the difference. Idempotent. */
  put(records: LogRecord[]): Promise<void>;
  get(id: string): Promise<LogRecord | undefined>;
  /** Newest first (by `at`, then id), filtered; `limit` rows after cursor `after`. */
  queryAds(filter: LogFilter, page: { after?: string | null; limit: number }): Promise<AdPage>;
  days(from?: string, to?: string): Promise<DayCounts[]>;
  counts(): Promise<{ records: number; ads: number }>;
  /** Distinct values for the filter pickers, most frequent first (from the day aggregates). */
  facets(limit?: number): Promise<{ sites: string[]; advertisers: string[]; companies: string[] }>;
  /** Every record in primary-key order, `batch` at a time, one short transaction per batch (memory stays flat). */
  iterate(batch: number, fn: (records: LogRecord[]) => Promise<void> | void): Promise<number>;
  /**
   * As iterate, but each record as its stored JSON (JSON.stringify of the record as it was put),
   * not parsed: what an NDJSON or JSON export writes as it is.
   */
  iterateJson(batch: number, fn: (lines: string[]) => Promise<void> | void): Promise<number>;
  /** All or nothing, in one transaction: records whose id is already there are skipped. */
  importAll(records: LogRecord[]): Promise<{ added: number; skipped: number }>;
  deleteAll(): Promise<void>;
  deleteSite(site: string): Promise<number>;
  /** Deletes records older than maxAgeDays, then the oldest beyond maxRecords; returns how many. */
  prune(rules: Retention, now: number): Promise<number>;
  close(): void;
}

/** A row of `records` (version 3): the record as JSON, with what it is keyed and indexed by (see the schema above). */
export interface RecordRow {
  id: string;
  /** recordAt(record), ms. */
  at: number;
  site: string;
  /** JSON.stringify(record). */
  json: string;
}
/** A row of `records` in versions 1 and 2: the record with the time it is indexed by. */
export type RecordRowV2 = LogRecord & { at: number };

/** The row `counts` of `meta`. */
export interface Counts {
  records: number;
  ads: number;
}

export interface LogSchema extends DBSchema {
  records: { key: string; value: RecordRow; indexes: { at: number; site: string } };
  ads: { key: string; value: AdGroup; indexes: { at: number; site: string; advertisers: string; companies: string; reasonKinds: string; flags: string } };
  days: { key: string; value: DayCounts };
  meta: { key: string; value: Counts };
}

type Store = StoreNames<LogSchema>;
/** A transaction that may write all stores: a readwrite one, or the upgrade's own. */
export type WriteTx = IDBPTransaction<LogSchema, Store[], 'readwrite' | 'versionchange'>;
export type UpgradeTx = IDBPTransaction<LogSchema, Store[], 'versionchange'>;

const DAY_MS = 86_400_000;
const ALL_STORES: Store[] = ['records', 'ads', 'days', 'meta'];
const COUNTS_KEY = 'counts';
/** A page of the dashboard's table is at most this long. */
const MAX_LIMIT = 1000;
/** Pages an index may hand over at once for sorting in memory (see queryAds). */
const MAX_INDEX_READ = 5000;

/** The row of a record. Throws (TypeError) for what JSON cannot hold: a BigInt, a cycle. */
export function recordRow(record: LogRecord): RecordRow {
  return { id: record.id, at: recordAt(record), site: record.site, json: JSON.stringify(record) };
}

/** The row of a record in versions 1 and 2 (for the migrations and their tests). */
export function recordRowV2(record: LogRecord): RecordRowV2 {
  return { ...record, at: recordAt(record) };
}

/** The record of a row. */
function recordOf(row: RecordRow): LogRecord {
  return JSON.parse(row.json) as LogRecord;
}

/** The record of a version 2 row: the row without `at`. */
function recordOfV2(row: RecordRowV2): LogRecord {
  const { at: _at, ...record } = row;
  return record;
}

/**
 * The record of a row of either shape. rebuildDerived serves upgradeTo2 (rows of version 2) and any
 * later step (rows of version 3); a record never has a top-level `json` field, nor a row of version 3 a `report`.
 */
function recordOfAny(row: RecordRow | RecordRowV2): LogRecord {
  return typeof (row as Partial<RecordRow>).json === 'string' && !('report' in row) ? recordOf(row as RecordRow) : recordOfV2(row as RecordRowV2);
}

// ---------------------------------------------------------------------------------------------
// Schema and migrations

export function upgradeTo1(db: IDBPDatabase<LogSchema>, _tx: UpgradeTx): void {
  const records = db.createObjectStore('records', { keyPath: 'id' });
  records.createIndex('at', 'at');
  records.createIndex('site', 'site');
}

export async function upgradeTo2(db: IDBPDatabase<LogSchema>, tx: UpgradeTx): Promise<void> {
  const ads = db.createObjectStore('ads', { keyPath: 'id' });
  ads.createIndex('at', 'at');
  ads.createIndex('site', 'site');
  ads.createIndex('advertisers', 'advertisers', { multiEntry: true });
  ads.createIndex('companies', 'companies', { multiEntry: true });
  ads.createIndex('reasonKinds', 'reasonKinds', { multiEntry: true });
  ads.createIndex('flags', 'flags', { multiEntry: true });
  db.createObjectStore('days', { keyPath: 'day' });
  db.createObjectStore('meta');
  await rebuildDerived(tx);
}

/**
 * Rewrites every row of `records` from the version 2 shape (the record plus `at`) to the version 3
 * one ({ id, at, site, json }), in the upgrade's transaction: a row that cannot be written (JSON
 * cannot hold it) aborts the upgrade and leaves the log at version 2. The cursor holds one row at a
 * time. A row already flat (an upgrade tried again) is left as it is.
 */
export async function upgradeTo3(_db: IDBPDatabase<LogSchema>, tx: UpgradeTx): Promise<void> {
  let cursor = await tx.objectStore('records').openCursor();
  while (cursor) {
    const row = cursor.value as RecordRow | RecordRowV2;
    if ('report' in row || typeof (row as Partial<RecordRow>).json !== 'string') {
      const record = recordOfV2(row as RecordRowV2);
      const next: RecordRow = { id: record.id, at: row.at, site: record.site, json: JSON.stringify(record) };
      // A plain request, no promise each: a failing one aborts the transaction, and so the upgrade.
      unwrap(cursor).update(next);
    }
    cursor = await cursor.continue();
  }
}

/**
 * Rebuilds `ads`, `days` and `meta` from `records`, in the caller's transaction (an upgrade's).
 * Walks the records with a cursor, so memory holds one record and the day totals, not the log.
 */
export async function rebuildDerived(tx: WriteTx): Promise<void> {
  const ads = unwrap(tx.objectStore('ads'));
  const days = unwrap(tx.objectStore('days'));
  ads.clear();
  days.clear();
  const totals = new Map<string, DayTotals>();
  const counts: Counts = { records: 0, ads: 0 };
  let cursor = await tx.objectStore('records').openCursor();
  while (cursor) {
    const record = recordOfAny(cursor.value);
    const group = adGroup(record);
    // Plain requests, no promise each: a failing one aborts the transaction, and so the upgrade.
    ads.put(group);
    const c = contribution(record);
    (totals.get(c.day) ?? setGet(totals, c.day, new DayTotals(c.day))).add(c, 1);
    counts.records++;
    counts.ads += group.ads.length;
    cursor = await cursor.continue();
  }
  for (const day of totals.values()) days.put(day.toDay());
  unwrap(tx.objectStore('meta')).put(counts, COUNTS_KEY);
}

async function migrate(db: IDBPDatabase<LogSchema>, oldVersion: number, tx: UpgradeTx): Promise<void> {
  if (oldVersion < 1) upgradeTo1(db, tx);
  if (oldVersion < 2) await upgradeTo2(db, tx);
  if (oldVersion < 3) await upgradeTo3(db, tx);
}

// ---------------------------------------------------------------------------------------------
// Writes

function setGet<K, V>(map: Map<K, V>, key: K, value: V): V {
  map.set(key, value);
  return value;
}

const ignore = (): void => undefined;

/** QuotaExceededError however the browser reports it (request error, transaction error; Firefox's old name, legacy code 22). */
export function isQuotaError(e: unknown): boolean {
  if (typeof e !== 'object' || e === null) return false;
  const { name, code } = e as { name?: unknown; code?: unknown };
  return name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED' || (name !== 'LogFullError' && code === 22);
}

/**
 * Runs `work` in one readwrite transaction over all stores and waits for it to commit. If `work`
 * throws, the transaction is aborted, so nothing it wrote stays. The error thrown is the
 * transaction's own when it has one (a QuotaExceededError at commit time surfaces there, not
 * on a request).
 */
async function inWrite<T>(db: IDBPDatabase<LogSchema>, work: (tx: WriteTx) => Promise<T>, durability: IDBTransactionDurability = 'default'): Promise<T> {
  const tx = db.transaction(ALL_STORES, 'readwrite', { durability });
  // Attached now: an aborted transaction must not also report an unhandled rejection.
  tx.done.catch(ignore);
  try {
    const result = await work(tx);
    await tx.done;
    return result;
  } catch (e) {
    try {
      tx.abort();
    } catch {
      // Already finished or aborted by the browser.
    }
    await tx.done.catch(ignore);
    throw tx.error ?? e;
  }
}

/**
 * The changes of one write transaction: records going and coming, their ad groups, and what they
 * move in the day aggregates and the counts. Day rows and the counts are read once per
 * transaction and written once at the end.
 */
class Changes {
  private readonly subs: DayCounts[] = [];
  private readonly adds: DayCounts[] = [];
  private readonly lookups: Promise<unknown>[] = [];
  private readonly delta: Counts = { records: 0, ads: 0 };
  private readonly records: IDBObjectStore;
  private readonly ads: IDBObjectStore;

  constructor(private readonly tx: WriteTx) {
    this.records = unwrap(tx.objectStore('records'));
    this.ads = unwrap(tx.objectStore('ads'));
  }

  /**
   * Takes `old` (a stored row) out of the aggregates and counts; with `remove`, deletes it and its
   * ads too (otherwise a put of the same id is to follow and overwrites both). Its ad count is the
   * stored group's: requests run in the order they are made, so this read sees the old group.
   * The old record is parsed here, and only here: a write of new records never parses.
   */
  drop(old: RecordRow, remove: boolean): void {
    this.subs.push(contribution(recordOf(old)));
    this.delta.records--;
    const read = this.tx
      .objectStore('ads')
      .get(old.id)
      .then((group) => {
        this.delta.ads -= group?.ads.length ?? 0;
      });
    read.catch(ignore);
    this.lookups.push(read);
    if (remove) {
      this.records.delete(old.id);
      this.ads.delete(old.id);
    }
  }

  /** Writes `record` (as one JSON string) and its ads, and adds its contribution (from `record` as given). */
  add(record: LogRecord): void {
    // Plain requests rather than a promise each: the batch's speed is in these puts. A put that
    // fails aborts the transaction (tx.done rejects); one that throws (JSON.stringify's TypeError,
    // DataCloneError) reaches inWrite, which aborts it.
    this.records.put(recordRow(record));
    const group = adGroup(record);
    this.ads.put(group);
    this.adds.push(contribution(record));
    this.delta.records++;
    this.delta.ads += group.ads.length;
  }

  /** Moves the day aggregates (subtractions first, so that a full day map frees room before it fills) and the counts. */
  async finish(): Promise<void> {
    await Promise.all(this.lookups);
    const days = this.tx.objectStore('days');
    const keys = [...new Set([...this.subs, ...this.adds].map((c) => c.day))];
    const [stored, counts] = await Promise.all([Promise.all(keys.map((day) => days.get(day))), this.tx.objectStore('meta').get(COUNTS_KEY)]);
    const byDay = new Map(keys.map((day, i) => [day, new DayTotals(day, stored[i])]));
    for (const c of this.subs) byDay.get(c.day)?.add(c, -1);
    for (const c of this.adds) byDay.get(c.day)?.add(c, 1);
    const raw = unwrap(days);
    for (const [day, totals] of byDay) {
      const sum = totals.toDay();
      // A day with no pages left has no record left: its row goes, whatever the caps left in it.
      if (sum.pages <= 0 || isEmptyDay(sum)) raw.delete(day);
      else raw.put(sum);
    }
    const next: Counts = { records: Math.max(0, (counts?.records ?? 0) + this.delta.records), ads: Math.max(0, (counts?.ads ?? 0) + this.delta.ads) };
    unwrap(this.tx.objectStore('meta')).put(next, COUNTS_KEY);
  }
}

function checkRecords(records: LogRecord[]): void {
  for (const r of records) {
    if (typeof r !== 'object' || r === null || typeof r.id !== 'string' || !ID_PATTERN.test(r.id) || typeof r.report !== 'object' || r.report === null || !Array.isArray(r.report.ads)) {
      throw new TypeError(`Not a log record (id ${typeof r?.id === 'string' ? JSON.stringify(r.id.slice(0, 140)) : 'missing'}): nothing was written.`);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Reads

interface Cursor {
  at: number;
  id: string;
}

function encodeCursor(row: AdRow): string {
  return `${row.at}:${row.id}`;
}

function decodeCursor(s: string): Cursor {
  const i = s.indexOf(':');
  const at = Number(s.slice(0, i));
  if (i < 1 || !Number.isFinite(at)) throw new RangeError('Not a cursor of this log (pass the `next` of the previous page).');
  return { at, id: s.slice(i + 1) };
}

/**
 * Newest first: by `at` descending, then id descending. Row ids start with their record's id and
 * '#', which sorts below every character an id may have, so this is also the order of the `at`
 * index walked backwards (records with one `at` by id, descending) with each page's ads by id.
 */
function newestFirst(a: AdRow, b: AdRow): number {
  return b.at - a.at || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}

/** A filter value counts when it is a non-empty string (the pickers send '' for "any"). */
function given(v: string | undefined): v is string {
  return typeof v === 'string' && v !== '';
}

interface Matchers {
  /** False when no ad of the page can match (checked before its rows are made). */
  page: (group: AdGroup) => boolean;
  row: (row: AdRow) => boolean;
}

function matchers(filter: LogFilter, after: Cursor | null): Matchers {
  const search = given(filter.search) ? filter.search.trim().toLowerCase() : '';
  const from = typeof filter.from === 'number' ? filter.from : -Infinity;
  const to = typeof filter.to === 'number' ? filter.to : Infinity;
  const { site, advertiser, status, company, reasonKind, flag } = filter;
  return {
    page: (g) =>
      g.at >= from &&
      g.at <= to &&
      (!after || g.at <= after.at) &&
      (!given(site) || g.site === site) &&
      (!given(advertiser) || g.advertisers.includes(advertiser)) &&
      (!given(status) || g.ads.some((a) => a.status === status)) &&
      (!given(company) || g.companies.includes(company)) &&
      (!given(reasonKind) || g.reasonKinds.includes(reasonKind)) &&
      (!given(flag) || g.flags.includes(flag)) &&
      // A row's text is the page's site and address, a line break, then the ad's own text: a
      // search without a line break matches within one of the parts.
      (!search || search.includes('\n') || `${g.site}\n${g.url}`.toLowerCase().includes(search) || g.ads.some((a) => a.text.includes(search))),
    row: (r) =>
      r.at >= from &&
      r.at <= to &&
      (!after || r.at < after.at || (r.at === after.at && r.id < after.id)) &&
      (!given(site) || r.site === site) &&
      (!given(advertiser) || r.advertiser === advertiser) &&
      (!given(status) || r.status === status) &&
      (!given(company) || r.companies.includes(company)) &&
      (!given(reasonKind) || r.reasonKinds.includes(reasonKind)) &&
      (!given(flag) || r.flags.includes(flag)) &&
      (!search || r.text.includes(search)),
  };
}

/** The rows of the pages that `match` lets through, newest first. */
function rowsOf(groups: AdGroup[], match: Matchers): AdRow[] {
  const out: AdRow[] = [];
  for (const g of groups) if (match.page(g)) for (const r of groupRows(g)) if (match.row(r)) out.push(r);
  return out.sort(newestFirst);
}

type KeyedIndex = 'site' | 'advertisers' | 'companies' | 'reasonKinds' | 'flags';

async function queryAds(db: IDBPDatabase<LogSchema>, filter: LogFilter, page: { after?: string | null; limit: number }): Promise<AdPage> {
  const limit = Math.min(MAX_LIMIT, Math.max(1, Math.floor(Number.isFinite(page.limit) ? page.limit : 50)));
  const after = page.after ? decodeCursor(page.after) : null;
  const match = matchers(filter, after);
  const lo = typeof filter.from === 'number' && !Number.isNaN(filter.from) ? filter.from : -Infinity;
  const hi = Math.min(typeof filter.to === 'number' && !Number.isNaN(filter.to) ? filter.to : Infinity, after ? after.at : Infinity);
  if (lo > hi) return { rows: [], next: null };
  const range = IDBKeyRange.bound(lo, hi);
  const store = db.transaction('ads', 'readonly').objectStore('ads');
  const keyed = (
    [
      ['site', filter.site],
      ['advertisers', filter.advertiser],
      ['companies', filter.company],
      ['reasonKinds', filter.reasonKind],
      ['flags', filter.flag],
    ] as const
  ).filter((k): k is readonly [KeyedIndex, string] => given(k[1]));

  let found: AdRow[] | null = null;
  if (keyed.length) {
    // Walking the `at` index reads about (limit / share of pages that match) pages; an equality
    // index hands over exactly its matches, unordered, to be sorted here. Take whichever reads
    // fewer: a rare advertiser or flag in a big log must not mean a walk through all of it.
    const [inRange, ...counts] = await Promise.all([store.index('at').count(range), ...keyed.map(([index, value]) => store.index(index).count(value))]);
    let best = 0;
    counts.forEach((n, i) => {
      if (n < (counts[best] ?? Infinity)) best = i;
    });
    const fewest = counts[best] ?? 0;
    const chosen = keyed[best];
    if (fewest === 0) return { rows: [], next: null };
    if (chosen && fewest <= MAX_INDEX_READ && fewest * fewest <= (limit + 1) * inRange) {
      const groups = await store.index(chosen[0]).getAll(chosen[1]);
      found = rowsOf(groups, match).slice(0, limit + 1);
    }
  }
  if (!found) {
    found = [];
    let cursor = await store.index('at').openCursor(range, 'prev');
    while (cursor) {
      found.push(...rowsOf([cursor.value], match));
      // One more than asked: whether there is a next page.
      if (found.length > limit) break;
      cursor = await cursor.continue();
    }
  }
  const more = found.length > limit;
  const rows = found.slice(0, limit);
  const last = rows[rows.length - 1];
  return { rows, next: more && last ? encodeCursor(last) : null };
}

function topKeys(map: Record<string, number>, limit: number): string[] {
  return Object.entries(map)
    .filter(([k]) => k !== OTHER_KEY && k !== '')
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, limit)
    .map(([k]) => k);
}

// ---------------------------------------------------------------------------------------------
// The database

/** Opens (creating or upgrading) the log. Another page asking for a newer version makes this connection close. */
export async function openLog(name: string = LOG_DB_NAME): Promise<LogDb> {
  let failure: unknown = null;
  const db = await openDB<LogSchema>(name, LOG_DB_VERSION, {
    upgrade(database, oldVersion, _newVersion, tx) {
      // openDB reports an aborted upgrade itself; this promise must not also count as unhandled.
      tx.done.catch(ignore);
      migrate(database, oldVersion, tx).catch((e: unknown) => {
        failure = e;
        try {
          tx.abort();
        } catch {
          // Already aborted.
        }
      });
    },
    blocking(_current, _blocked, event) {
      (event.target as IDBDatabase).close();
    },
  }).catch((e: unknown) => {
    throw failure ?? e;
  });
  return makeLogDb(db);
}

function makeLogDb(db: IDBPDatabase<LogSchema>): LogDb {
  return {
    async put(records) {
      if (!records.length) return;
      checkRecords(records);
      // The last of several records with one id wins, as if they were put one after the other.
      const list = [...new Map(records.map((r) => [r.id, r])).values()];
      // Relaxed durability: the transaction is still atomic; only an OS crash right after the
      // commit could lose it, and the popup's state does not depend on the log.
      await inWrite(
        db,
        async (tx) => {
          const store = tx.objectStore('records');
          const olds = await Promise.all(list.map((r) => store.get(r.id)));
          const changes = new Changes(tx);
          for (const old of olds) if (old) changes.drop(old, false);
          for (const r of list) changes.add(r);
          await changes.finish();
        },
        'relaxed',
      );
    },

    async get(id) {
      const row = await db.get('records', id);
      return row && recordOf(row);
    },

    queryAds: (filter, page) => queryAds(db, filter, page),

    async days(from, to) {
      const lo = from ?? '';
      const hi = to ?? '\uffff';
      if (lo > hi) return [];
      return db.getAll('days', IDBKeyRange.bound(lo, hi));
    },

    async counts() {
      const counts = await db.get('meta', COUNTS_KEY);
      return { records: counts?.records ?? 0, ads: counts?.ads ?? 0 };
    },

    async facets(limit = 50) {
      const sum = mergeDays(await db.getAll('days'));
      return { sites: topKeys(sum.sites, limit), advertisers: topKeys(sum.advertisers, limit), companies: topKeys(sum.companies, limit) };
    },

    iterate: (batch, fn) => walk(db, batch, (rows) => fn(rows.map(recordOf))),

    iterateJson: (batch, fn) => walk(db, batch, (rows) => fn(rows.map((row) => row.json))),

    async importAll(records) {
      checkRecords(records);
      if (!records.length) return { added: 0, skipped: 0 };
      return inWrite(
        db,
        async (tx) => {
          const store = tx.objectStore('records');
          const there = await Promise.all(records.map((r) => store.getKey(r.id)));
          const changes = new Changes(tx);
          const seen = new Set<string>();
          let added = 0;
          records.forEach((r, i) => {
            if (there[i] !== undefined || seen.has(r.id)) return;
            seen.add(r.id);
            changes.add(r);
            added++;
          });
          await changes.finish();
          return { added, skipped: records.length - added };
        },
        'relaxed',
      );
    },

    async deleteAll() {
      await inWrite(db, async (tx) => {
        await Promise.all(ALL_STORES.map((name) => tx.objectStore(name).clear()));
      });
    },

    async deleteSite(site) {
      // One transaction: the site's records go together or not at all. The cursor holds one
      // record at a time; what stays in memory is the day totals.
      return inWrite(db, async (tx) => {
        const changes = new Changes(tx);
        let removed = 0;
        let cursor = await tx.objectStore('records').index('site').openCursor(site);
        while (cursor) {
          changes.drop(cursor.value, true);
          removed++;
          cursor = await cursor.continue();
        }
        await changes.finish();
        return removed;
      });
    },

    prune: (rules, now) => prune(db, rules, now),

    close() {
      db.close();
    },
  };
}

/** Every row of `records` in primary-key order, `batch` at a time; returns how many. */
async function walk(db: IDBPDatabase<LogSchema>, batch: number, fn: (rows: RecordRow[]) => Promise<void> | void): Promise<number> {
  const size = Math.max(1, Math.floor(batch) || 1);
  let last: string | null = null;
  let n = 0;
  for (;;) {
    // One short transaction per batch: `fn` may take its time (write a file) without holding the database.
    const rows: RecordRow[] = await db.getAll('records', last === null ? null : IDBKeyRange.lowerBound(last, true), size);
    const tail = rows[rows.length - 1];
    if (!tail) return n;
    last = tail.id;
    n += rows.length;
    await fn(rows);
    if (rows.length < size) return n;
  }
}

async function prune(db: IDBPDatabase<LogSchema>, rules: Retention, now: number): Promise<number> {
  const maxAge = Number.isFinite(rules.maxAgeDays) && rules.maxAgeDays > 0 ? rules.maxAgeDays * DAY_MS : Infinity;
  const maxRecords = Number.isNaN(rules.maxRecords) ? Infinity : Math.max(0, Math.floor(rules.maxRecords));
  // One transaction for both rules: the log is pruned whole or not at all.
  return inWrite(db, async (tx) => {
    const changes = new Changes(tx);
    const byAt = tx.objectStore('records').index('at');
    let removed = 0;
    if (maxAge !== Infinity) {
      let cursor = await byAt.openCursor(IDBKeyRange.upperBound(now - maxAge, true));
      while (cursor) {
        changes.drop(cursor.value, true);
        removed++;
        cursor = await cursor.continue();
      }
    }
    if (maxRecords !== Infinity) {
      // The deletes above were requested before this count, so it runs after them.
      let excess = (await tx.objectStore('records').count()) - maxRecords;
      let cursor = excess > 0 ? await byAt.openCursor() : null;
      while (cursor && excess > 0) {
        changes.drop(cursor.value, true);
        removed++;
        excess--;
        cursor = await cursor.continue();
      }
    }
    await changes.finish();
    return removed;
  });
}

/**
 * put() that makes room when the browser's quota is reached: prunes by the retention rules and
 * the oldest tenth of the log (at least one record), then tries once more. Still full: LogFullError
 * (the log is intact, as each try was one transaction that was rolled back).
 */
export async function putWithRoom(db: LogDb, records: LogRecord[], rules: Retention, now: number): Promise<{ pruned: number }> {
  try {
    await db.put(records);
    return { pruned: 0 };
  } catch (e) {
    if (!isQuotaError(e)) throw e;
  }
  try {
    const { records: n } = await db.counts();
    const keep = Math.max(0, n - Math.max(1, Math.ceil(n / 10)));
    const pruned = await db.prune({ maxAgeDays: rules.maxAgeDays, maxRecords: Math.min(rules.maxRecords, keep) }, now);
    await db.put(records);
    return { pruned };
  } catch (e) {
    // Full even after pruning (or too full to prune): each step was one transaction, rolled back whole.
    if (isQuotaError(e)) throw new LogFullError(undefined, { cause: e });
    throw e;
  }
}
