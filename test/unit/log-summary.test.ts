/** What the log derives from a record: ad rows, per-day contributions and their arithmetic (core/log/summary.ts). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeLogRecord, type LogRecord } from '../../src/core/log/record';
import {
  addCounts,
  adGroup,
  adRows,
  groupRows,
  consentOutcome,
  contribution,
  emptyDay,
  isEmptyDay,
  MAX_KEYS_PER_MAP,
  mergeDays,
  OTHER_KEY,
  type DayCounts,
} from '../../src/core/log/summary';
import { PAGE_REPORT_SCHEMA, type PageReport, type Reason, type ReportAd, type TcfSummary } from '../../src/shared/page-report';
import { reportErrors } from './schema-validator';

// --- A small factory of realistic reports, written by hand as the engine would write them ---

const segment = (provider: string, tax: number, id: string, detail: string, kind: Reason['kind'] = 'audience-segment'): Reason => ({
  kind,
  basis: 'declared',
  detail,
  evidence: [{ source: 'prebid.bidderRequest.user.data', value: `${provider}: segtax ${tax}, id ${id}` }],
});

function makeAd(id: string, over: Partial<ReportAd> = {}): ReportAd {
  return {
    id,
    status: 'shown',
    format: 'display',
    slot: { elementId: `div-gpt-ad-${id}`, width: 300, height: 250 },
    detectedBy: ['gpt', 'prebid'],
    advertiser: { name: 'Acme Shoes', domain: 'acme-shoes.example' },
    paidBy: 'Acme Shoes BV',
    sellers: [{ company: 'Xandr', domain: 'adnxs.com', role: 'ssp' }, { company: 'Google', domain: 'google.com', role: 'network' }],
    reasons: [
      segment('bluekai.com', 4, '123', 'Interest > Sports > Running'),
      { kind: 'location', basis: 'declared', detail: 'Utrecht, NL', evidence: [{ source: 'prebid.bidderRequest.geo', value: 'type 2, NL, Utrecht' }] },
      { kind: 'auction', basis: 'observed', detail: 'Xandr', evidence: [{ source: 'prebid.bidWon', value: 'bidder appnexus, ad unit top' }] },
    ],
    dsa: null,
    optOuts: [],
    flags: [{ code: 'profiling-without-consent', severity: 'alert' }],
    ...over,
  };
}

const TCF_OK: TcfSummary = {
  tcString: 'CPxyz',
  gdprApplies: true,
  cmpId: 10,
  purposes: { consented: [1, 2, 3, 4], refused: [] },
  specialFeatures: [],
  vendorsConsented: 12,
  status: 'ok',
};

function makeReport(over: Partial<PageReport> = {}): PageReport {
  return {
    schema: PAGE_REPORT_SCHEMA,
    url: 'https://news.example/article/1',
    observedAt: '2026-03-01T10:00:00.000Z',
    ads: [makeAd('0:a1')],
    consent: { tcf: TCF_OK, gpp: null, usp: null, gpc: null },
    companies: [
      { name: 'Xandr', domain: 'adnxs.com', category: 'ssp', requests: 4 },
      { name: 'Criteo', domain: 'criteo.com', category: 'dsp', requests: 2 },
    ],
    identifiers: [],
    dataFlows: [],
    flags: [],
    ...over,
  };
}

function makeRecord(id: string, report: PageReport, site = 'news.example'): LogRecord {
  return makeLogRecord(report, { id, site, loggedAt: '2026-03-01T10:00:05.000Z', redaction: 'full', where: 'browser', signals: null });
}

describe('the test factory', () => {
  it('writes reports that pass the PageReport schema', () => {
    expect(reportErrors(makeReport({ ads: [makeAd('0:a1'), makeAd('0:a2', { status: 'unfilled', advertiser: null, paidBy: null, reasons: [] })] }))).toEqual([]);
  });
});

describe('adRows', () => {
  it('gives one row per ad, every status, with the fields the table filters on', () => {
    const report = makeReport({
      ads: [
        makeAd('0:a1'),
        makeAd('0:a2', { status: 'unfilled', advertiser: null, paidBy: null, sellers: [], reasons: [{ kind: 'unknown', basis: 'observed', evidence: [] }], flags: [] }),
        makeAd('3:a9', { advertiser: { domain: 'only-domain.example' }, paidBy: null, sellers: [{ domain: 'criteo.com' }] }),
      ],
    });
    const rows = adRows(makeRecord('rec-1', report));
    expect(rows.map((r) => [r.id, r.recordId, r.status, r.advertiser, r.advertiserDomain, r.paidBy])).toEqual([
      ['rec-1#0:a1', 'rec-1', 'shown', 'Acme Shoes', 'acme-shoes.example', 'Acme Shoes BV'],
      ['rec-1#0:a2', 'rec-1', 'unfilled', '', '', ''],
      ['rec-1#3:a9', 'rec-1', 'shown', 'only-domain.example', 'only-domain.example', ''],
    ]);
    const [first, second, third] = rows;
    expect(first?.at).toBe(Date.parse('2026-03-01T10:00:00.000Z'));
    expect(first?.day).toBe('2026-03-01');
    expect(first?.site).toBe('news.example');
    expect(first?.url).toBe('https://news.example/article/1');
    expect(first?.companies).toEqual(['Xandr', 'Google', 'Acme Shoes BV']);
    expect(first?.reasonKinds).toEqual(['audience-segment', 'location', 'auction']);
    expect(first?.flags).toEqual(['profiling-without-consent']);
    expect(second?.companies).toEqual([]);
    expect(second?.reasonKinds).toEqual(['unknown']);
    expect(third?.companies).toEqual(['criteo.com']);
  });

  it('puts lower-cased site, address, advertiser, companies and reason details in the search text', () => {
    const [row] = adRows(makeRecord('rec-1', makeReport()));
    for (const part of ['news.example', 'https://news.example/article/1', 'acme shoes', 'acme-shoes.example', 'acme shoes bv', 'xandr', 'interest > sports > running', 'utrecht, nl']) {
      expect(row?.text).toContain(part);
    }
    expect(row?.text).toBe(row?.text.toLowerCase());
  });

  it('keeps row ids unique when a report repeats an ad id', () => {
    const rows = adRows(makeRecord('rec-1', makeReport({ ads: [makeAd('x'), makeAd('x'), makeAd('x')] })));
    expect(rows.map((r) => r.id)).toEqual(['rec-1#x', 'rec-1#x#2', 'rec-1#x#3']);
  });

  it('falls back to the time of logging when the report has no readable time, and caps hostile strings', () => {
    const long = 'A'.repeat(10_000);
    const [row] = adRows(makeRecord('rec-1', makeReport({ observedAt: 'not a date', ads: [makeAd('a', { advertiser: { name: long } })] })));
    expect(row?.at).toBe(Date.parse('2026-03-01T10:00:05.000Z'));
    expect(row?.advertiser.length).toBeLessThanOrEqual(200);
    expect(row?.text.length).toBeLessThanOrEqual(4096);
  });
});

describe('adGroup', () => {
  it('keeps a page\'s ads compactly, listing what any of them has, and gives the same rows back', () => {
    const report = makeReport({
      url: 'https://news.example/a-long-address',
      ads: [makeAd('0:a1'), makeAd('0:a2', { status: 'unfilled', advertiser: null, paidBy: null, sellers: [{ company: 'Criteo' }], reasons: [], flags: [{ code: 'x', severity: 'info' }] })],
    });
    const record = makeRecord('rec-1', report);
    const group = adGroup(record);
    expect(group.id).toBe('rec-1');
    expect(group.advertisers).toEqual(['Acme Shoes']);
    expect(group.companies).toEqual(['Xandr', 'Google', 'Acme Shoes BV', 'Criteo']);
    expect(group.reasonKinds).toEqual(['audience-segment', 'location', 'auction']);
    expect(group.flags).toEqual(['profiling-without-consent', 'x']);
    // The site and address are written once per page, not per ad.
    for (const ad of group.ads) {
      expect(ad).not.toHaveProperty('url');
      expect(ad.text).not.toContain('a-long-address');
    }
    expect(groupRows(group)).toEqual(adRows(record));
    expect(groupRows(structuredClone(group))).toEqual(adRows(record));
  });
});

describe('consentOutcome', () => {
  const withTcf = (tcf: TcfSummary | null, rest: Partial<PageReport['consent']> = {}) => makeReport({ consent: { tcf, gpp: null, usp: null, gpc: null, ...rest } });
  it.each([
    ['accepted', withTcf(TCF_OK)],
    ['partly-refused', withTcf({ ...TCF_OK, purposes: { consented: [1], refused: [2, 3, 4] } })],
    ['refused', withTcf({ ...TCF_OK, purposes: { consented: [], refused: [1, 2, 3] } })],
    ['no-answer', withTcf({ ...TCF_OK, tcString: '', purposes: { consented: [], refused: [] } })],
    ['no-answer', withTcf({ ...TCF_OK, status: 'no-response' })],
    ['gpp', withTcf({ ...TCF_OK, gdprApplies: false }, { gpp: { gppString: 'DBABL~', applicableSections: [7], sections: {} } })],
    ['us-privacy', withTcf(null, { usp: '1YNN' })],
    ['none', withTcf(null)],
    ['none', withTcf({ ...TCF_OK, gdprApplies: false })],
  ] as const)('%s', (outcome, report) => {
    expect(consentOutcome(report)).toBe(outcome);
  });
});

describe('contribution', () => {
  it('counts one page, its shown ads, and what they say', () => {
    const report = makeReport({
      ads: [
        makeAd('a1'),
        makeAd('a2', { advertiser: { name: 'Bike Shop' }, paidBy: null, sellers: [{ company: 'Xandr' }], flags: [] }),
        makeAd('a3', { status: 'unfilled', advertiser: { name: 'Never Shown' }, reasons: [{ kind: 'contextual', basis: 'declared', detail: 'Sports', evidence: [] }] }),
      ],
      flags: [{ code: 'gpc-not-honoured', severity: 'warn' }],
    });
    const c = contribution(makeRecord('rec-1', report));
    expect(c.day).toBe('2026-03-01');
    expect(c.pages).toBe(1);
    expect(c.ads).toBe(2);
    expect(c.advertisers).toEqual({ 'Acme Shoes': 1, 'Bike Shop': 1 });
    // Per page: Xandr is in the network and sold both ads, yet counts once.
    expect(c.companies).toEqual({ Xandr: 1, Criteo: 1, Google: 1, 'Acme Shoes BV': 1 });
    expect(c.sites).toEqual({ 'news.example': 1 });
    expect(c.reasons).toEqual({ 'audience-segment': 2, location: 2, auction: 2 });
    expect(c.flags).toEqual({ 'profiling-without-consent': 1, 'gpc-not-honoured': 1 });
    expect(c.consent).toEqual({ accepted: 1 });
    expect(c.segments).toEqual({
      'audience-segment\tInterest > Sports > Running': {
        kind: 'audience-segment',
        label: 'Interest > Sports > Running',
        n: 2,
        from: { 'prebid.bidderRequest.user.data': 2, 'bluekai.com': 2 },
      },
      'location\tUtrecht, NL': { kind: 'location', label: 'Utrecht, NL', n: 2, from: { 'prebid.bidderRequest.geo': 2 } },
    });
  });

  it('names the segment kinds that have no detail by their kind, and reads DSA providers', () => {
    const reasons: Reason[] = [
      { kind: 'precise-location', basis: 'declared', evidence: [{ source: 'prebid.bidderRequest.geo', value: 'type 1, latitude/longitude' }] },
      { kind: 'profiling', basis: 'declared', detail: 'dsp.example', evidence: [{ source: 'prebid.meta.dsa.transparency', value: 'dsp.example: dsaparams 1,2' }] },
      segment('?', 600, '7', 'unknown provider segment 7'),
      { kind: 'retargeting', basis: 'observed', detail: 'shop.example', evidence: [] },
    ];
    const c = contribution(makeRecord('rec-1', makeReport({ ads: [makeAd('a', { reasons })] })));
    expect(Object.keys(c.segments).sort()).toEqual(['audience-segment\tunknown provider segment 7', 'precise-location\tprecise-location', 'profiling\tdsp.example']);
    expect(c.segments['profiling\tdsp.example']?.from).toEqual({ 'prebid.meta.dsa.transparency': 1, 'dsp.example': 1 });
    // A "?" provider is no source.
    expect(c.segments['audience-segment\tunknown provider segment 7']?.from).toEqual({ 'prebid.bidderRequest.user.data': 1 });
  });

  it('leaves pages without a site out of the site counts', () => {
    const c = contribution(makeRecord('rec-1', makeReport({ ads: [] }), ''));
    expect(c.sites).toEqual({});
    expect(c.pages).toBe(1);
    expect(c.ads).toBe(0);
  });

  it('counts page data named like Object properties as ordinary names', () => {
    const names = ['__proto__', 'toString', 'constructor', 'hasOwnProperty'];
    const report = makeReport({ ads: names.map((n, i) => makeAd(`a${i}`, { advertiser: { name: n }, paidBy: null, sellers: [{ company: n }] })) });
    const c = contribution(makeRecord('rec-1', report));
    expect(Object.keys(c.advertisers).sort()).toEqual([...names].sort());
    expect(Object.values(c.advertisers)).toEqual([1, 1, 1, 1]);
    const twice = addCounts(addCounts(emptyDay(c.day), c, 1), c, 1);
    expect(twice.advertisers.__proto__).toBe(2);
    expect(Object.getPrototypeOf(twice.advertisers)).toBe(Object.prototype);
    expect(isEmptyDay(addCounts(addCounts(twice, c, -1), c, -1))).toBe(true);
  });
});

describe('addCounts', () => {
  const a = contribution(makeRecord('rec-1', makeReport()));
  const b = contribution(makeRecord('rec-2', makeReport({ ads: [makeAd('z', { advertiser: { name: 'Bike Shop' } })], consent: { tcf: null, gpp: null, usp: '1YYN', gpc: true } })));

  it('adds, and subtracting again gives back what was there, dropping keys that reach zero', () => {
    const sum = addCounts(a, b, 1);
    expect(sum.pages).toBe(2);
    expect(sum.advertisers).toEqual({ 'Acme Shoes': 1, 'Bike Shop': 1 });
    expect(sum.consent).toEqual({ accepted: 1, 'us-privacy': 1 });
    expect(sum.segments['audience-segment\tInterest > Sports > Running']?.n).toBe(2);
    expect(addCounts(sum, b, -1)).toEqual(a);
    expect(isEmptyDay(addCounts(addCounts(sum, a, -1), b, -1))).toBe(true);
  });

  it('changes neither argument', () => {
    const before = structuredClone(a);
    addCounts(a, b, 1);
    addCounts(a, a, -1);
    expect(a).toEqual(before);
  });

  it(`keeps at most ${MAX_KEYS_PER_MAP} keys per map, the rest under one key, with exact totals`, () => {
    const one = (i: number): DayCounts => contribution(makeRecord(`r${i}`, makeReport({ ads: [makeAd('a', { advertiser: { name: `adv-${i}` }, reasons: [segment('p.example', 4, String(i), `segment ${i}`)] })] })));
    const parts = Array.from({ length: MAX_KEYS_PER_MAP + 100 }, (_, i) => one(i));
    let day = emptyDay('2026-03-01');
    for (const p of parts) day = addCounts(day, p, 1);
    expect(Object.keys(day.advertisers)).toHaveLength(MAX_KEYS_PER_MAP + 1);
    expect(day.advertisers[OTHER_KEY]).toBe(100);
    expect(Object.values(day.advertisers).reduce((s, n) => s + n, 0)).toBe(parts.length);
    expect(Object.keys(day.segments)).toHaveLength(MAX_KEYS_PER_MAP + 1);
    expect(Object.values(day.segments).reduce((s, x) => s + x.n, 0)).toBe(parts.length);
    // Taking them away in another order still ends at nothing, never below zero.
    for (const p of [...parts].reverse()) {
      day = addCounts(day, p, -1);
      expect(Object.values(day.advertisers).every((n) => n > 0)).toBe(true);
    }
    expect(isEmptyDay(day)).toBe(true);
  });

  it('adding any contributions and subtracting them in any order ends empty (property)', () => {
    const ad = fc.record({
      advertiser: fc.constantFrom('Acme', 'Bike Shop', 'toString', ''),
      company: fc.constantFrom('Xandr', 'Google', 'Criteo'),
      kind: fc.constantFrom('audience-segment', 'contextual', 'auction', 'demographic') as fc.Arbitrary<Reason['kind']>,
      detail: fc.constantFrom('Sports', 'Age 25-34', 'News'),
      status: fc.constantFrom('shown', 'unfilled') as fc.Arbitrary<ReportAd['status']>,
    });
    const page = fc.array(ad, { maxLength: 4 }).map((ads) =>
      contribution(
        makeRecord(
          'r',
          makeReport({
            ads: ads.map((x, i) =>
              makeAd(`a${i}`, {
                status: x.status,
                advertiser: x.advertiser ? { name: x.advertiser } : null,
                sellers: [{ company: x.company }],
                reasons: [{ kind: x.kind, basis: 'declared', detail: x.detail, evidence: [{ source: 's', value: 'v' }] }],
              }),
            ),
          }),
        ),
      ),
    );
    fc.assert(
      fc.property(fc.array(page, { maxLength: 12 }), fc.func(fc.integer()), (pages, rank) => {
        let day = emptyDay('2026-03-01');
        for (const p of pages) day = addCounts(day, p, 1);
        const merged = mergeDays(pages);
        expect({ ...day, day: '' }).toEqual({ ...merged, day: '' });
        const order = pages.map((p, i) => ({ p, k: rank(i) })).sort((x, y) => x.k - y.k);
        for (const { p } of order) day = addCounts(day, p, -1);
        expect(day).toEqual(emptyDay('2026-03-01'));
      }),
      { numRuns: 200 },
    );
  });
});

describe('mergeDays', () => {
  it('sums days, segments with their sources', () => {
    const d1 = contribution(makeRecord('r1', makeReport()));
    const d2 = contribution(makeRecord('r2', makeReport({ observedAt: '2026-03-02T08:00:00.000Z' })));
    const sum = mergeDays([d1, d2]);
    expect(sum.pages).toBe(2);
    expect(sum.ads).toBe(2);
    expect(sum.segments['audience-segment\tInterest > Sports > Running']).toEqual({
      kind: 'audience-segment',
      label: 'Interest > Sports > Running',
      n: 2,
      from: { 'prebid.bidderRequest.user.data': 2, 'bluekai.com': 2 },
    });
    expect('day' in sum).toBe(false);
    const { day: _day, ...nothing } = emptyDay('');
    expect(mergeDays([])).toEqual(nothing);
  });
});
