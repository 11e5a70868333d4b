/**
 * The research log's database (platform/log-db.ts) on fake-indexeddb: migrations, upserts, the
 * dashboard's queries, retention, deletion, import, and the invariant that the ad rows and day
 * aggregates always match the records.
 */
import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { IDBFactory, IDBObjectStore } from 'fake-indexeddb';
import { openDB, type IDBPDatabase } from 'idb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeLogRecord, type LogRecord } from '../../src/core/log/record';
import { adRows, contribution, DayTotals, type AdRow, type DayCounts } from '../../src/core/log/summary';
import { PAGE_REPORT_SCHEMA, type PageReport, type Reason, type ReportAd } from '../../src/shared/page-report';
import {
  isQuotaError,
  LOG_DB_NAME,
  LogFullError,
  openLog,
  putWithRoom,
  recordRowV2,
  upgradeTo1,
  upgradeTo2,
  type LogDb,
  type LogFilter,
  type LogSchema,
  type RecordRow,
} from '../../src/platform/log-db';

// --- A small factory of realistic records, written by hand as the engine would write them ---

const DAY = 86_400_000;
const T0 = Date.parse('2026-03-10T12:00:00.000Z');

interface AdSpec {
  id?: string;
  status?: ReportAd['status'];
  advertiser?: string | null;
  sellers?: string[];
  kinds?: Reason['kind'][];
  flags?: string[];
}

function makeAd(i: number, spec: AdSpec = {}): ReportAd {
  const kinds = spec.kinds ?? ['audience-segment', 'auction'];
  return {
    id: spec.id ?? `0:a${i}`,
    status: spec.status ?? 'shown',
    format: 'display',
    slot: { elementId: `div-gpt-ad-${i}`, width: 300, height: 250 },
    detectedBy: ['gpt'],
    advertiser: spec.advertiser === null ? null : { name: spec.advertiser ?? 'Acme Shoes', domain: 'acme.example' },
    paidBy: null,
    sellers: (spec.sellers ?? ['Xandr']).map((company) => ({ company, role: 'ssp' })),
    reasons: kinds.map((kind) => ({
      kind,
      basis: 'declared',
      detail: kind === 'audience-segment' ? 'Interest > Sports' : kind === 'auction' ? 'Xandr' : `${kind} detail`,
      evidence: [{ source: 'prebid.bidderRequest.user.data', value: `bluekai.com: segtax 4, id ${i}` }],
    })),
    dsa: null,
    optOuts: [],
    flags: (spec.flags ?? []).map((code) => ({ code, severity: 'warn' as const })),
  };
}

function makeReport(at: number, ads: ReportAd[], over: Partial<PageReport> = {}): PageReport {
  return {
    schema: PAGE_REPORT_SCHEMA,
    url: 'https://news.example/article',
    observedAt: new Date(at).toISOString(),
    ads,
    consent: { tcf: null, gpp: null, usp: null, gpc: null },
    companies: [{ name: 'Xandr', domain: 'adnxs.com', category: 'ssp', requests: 3 }],
    identifiers: [],
    dataFlows: [],
    flags: [],
    ...over,
  };
}

function makeRecord(id: string, at: number, ads: AdSpec[] = [{}], site = 'news.example'): LogRecord {
  const report = makeReport(at, ads.map((a, i) => makeAd(i, a)), { url: `https://${site || 'localhost'}/page/${id}` });
  return makeLogRecord(report, {
    id,
    site,
    loggedAt: new Date(at + 1000).toISOString(),
    redaction: 'full',
    where: 'browser',
    signals: { frames: [] },
  });
}

// --- Checks ---

/** Every record from the database (through iterate). */
async function allRecords(db: LogDb): Promise<LogRecord[]> {
  const out: LogRecord[] = [];
  await db.iterate(50, (rs) => void out.push(...rs));
  return out;
}

async function allAds(db: LogDb, filter: LogFilter = {}, limit = 1000): Promise<AdRow[]> {
  const out: AdRow[] = [];
  let after: string | null = null;
  for (let i = 0; i < 10_000; i++) {
    const page = await db.queryAds(filter, { after, limit });
    out.push(...page.rows);
    if (!page.next) return out;
    after = page.next;
  }
  throw new Error('paging did not end');
}

const newestFirst = (a: AdRow, b: AdRow) => b.at - a.at || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

/** The ad rows and days the database must hold for these records, recomputed from scratch. */
function expected(records: LogRecord[]): { ads: AdRow[]; days: DayCounts[] } {
  const byDay = new Map<string, DayTotals>();
  for (const r of records) {
    const c = contribution(r);
    const d = byDay.get(c.day) ?? new DayTotals(c.day);
    byDay.set(c.day, d.add(c, 1));
  }
  return {
    ads: records.flatMap(adRows).sort(newestFirst),
    days: [...byDay.values()].map((d) => d.toDay()).sort((a, b) => (a.day < b.day ? -1 : 1)),
  };
}

/** The invariant: ad rows and day aggregates are exactly what the remaining records give. */
async function expectDerivedExact(db: LogDb): Promise<void> {
  const records = await allRecords(db);
  const want = expected(records);
  expect(await allAds(db)).toEqual(want.ads);
  expect(await db.days()).toEqual(want.days);
  expect(await db.counts()).toEqual({ records: records.length, ads: want.ads.length });
}

let db: LogDb;
let seq = 0;

beforeEach(async () => {
  // A fresh, empty IndexedDB for every test.
  globalThis.indexedDB = new IDBFactory();
  db = await openLog();
});

afterEach(() => {
  db.close();
  vi.restoreAllMocks();
});

describe('schema and migrations', () => {
  it('opens an empty log at version 3 with its stores and indexes', async () => {
    const raw = await openDB(LOG_DB_NAME);
    expect(raw.version).toBe(3);
    expect([...raw.objectStoreNames].sort()).toEqual(['ads', 'days', 'meta', 'records']);
    const tx = raw.transaction(['records', 'ads']);
    expect([...tx.objectStore('records').indexNames].sort()).toEqual(['at', 'site']);
    expect([...tx.objectStore('ads').indexNames].sort()).toEqual(['advertisers', 'at', 'companies', 'flags', 'reasonKinds', 'site']);
    expect(tx.objectStore('ads').index('companies').multiEntry).toBe(true);
    raw.close();
  });

  it('fills ads and days from the records of a version 1 log', async () => {
    const name = `v1-log-${seq++}`;
    const records = [makeRecord('r1', T0, [{}, { status: 'unfilled' }]), makeRecord('r2', T0 + DAY, [{ advertiser: 'Bike Shop' }], 'blog.example'), makeRecord('r3', T0 + 2 * DAY, [])];
    const v1: IDBPDatabase<LogSchema> = await openDB<LogSchema>(name, 1, { upgrade: (d, _o, _n, tx) => upgradeTo1(d, tx) });
    for (const r of records) await v1.put('records', recordRowV2(r) as unknown as RecordRow);
    v1.close();

    const log = await openLog(name);
    // Through version 2 to 3: the rows are flat now.
    const raw = await openDB(name);
    expect(raw.version).toBe(3);
    expect(await raw.get('records', 'r2')).toEqual({ id: 'r2', at: T0 + DAY, site: 'blog.example', json: JSON.stringify(records[1]) });
    raw.close();
    expect(await log.counts()).toEqual({ records: 3, ads: 3 });
    expect((await log.days()).map((d) => [d.day, d.pages, d.ads])).toEqual([
      ['2026-03-10', 1, 1],
      ['2026-03-11', 1, 1],
      ['2026-03-12', 1, 0],
    ]);
    expect(await log.get('r2')).toEqual(records[1]);
    await expectDerivedExact(log);
    log.close();
  });

  /** A version 2 log made with the version 2 code path: rows of the record plus `at`, derived stores filled by upgradeTo2. */
  async function makeV2Log(name: string, rows: unknown[]): Promise<void> {
    const v1 = await openDB<LogSchema>(name, 1, { upgrade: (d, _o, _n, tx) => upgradeTo1(d, tx) });
    for (const row of rows) await v1.put('records', row as RecordRow);
    v1.close();
    const v2 = await openDB<LogSchema>(name, 2, { upgrade: (d, _o, _n, tx) => upgradeTo2(d, tx) });
    v2.close();
  }

  /** The derived stores as they are, straight from IndexedDB. */
  async function rawDerived(name: string): Promise<unknown> {
    const raw = await openDB(name);
    const out = { ads: await raw.getAll('ads'), days: await raw.getAll('days'), meta: await raw.getAll('meta'), version: raw.version };
    raw.close();
    return out;
  }

  it('turns the rows of a version 2 log into flat JSON rows, keeping every record and aggregate', async () => {
    const name = `v2-log-${seq++}`;
    const odd = makeRecord('odd', T0 + 3 * DAY, [{ advertiser: 'Ünïcødé "B.V."\n\u2028 \uD800 lone', flags: ['gpc-not-honoured'] }], '');
    const records = [
      makeRecord('r1', T0, [{}, { status: 'unfilled' }]),
      makeRecord('r2', T0 + DAY, [{ advertiser: 'Bike Shop', sellers: ['Google', 'Criteo'] }], 'blog.example'),
      makeRecord('r3', T0 + 2 * DAY, []),
      odd,
      { ...makeRecord('c:1', T0 + DAY, [{ kinds: ['contextual'] }]), where: 'crawl', crawl: { consent: 'reject', banner: 'handled', cmp: 'demo', durationMs: 900 }, signals: null, signalsDropped: true } satisfies LogRecord,
    ];
    await makeV2Log(name, records.map(recordRowV2));
    const before = (await rawDerived(name)) as { version: number; meta: unknown[] };
    expect(before.version).toBe(2);
    expect(before.meta).toEqual([{ records: 5, ads: 5 }]);

    const log = await openLog(name);
    const after = (await rawDerived(name)) as { version: number };
    expect(after).toEqual({ ...before, version: 3 });
    // Each row is flat, its `json` the record as JSON (without `at`), its index keys kept.
    const raw = await openDB(name);
    const rows = (await raw.getAll('records')) as RecordRow[];
    expect(rows.map((r) => Object.keys(r).sort())).toEqual(records.map(() => ['at', 'id', 'json', 'site']));
    const byId = [...records].sort((a, b) => (a.id < b.id ? -1 : 1));
    expect(rows).toEqual(byId.map((r) => ({ id: r.id, at: recordRowV2(r).at, site: r.site, json: JSON.stringify(r) })));
    expect(await raw.getAllKeys('records', undefined)).toEqual(byId.map((r) => r.id));
    expect(await raw.transaction('records').store.index('site').getAllKeys('')).toEqual(['odd']);
    raw.close();

    for (const r of records) expect(await log.get(r.id)).toEqual(r);
    expect(await allRecords(log)).toEqual(byId);
    await expectDerivedExact(log);
    // Replacing and deleting migrated records takes their old contribution out exactly.
    await log.put([makeRecord('r1', T0 + 4 * DAY, [{ advertiser: 'Moved' }]), makeRecord('new', T0)]);
    expect(await log.deleteSite('blog.example')).toBe(1);
    expect(await log.prune({ maxAgeDays: Infinity, maxRecords: 3 }, T0 + 10 * DAY)).toBe(2);
    expect((await allRecords(log)).map((r) => r.id)).toEqual(['odd', 'r1', 'r3']);
    await expectDerivedExact(log);
    log.close();
  });

  it('opens a version 2 log whose rows are already flat (an upgrade tried again) without changing them', async () => {
    const name = `v2-flat-${seq++}`;
    const r = makeRecord('r1', T0);
    await makeV2Log(name, [recordRowV2(r)]);
    const v2 = await openDB(name, 2);
    const flat = { id: 'r1', at: T0, site: 'news.example', json: JSON.stringify(r) };
    await v2.put('records', flat);
    v2.close();
    const log = await openLog(name);
    expect(await log.get('r1')).toEqual(r);
    const raw = await openDB(name);
    expect(await raw.get('records', 'r1')).toEqual(flat);
    raw.close();
    log.close();
  });

  it('keeps a version 2 log as it was when its migration fails', async () => {
    const name = `v2-bad-${seq++}`;
    const good = recordRowV2(makeRecord('good', T0));
    // A row JSON cannot hold (IndexedDB can: a BigInt).
    const bad = { ...recordRowV2(makeRecord('bad', T0)), extra: 10n };
    await makeV2Log(name, [good, bad]);
    const before = await rawDerived(name);
    await expect(openLog(name)).rejects.toThrow(/BigInt/);
    expect(await rawDerived(name)).toEqual(before);
    const after = await openDB(name);
    expect(after.version).toBe(2);
    expect(await after.getAll('records')).toEqual([bad, good]);
    after.close();
  });

  it('keeps a version 1 log as it was when its migration fails', async () => {
    const name = `v1-bad-${seq++}`;
    const v1 = await openDB<LogSchema>(name, 1, { upgrade: (d, _o, _n, tx) => upgradeTo1(d, tx) });
    await v1.put('records', recordRowV2(makeRecord('good', T0)) as unknown as RecordRow);
    // A damaged row (no report) that the derivation cannot read.
    await v1.put('records', { id: 'bad', at: T0, site: '' } as unknown as RecordRow);
    v1.close();

    await expect(openLog(name)).rejects.toThrow();
    const after = await openDB(name);
    expect(after.version).toBe(1);
    expect(await after.getAllKeys('records')).toEqual(['bad', 'good']);
    after.close();
  });
});

describe('put', () => {
  it('is idempotent: the same record twice gives the same rows and days', async () => {
    const r = makeRecord('r1', T0, [{}, { advertiser: 'Bike Shop', flags: ['vendor-without-consent'] }]);
    await db.put([r]);
    const days = await db.days();
    const ads = await allAds(db);
    await db.put([r]);
    await db.put([r, r]);
    expect(await db.days()).toEqual(days);
    expect(await allAds(db)).toEqual(ads);
    expect(await db.counts()).toEqual({ records: 1, ads: 2 });
    expect(days[0]?.pages).toBe(1);
  });

  it('replacing a record with fewer ads, or on another day, keeps the sums exact', async () => {
    await db.put([makeRecord('r1', T0, [{}, {}, { advertiser: 'Bike Shop' }]), makeRecord('r2', T0, [{}])]);
    await db.put([makeRecord('r1', T0, [{ advertiser: 'Bike Shop' }])]);
    await expectDerivedExact(db);
    const [day] = await db.days();
    expect(day?.pages).toBe(2);
    expect(day?.ads).toBe(2);
    expect(day?.advertisers).toEqual({ 'Acme Shoes': 1, 'Bike Shop': 1 });
    // Moving r2 to the next day empties nothing but moves its counts; moving r1 too drops the old day.
    await db.put([makeRecord('r2', T0 + DAY), makeRecord('r1', T0 + DAY)]);
    expect((await db.days()).map((d) => d.day)).toEqual(['2026-03-11']);
    await expectDerivedExact(db);
  });

  it('keeps the last of several records with one id in a batch', async () => {
    await db.put([makeRecord('r1', T0, [{}, {}]), makeRecord('r1', T0, [{ advertiser: 'Last' }])]);
    expect((await allAds(db)).map((a) => a.advertiser)).toEqual(['Last']);
    await expectDerivedExact(db);
  });

  it('refuses a batch with a malformed record and writes none of it', async () => {
    const bad = { ...makeRecord('ok2', T0), id: 'has spaces' };
    await expect(db.put([makeRecord('ok1', T0), bad])).rejects.toThrow(/Not a log record/);
    expect(await db.counts()).toEqual({ records: 0, ads: 0 });
  });

  it('writes nothing of a batch when a write inside its transaction fails', async () => {
    await db.put([makeRecord('keep', T0)]);
    const poisoned = makeRecord('poison', T0 + 5);
    // JSON has no BigInt: writing the row throws inside the transaction, after new1 was written.
    (poisoned.signals as unknown as { frames: unknown[] }).frames.push(10n);
    await expect(db.put([makeRecord('new1', T0 + 1), poisoned, makeRecord('keep', T0 + 9, [])])).rejects.toThrow();
    expect((await allRecords(db)).map((r) => r.id)).toEqual(['keep']);
    expect(await db.get('keep')).toEqual(makeRecord('keep', T0));
    await expectDerivedExact(db);
  });
});

describe('queryAds', () => {
  // 40 pages over 8 days; a rare advertiser, a rare flag, several sites and companies, unfilled slots.
  const sites = ['news.example', 'blog.example', 'shop.example'];
  const records = Array.from({ length: 40 }, (_, i) =>
    makeRecord(
      `rec-${String(i).padStart(2, '0')}`,
      // Pairs of records share a time: ties are ordered by id.
      T0 + Math.floor(i / 2) * (DAY / 5),
      [
        { advertiser: i % 13 === 0 ? 'Rare Brand' : i % 2 ? 'Acme Shoes' : 'Bike Shop', sellers: i % 3 ? ['Xandr'] : ['Google', 'Criteo'], kinds: i % 4 ? ['audience-segment', 'auction'] : ['contextual'], flags: i % 11 === 0 ? ['gpc-not-honoured'] : [] },
        { id: '0:dup', status: i % 5 ? 'shown' : 'unfilled', advertiser: null, sellers: [], kinds: ['unknown'] },
        { id: '0:dup', advertiser: 'Acme Shoes', kinds: ['demographic', 'auction'], flags: ['profiling-without-consent'] },
      ],
      sites[i % 3],
    ),
  );
  const want = expected(records).ads;

  beforeEach(async () => {
    await db.put(records.slice(0, 25));
    await db.put(records.slice(25));
  });

  const filters: [string, LogFilter, (r: AdRow) => boolean][] = [
    ['no filter', {}, () => true],
    ['site', { site: 'blog.example' }, (r) => r.site === 'blog.example'],
    ['advertiser (rare)', { advertiser: 'Rare Brand' }, (r) => r.advertiser === 'Rare Brand'],
    ['advertiser (common)', { advertiser: 'Acme Shoes' }, (r) => r.advertiser === 'Acme Shoes'],
    ['company', { company: 'Criteo' }, (r) => r.companies.includes('Criteo')],
    ['reason kind', { reasonKind: 'contextual' }, (r) => r.reasonKinds.includes('contextual')],
    ['flag (rare)', { flag: 'gpc-not-honoured' }, (r) => r.flags.includes('gpc-not-honoured')],
    ['flag (common)', { flag: 'profiling-without-consent' }, (r) => r.flags.includes('profiling-without-consent')],
    ['status', { status: 'unfilled' }, (r) => r.status === 'unfilled'],
    ['date range', { from: T0 + DAY, to: T0 + 3 * DAY }, (r) => r.at >= T0 + DAY && r.at <= T0 + 3 * DAY],
    ['search', { search: '  RARE br' }, (r) => r.text.includes('rare br')],
    ['search in the address', { search: 'page/rec-07' }, (r) => r.recordId === 'rec-07'],
    [
      'combined',
      { site: 'news.example', company: 'Xandr', reasonKind: 'auction', from: T0, to: T0 + 6 * DAY, status: 'shown' },
      (r) => r.site === 'news.example' && r.companies.includes('Xandr') && r.reasonKinds.includes('auction') && r.at <= T0 + 6 * DAY && r.status === 'shown',
    ],
    ['combined, nothing matches', { advertiser: 'Rare Brand', flag: 'gpc-not-honoured', site: 'shop.example' }, () => false],
    ['empty strings mean any', { site: '', advertiser: '', search: '' }, () => true],
  ];

  it.each(filters)('filters by %s, newest first', async (name, filter, keep) => {
    const rows = want.filter(keep);
    // The data set is made so that every filter but one finds something.
    expect(rows.length > 0).toBe(!name.includes('nothing'));
    expect(await allAds(db, filter)).toEqual(rows);
  });

  it.each(filters)('pages through %s without gaps or duplicates', async (_name, filter, keep) => {
    for (const limit of [1, 3, 7]) {
      const rows = await allAds(db, filter, limit);
      expect(rows.map((r) => r.id)).toEqual(want.filter(keep).map((r) => r.id));
      expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
    }
  });

  it('says when there is no next page', async () => {
    const first = await db.queryAds({}, { limit: want.length });
    expect(first.rows).toHaveLength(want.length);
    expect(first.next).toBeNull();
    const short = await db.queryAds({}, { limit: 10 });
    expect(short.rows).toEqual(want.slice(0, 10));
    expect(short.next).not.toBeNull();
    expect((await db.queryAds({}, { after: short.next, limit: 10 })).rows).toEqual(want.slice(10, 20));
  });

  it('refuses a cursor it did not make', async () => {
    await expect(db.queryAds({}, { after: 'garbage', limit: 5 })).rejects.toThrow(RangeError);
  });

  it('lists facets most frequent first and days by range', async () => {
    const facets = await db.facets(2);
    expect(facets.sites).toHaveLength(2);
    expect(facets.advertisers).toEqual(['Acme Shoes', 'Bike Shop']);
    expect(facets.companies[0]).toBe('Xandr');
    expect((await db.days('2026-03-11', '2026-03-12')).map((d) => d.day)).toEqual(['2026-03-11', '2026-03-12']);
    expect(await db.days('2026-03-12', '2026-03-11')).toEqual([]);
  });
});

describe('retention and deletion', () => {
  const now = T0 + 30 * DAY;
  const records = Array.from({ length: 12 }, (_, i) => makeRecord(`r${i}`, now - i * 5 * DAY - 1000, [{}, { advertiser: `adv-${i % 3}` }], i % 2 ? 'a.example' : 'b.example'));

  beforeEach(async () => {
    await db.put(records);
  });

  it('prunes by age', async () => {
    // Older than 22 days: r5 (25 days) and beyond.
    expect(await db.prune({ maxAgeDays: 22, maxRecords: Infinity }, now)).toBe(7);
    expect((await allRecords(db)).map((r) => r.id).sort()).toEqual(['r0', 'r1', 'r2', 'r3', 'r4']);
    await expectDerivedExact(db);
  });

  it('prunes by count, oldest first', async () => {
    expect(await db.prune({ maxAgeDays: Infinity, maxRecords: 4 }, now)).toBe(8);
    expect((await allRecords(db)).map((r) => r.id).sort()).toEqual(['r0', 'r1', 'r2', 'r3']);
    await expectDerivedExact(db);
  });

  it('prunes by age, then by count', async () => {
    expect(await db.prune({ maxAgeDays: 22, maxRecords: 3 }, now)).toBe(9);
    expect((await allRecords(db)).map((r) => r.id).sort()).toEqual(['r0', 'r1', 'r2']);
    await expectDerivedExact(db);
    expect(await db.prune({ maxAgeDays: 22, maxRecords: 3 }, now)).toBe(0);
  });

  it('deletes one site', async () => {
    expect(await db.deleteSite('a.example')).toBe(6);
    expect((await allRecords(db)).every((r) => r.site === 'b.example')).toBe(true);
    expect((await db.facets()).sites).toEqual(['b.example']);
    expect(await db.deleteSite('nobody.example')).toBe(0);
    await expectDerivedExact(db);
  });

  it('deletes everything', async () => {
    await db.deleteAll();
    expect(await db.counts()).toEqual({ records: 0, ads: 0 });
    expect(await db.days()).toEqual([]);
  });
});

describe('import and iterate', () => {
  it('adds new records, skips ids already there (and repeated ones)', async () => {
    await db.put([makeRecord('a', T0)]);
    const result = await db.importAll([makeRecord('a', T0 + DAY, [{}, {}]), makeRecord('b', T0), makeRecord('c', T0 + DAY), makeRecord('b', T0 + 2 * DAY)]);
    expect(result).toEqual({ added: 2, skipped: 2 });
    // The record already there is not replaced.
    expect(await db.get('a')).toEqual(makeRecord('a', T0));
    expect(await db.get('b')).toEqual(makeRecord('b', T0));
    await expectDerivedExact(db);
  });

  it('imports all or nothing', async () => {
    await db.put([makeRecord('old', T0)]);
    const before = await db.days();
    const poisoned = makeRecord('p', T0);
    (poisoned.report as unknown as Record<string, unknown>).extra = 10n;
    const batch = [...Array.from({ length: 30 }, (_, i) => makeRecord(`n${i}`, T0 + i)), poisoned, makeRecord('z', T0)];
    await expect(db.importAll(batch)).rejects.toThrow();
    expect(await db.counts()).toEqual({ records: 1, ads: 1 });
    expect(await db.days()).toEqual(before);
    expect(await db.get('n0')).toBeUndefined();
  });

  it('gives each record as its stored JSON, in primary-key order, one batch at a time', async () => {
    const records = Array.from({ length: 13 }, (_, i) => makeRecord(`j${String(12 - i).padStart(2, '0')}`, T0 + i * 1000, [{ advertiser: `Ad "${i}"\n\uD800` }]));
    await db.put(records);
    // A replaced record is stored as it was put the last time.
    const replaced = makeRecord('j05', T0 + DAY, []);
    await db.put([replaced]);
    const want = [...records.filter((r) => r.id !== 'j05'), replaced].sort((a, b) => (a.id < b.id ? -1 : 1));
    const sizes: number[] = [];
    const lines: string[] = [];
    const n = await db.iterateJson(4, async (batch) => {
      sizes.push(batch.length);
      lines.push(...batch);
      await new Promise((resolve) => setTimeout(resolve, 1));
    });
    expect(n).toBe(13);
    expect(sizes).toEqual([4, 4, 4, 1]);
    expect(lines).toEqual(want.map((r) => JSON.stringify(r)));
    // What iterate() parses is the same text again.
    expect((await allRecords(db)).map((r) => JSON.stringify(r))).toEqual(lines);
    expect(await db.iterateJson(13, () => undefined)).toBe(13);
  });

  it('stores a record as one flat row of its JSON', async () => {
    const r = makeRecord('flat', T0 + 5, [{}], 'shop.example');
    await db.put([r]);
    const raw = await openDB(LOG_DB_NAME);
    expect(await raw.get('records', 'flat')).toStrictEqual({ id: 'flat', at: T0 + 5, site: 'shop.example', json: JSON.stringify(r) });
    raw.close();
    const empty = await openLog(`empty-${seq++}`);
    expect(await empty.iterateJson(10, () => expect.unreachable())).toBe(0);
    empty.close();
  });

  it('iterates in primary-key order, one batch at a time', async () => {
    const ids = Array.from({ length: 23 }, (_, i) => `r${String(i).padStart(2, '0')}`);
    await db.put([...ids].reverse().map((id, i) => makeRecord(id, T0 + i)));
    const sizes: number[] = [];
    const seen: string[] = [];
    const n = await db.iterate(5, async (batch) => {
      sizes.push(batch.length);
      seen.push(...batch.map((r) => r.id));
      // The callback may wait; the next batch is read afterwards in a new transaction.
      await new Promise((resolve) => setTimeout(resolve, 1));
    });
    expect(n).toBe(23);
    expect(sizes).toEqual([5, 5, 5, 5, 3]);
    expect(seen).toEqual(ids);
    expect(await db.iterate(23, () => undefined)).toBe(23);
    expect(await db.iterate(100, () => undefined)).toBe(23);
  });
});

describe('putWithRoom', () => {
  const rules = { maxAgeDays: 365, maxRecords: 1000 };
  const quota = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

  beforeEach(async () => {
    await db.put(Array.from({ length: 20 }, (_, i) => makeRecord(`r${String(i).padStart(2, '0')}`, T0 + i * 1000)));
  });

  it('recognises quota errors however they are reported', () => {
    expect(isQuotaError(quota())).toBe(true);
    expect(isQuotaError({ name: 'NS_ERROR_DOM_QUOTA_REACHED' })).toBe(true);
    expect(isQuotaError(new DOMException('x', 'AbortError'))).toBe(false);
    expect(isQuotaError(new LogFullError())).toBe(false);
    expect(isQuotaError(null)).toBe(false);
  });

  it('prunes the oldest tenth and retries when a write inside the transaction runs out of room', async () => {
    // The disk fills while the batch's ad rows are written: the browser throws inside the transaction.
    const put = IDBObjectStore.prototype.put;
    let failures = 1;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      if (this.name === 'ads' && failures > 0) {
        failures--;
        throw quota();
      }
      return put.apply(this, args);
    });
    const result = await putWithRoom(db, [makeRecord('new', T0 + DAY)], rules, T0 + DAY);
    expect(result).toEqual({ pruned: 2 });
    const ids = (await allRecords(db)).map((r) => r.id);
    expect(ids).toContain('new');
    expect(ids).not.toContain('r00');
    expect(ids).not.toContain('r01');
    expect(ids).toHaveLength(19);
    await expectDerivedExact(db);
  });

  it('says the log is full when even that is not enough, leaving the log whole', async () => {
    // Every new record or ad row is refused; the smaller day and count rows of a prune still fit.
    const put = IDBObjectStore.prototype.put;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      if (this.name === 'records' || this.name === 'ads') throw quota();
      return put.apply(this, args);
    });
    const err = await putWithRoom(db, [makeRecord('new', T0 + DAY)], rules, T0 + DAY).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LogFullError);
    expect((err as LogFullError).cause).toBeInstanceOf(DOMException);
    vi.restoreAllMocks();
    expect(await db.get('new')).toBeUndefined();
    expect(await db.counts()).toEqual({ records: 18, ads: 18 });
    await expectDerivedExact(db);
  });

  it('says the log is full when it is too full even to prune', async () => {
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw quota();
    });
    await expect(putWithRoom(db, [makeRecord('new', T0 + DAY)], rules, T0 + DAY)).rejects.toBeInstanceOf(LogFullError);
    vi.restoreAllMocks();
    expect(await db.counts()).toEqual({ records: 20, ads: 20 });
    await expectDerivedExact(db);
  });

  it('passes on other errors without pruning', async () => {
    const failing: LogDb = { ...db, put: () => Promise.reject(new TypeError('broken')) };
    await expect(putWithRoom(failing, [makeRecord('new', T0)], rules, T0)).rejects.toThrow(TypeError);
    expect((await db.counts()).records).toBe(20);
  });

  it('uses the retention rules when pruning for room', async () => {
    let calls = 0;
    const full: LogDb = {
      ...db,
      put: (rs) => (calls++ === 0 ? Promise.reject(quota()) : db.put(rs)),
    };
    // Everything older than 10 s before "now" goes by the age rule: more than the tenth.
    const result = await putWithRoom(full, [makeRecord('new', T0 + 20_000)], { maxAgeDays: 10_000 / DAY, maxRecords: 1000 }, T0 + 20_000);
    expect(result.pruned).toBe(10);
    expect((await db.counts()).records).toBe(11);
  });
});

describe('the aggregates always match the records (property)', () => {
  type Op =
    | { op: 'put'; records: LogRecord[] }
    | { op: 'import'; records: LogRecord[] }
    | { op: 'deleteSite'; site: string }
    | { op: 'prune'; maxRecords: number; maxAgeDays: number };

  const adSpec: fc.Arbitrary<AdSpec> = fc.record({
    status: fc.constantFrom('shown', 'unfilled', 'collapsed'),
    advertiser: fc.constantFrom('Acme Shoes', 'Bike Shop', null),
    sellers: fc.subarray(['Xandr', 'Google', 'Criteo']),
    kinds: fc.subarray(['audience-segment', 'demographic', 'contextual', 'location', 'auction', 'unknown'] as Reason['kind'][], { minLength: 1 }),
    flags: fc.subarray(['profiling-without-consent', 'gpc-not-honoured']),
  });
  const record: fc.Arbitrary<LogRecord> = fc
    .tuple(fc.constantFrom('r1', 'r2', 'r3', 'r4', 'r5', 'r6'), fc.integer({ min: 0, max: 4 }), fc.array(adSpec, { maxLength: 4 }), fc.constantFrom('a.example', 'b.example', ''))
    .map(([id, day, ads, site]) => makeRecord(id, T0 + day * DAY, ads, site));
  const op: fc.Arbitrary<Op> = fc.oneof(
    fc.array(record, { minLength: 1, maxLength: 4 }).map((records) => ({ op: 'put' as const, records })),
    fc.array(record, { minLength: 1, maxLength: 3 }).map((records) => ({ op: 'import' as const, records })),
    fc.constantFrom('a.example', 'b.example', '').map((site) => ({ op: 'deleteSite' as const, site })),
    fc.record({ maxRecords: fc.integer({ min: 0, max: 6 }), maxAgeDays: fc.constantFrom(Infinity, 2, 3) }).map((r) => ({ op: 'prune' as const, ...r })),
  );

  it('after any sequence of puts, imports and deletions', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 8 }), async (ops) => {
        globalThis.indexedDB = new IDBFactory();
        const log = await openLog();
        try {
          for (const o of ops) {
            if (o.op === 'put') await log.put(o.records);
            else if (o.op === 'import') await log.importAll(o.records);
            else if (o.op === 'deleteSite') await log.deleteSite(o.site);
            else await log.prune({ maxRecords: o.maxRecords, maxAgeDays: o.maxAgeDays }, T0 + 5 * DAY);
          }
          await expectDerivedExact(log);
        } finally {
          log.close();
        }
      }),
      { numRuns: 40 },
    );
  });
});
