/**
 * The dashboard's pure parts: the hash that keeps a view bookmarkable, the numbers its charts and
 * "what they seem to think of you" draw (checked against the log's real aggregates of records),
 * words for every code, import errors in both languages, sizes, file names, and finding a row's ad.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FLAG_SEVERITY } from '../../src/core/explain/flags';
import { IMPORT_ERROR_CODES } from '../../src/core/log/import';
import { makeLogRecord, type LogRecord } from '../../src/core/log/record';
import { accumulate, adRows, contribution, emptyDay, type DayCounts } from '../../src/core/log/summary';
import { PAGE_REPORT_SCHEMA, type Reason, type ReportAd } from '../../src/shared/page-report';
import { findAd, splitRowId } from '../../src/ui/dashboard/row-id';

import { daySeries, lastDays, MAX_CHART_DAYS, niceMax, topEntries } from '../../src/ui/dashboard/chart-data';
import { exportFileName, formatBytes, formatDay } from '../../src/ui/dashboard/format';
import { importDoneText, importErrorText } from '../../src/ui/dashboard/import-text';
import { advertiserWord, consentWord, countWords, FLAG_CODES, flagWord, reasonWord, redactionWord, segmentKindWord, statusWord } from '../../src/ui/dashboard/labels';
import { activeFilterCount, dayRange, DEFAULT_ROUTE, EMPTY_FILTERS, isDay, logFilter, parseRoute, REASON_KINDS, routeHash, STATUS_CHOICES, VIEWS, type Route } from '../../src/ui/dashboard/route';
import { segmentsSeen } from '../../src/ui/dashboard/segments';
import type { MessageKey } from '../../src/ui/common/i18n';
import en from '../../public/_locales/en/messages.json';
import nl from '../../public/_locales/nl/messages.json';

type Messages = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;

/** Substitutes like chrome.i18n.getMessage, from the real messages; a missing key fails the test. */
function translator(messages: Messages) {
  return (key: MessageKey, ...subs: (string | number)[]): string => {
    const entry = messages[key];
    if (!entry) throw new Error(`missing ${key}`);
    return entry.message.replace(/\$([A-Z_]+)\$/g, (_, name: string) => {
      const content = entry.placeholders?.[name.toLowerCase()]?.content ?? '';
      return String(subs[Number(content.slice(1)) - 1] ?? '');
    });
  };
}
const t = translator(en as Messages);
const tNl = translator(nl as Messages);

// --- Records as the engine writes them ---

function ad(id: string, kinds: Reason['kind'][], extra: Partial<ReportAd> = {}): ReportAd {
  return {
    id,
    status: 'shown',
    format: 'display',
    slot: { width: 300, height: 250 },
    detectedBy: ['prebid'],
    advertiser: { name: 'Acme Shoes', domain: 'acme.example' },
    paidBy: 'Acme Media',
    sellers: [{ company: 'Xandr', role: 'ssp' }],
    reasons: kinds.map((kind) => ({
      kind,
      basis: 'declared' as const,
      detail: kind === 'audience-segment' ? 'Interest > Running and Jogging' : kind === 'demographic' ? 'Demographic > Gender > Female' : kind === 'profiling' ? 'dsp.demo-dsp.example' : undefined,
      evidence: [{ source: 'prebid.bidderRequest.user.data', value: 'dmp.demo-data.example: segtax 4, id 410' }],
    })),
    dsa: null,
    optOuts: [],
    flags: [],
    ...extra,
  };
}

function record(id: string, observedAt: string, ads: ReportAd[]): LogRecord {
  return makeLogRecord(
    {
      schema: PAGE_REPORT_SCHEMA,
      url: `https://news.example/${id}`,
      observedAt,
      ads,
      consent: { tcf: null, gpp: null, usp: null, gpc: null },
      companies: [],
      identifiers: [],
      dataFlows: [],
      flags: [],
    },
    { id, site: 'news.example', loggedAt: observedAt, redaction: 'full', where: 'browser', signals: null },
  );
}

/** The per-day aggregates of records, exactly as the database keeps them. */
function daysOf(records: LogRecord[]): DayCounts[] {
  const byDay = new Map<string, DayCounts>();
  for (const r of records) {
    const c = contribution(r);
    accumulate(byDay.get(c.day) ?? byDay.set(c.day, emptyDay(c.day)).get(c.day) ?? emptyDay(c.day), c, 1);
  }
  return [...byDay.values()].sort((a, b) => a.day.localeCompare(b.day));
}

describe('the dashboard route (the address hash)', () => {
  it('round-trips every route it writes, and writes nothing for the defaults', () => {
    expect(routeHash(DEFAULT_ROUTE)).toBe('#');
    expect(parseRoute('')).toEqual(DEFAULT_ROUTE);
    const text = fc.string({ maxLength: 40 }).filter((s) => s.trim() === s);
    const day = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    const route: fc.Arbitrary<Route> = fc.record({
      view: fc.constantFrom(...VIEWS),
      detail: text,
      filters: fc.record({
        site: text,
        advertiser: text,
        company: text,
        reasonKind: fc.constantFrom('', ...REASON_KINDS),
        flag: text,
        from: fc.oneof(fc.constant(''), day),
        to: fc.oneof(fc.constant(''), day),
        status: fc.constantFrom(...STATUS_CHOICES),
        search: fc.string({ maxLength: 40 }),
      }),
    });
    fc.assert(
      fc.property(route, (r) => {
        expect(parseRoute(routeHash(r))).toEqual(r);
      }),
    );
  });

  it('reads a bookmark, and drops what is not valid instead of trusting it', () => {
    const r = parseRoute('#view=overview&site=news.example&reason=profiling&flag=gpc-not-honoured&from=2026-03-01&to=2026-03-31&status=all&q=acme%20shoes&detail=b%3A1%230%3Aa1');
    expect(r).toEqual({
      view: 'overview',
      detail: 'b:1#0:a1',
      filters: { ...EMPTY_FILTERS, site: 'news.example', reasonKind: 'profiling', flag: 'gpc-not-honoured', from: '2026-03-01', to: '2026-03-31', status: 'all', search: 'acme shoes' },
    });
    const bad = parseRoute(`#view=admin&reason=made-up&status=everything&from=2026-02-30&to=yesterday&site=${'x'.repeat(1000)}`);
    expect(bad.view).toBe('ads');
    expect(bad.filters.reasonKind).toBe('');
    expect(bad.filters.status).toBe('shown');
    expect(bad.filters.from).toBe('');
    expect(bad.filters.to).toBe('');
    expect(bad.filters.site.length).toBe(300);
    expect(isDay('2026-02-28')).toBe(true);
    expect(isDay('2026-02-29')).toBe(false);
    expect(isDay('2028-02-29')).toBe(true);
  });

  it('turns the filters into the log filter: whole UTC days, lower-cased search, no status for "all"', () => {
    const filters = { ...EMPTY_FILTERS, site: 'news.example', from: '2026-03-01', to: '2026-03-02', search: '  Acme ', status: 'all' as const };
    expect(logFilter(filters)).toEqual({ site: 'news.example', from: Date.parse('2026-03-01T00:00:00Z'), to: Date.parse('2026-03-02T23:59:59.999Z'), search: 'acme' });
    expect(logFilter(EMPTY_FILTERS)).toEqual({ status: 'shown' });
    expect(dayRange({ from: '', to: '' })).toEqual({});
    expect(activeFilterCount(EMPTY_FILTERS)).toBe(0);
    expect(activeFilterCount(filters)).toBe(5);
  });
});

describe('chart data', () => {
  it('has one point per day of the range, zero where the log has nothing', () => {
    const records = [
      record('r1', '2026-03-02T10:00:00Z', [ad('a1', ['profiling']), ad('a2', ['contextual'])]),
      record('r2', '2026-03-02T23:59:59Z', [ad('a1', ['auction'])]),
      record('r3', '2026-03-04T00:00:00Z', [ad('a1', ['auction']), ad('a2', ['auction'], { status: 'unfilled' })]),
    ];
    const series = daySeries(daysOf(records), '2026-03-01', '2026-03-05');
    expect(series).toEqual([
      { day: '2026-03-01', ads: 0, pages: 0 },
      { day: '2026-03-02', ads: 3, pages: 2 },
      { day: '2026-03-03', ads: 0, pages: 0 },
      { day: '2026-03-04', ads: 1, pages: 1 },
      { day: '2026-03-05', ads: 0, pages: 0 },
    ]);
    expect(daySeries([], '2026-03-05', '2026-03-01')).toEqual([]);
    expect(daySeries([], '2000-01-01', '2026-01-01')).toHaveLength(MAX_CHART_DAYS);
    expect(daySeries([], '2000-01-01', '2026-01-01').at(-1)?.day).toBe('2026-01-01');
    expect(lastDays(Date.parse('2026-03-31T12:00:00Z'))).toEqual({ from: '2026-03-02', to: '2026-03-31' });
  });

  it('orders the top entries by count then name, and sums the rest', () => {
    expect(topEntries({ b: 2, a: 2, c: 5, d: 1, e: 0 }, 2)).toEqual({ top: [{ key: 'c', n: 5 }, { key: 'a', n: 2 }], rest: 3 });
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.nat(1000)), fc.nat(20), (counts, limit) => {
        const { top, rest } = topEntries(counts, limit);
        const total = Object.values(counts).reduce((s, n) => s + n, 0);
        expect(top.reduce((s, e) => s + e.n, 0) + rest).toBe(total);
        expect(top.length).toBeLessThanOrEqual(limit);
        for (let i = 1; i < top.length; i++) expect((top[i - 1]?.n ?? 0) >= (top[i]?.n ?? 0)).toBe(true);
      }),
    );
    expect([0, 1, 3, 7, 10, 11, 24, 26, 99, 101].map(niceMax)).toEqual([1, 1, 5, 10, 10, 20, 25, 50, 100, 200]);
  });
});

describe('what they seem to think of you', () => {
  it('sums each segment over days with its first and last day and its sources, most often first', () => {
    const records = [
      record('r1', '2026-03-02T10:00:00Z', [ad('a1', ['audience-segment', 'demographic', 'auction'])]),
      record('r2', '2026-03-05T10:00:00Z', [ad('a1', ['audience-segment']), ad('a2', ['audience-segment'])]),
      record('r3', '2026-03-03T10:00:00Z', [ad('a1', ['audience-segment'], { status: 'collapsed' })]),
    ];
    const seen = segmentsSeen(daysOf(records));
    expect(seen.map((s) => [s.kind, s.label, s.n, s.first, s.last])).toEqual([
      ['audience-segment', 'Interest > Running and Jogging', 3, '2026-03-02', '2026-03-05'],
      ['demographic', 'Demographic > Gender > Female', 1, '2026-03-02', '2026-03-02'],
    ]);
    expect(seen[0]?.from).toEqual([
      { source: 'dmp.demo-data.example', n: 3 },
      { source: 'prebid.bidderRequest.user.data', n: 3 },
    ]);
    expect(segmentsSeen([])).toEqual([]);
  });
});

describe('words for the log codes', () => {
  it('has English and Dutch words for every reason kind, flag, status, redaction and consent outcome', () => {
    const consent = ['accepted', 'partly-refused', 'refused', 'no-answer', 'gpp', 'us-privacy', 'none'];
    // A translator that shows which key was asked: a code without words would come back bare.
    const keyOf = (key: MessageKey): string => `<${key}>`;
    const all: [(tr: typeof t, code: string) => string, readonly string[]][] = [
      [reasonWord, REASON_KINDS],
      [flagWord, Object.keys(FLAG_SEVERITY)],
      [statusWord, STATUS_CHOICES],
      [redactionWord, ['full', 'origin', 'hash']],
      [consentWord, consent],
      [segmentKindWord, ['audience-segment', 'demographic', 'profiling', 'contextual', 'location', 'precise-location']],
    ];
    for (const [word, codes] of all) {
      for (const code of codes) {
        expect(word(keyOf, code), code).toMatch(/^<dash[A-Za-z]+>$/);
        // Both languages have it (the translator throws on a missing key) and it is not empty.
        expect(word(t, code).trim(), code).not.toBe('');
        expect(word(tNl, code).trim(), code).not.toBe('');
      }
      expect(new Set(codes.map((c) => word(keyOf, c))).size, 'one key per code').toBe(codes.length);
    }
    // The flag picker offers exactly the engine's flags.
    expect([...FLAG_CODES].sort()).toEqual(Object.keys(FLAG_SEVERITY).sort());
    expect(reasonWord(t, 'cross-site-id')).toBe('cross-site ID');
    expect(reasonWord(tNl, 'contextual')).toBe('inhoud van de pagina');
    // A code from a newer record is shown as it is, and "toString" is not a key of ours.
    expect(flagWord(t, 'new-flag')).toBe('new-flag');
    expect(reasonWord(t, 'toString')).toBe('toString');
    expect(advertiserWord(t, '')).toBe('unknown');
    expect(advertiserWord(tNl, '')).toBe('onbekend');
    expect(advertiserWord(t, 'Acme')).toBe('Acme');
  });
});

describe('import messages', () => {
  it('says each error code in words, with the line when known, in both languages', () => {
    for (const tr of [t, tNl]) {
      const texts = IMPORT_ERROR_CODES.map((code) => importErrorText(tr, { code, message: '' }));
      expect(new Set(texts).size).toBe(IMPORT_ERROR_CODES.length);
    }
    expect(importErrorText(t, { code: 'invalid-record', message: 'line 3: report: missing', line: 3 })).toBe(
      'Nothing was imported: the record on line 3 is damaged or not a Why This Ad record. (Details: line 3: report: missing)',
    );
    expect(importErrorText(tNl, { code: 'format', message: '', line: 12 })).toContain('regel 12');
    expect(importErrorText(t, { code: 'weird', message: '' })).toBe('Nothing was imported: the file could not be read.');
    expect(importDoneText(t, 5, 2, 0, 'en')).toBe('5 records imported, 2 records already in the log.');
    expect(importDoneText(t, 1, 0, 1, 'en')).toBe('1 record imported, 0 records already in the log. In the file more than once, and read once: 1 record.');
    expect(importDoneText(tNl, 1200, 1, 0, 'nl')).toBe('1.200 records geïmporteerd, 1 record al in het logboek.');
  });

  it('counts in words, one and many', () => {
    expect(countWords(t, 'ads', 1, 'en')).toBe('1 ad');
    expect(countWords(t, 'ads', 0, 'en')).toBe('0 ads');
    expect(countWords(t, 'pages', 12345, 'en')).toBe('12,345 pages');
    expect(countWords(tNl, 'pages', 2, 'nl')).toBe("2 pagina's");
    expect(countWords(tNl, 'slots', 1, 'nl')).toBe('1 advertentie of lege plek');
  });
});

describe('formatting', () => {
  it('says sizes in decimal units and dates without shifting days', () => {
    expect(formatBytes(0, 'en')).toBe('0 B');
    expect(formatBytes(999, 'en')).toBe('999 B');
    expect(formatBytes(1500, 'en')).toBe('1.5 kB');
    expect(formatBytes(1500, 'nl')).toBe('1,5 kB');
    expect(formatBytes(123_456_789, 'en')).toBe('123 MB');
    expect(formatBytes(2.5e12, 'en')).toBe('2.5 TB');
    expect(formatBytes(-1, 'en')).toBe('?');
    expect(formatDay('2026-03-01', 'en')).toBe('Mar 1, 2026');
    expect(exportFileName(new Date(2026, 0, 5, 23, 59), 'ndjson')).toBe('why-this-ad-log-2026-01-05.ndjson');
  });
});

describe('a row of the table and its ad', () => {
  it('finds the ad of every row adRows() makes, repeated ad ids included', () => {
    const r = record('b:1.2', '2026-03-02T10:00:00Z', [ad('0:a1', ['auction']), ad('0:a1', ['contextual']), ad('1:x#y', ['profiling'])]);
    const rows = adRows(r);
    expect(rows.map((row) => row.id)).toEqual(['b:1.2#0:a1', 'b:1.2#0:a1#2', 'b:1.2#1:x#y']);
    rows.forEach((row, i) => {
      const ids = splitRowId(row.id);
      expect(ids?.recordId).toBe('b:1.2');
      expect(findAd(r.report.ads, ids?.adId ?? '')).toBe(r.report.ads[i]);
    });
    expect(splitRowId('no-hash')).toBeNull();
    expect(splitRowId('#x')).toBeNull();
    expect(findAd(r.report.ads, '0:a1#3')).toBeUndefined();
  });
});
