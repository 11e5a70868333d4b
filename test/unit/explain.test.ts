/**
 * The explanation engine on tab snapshots built from fixtures: each ad's advertiser, payer,
 * reasons (kind and basis), opt-outs and flags, the page's consent summary, identifiers and
 * flags; and that forged page data never becomes a reason's link or a link at all.
 */
import { GppModel } from '@iabgpp/cmpapi';
import { describe, expect, it } from 'vitest';
import { OPT_OUTS } from '../../src/core/opt-outs';
import { buildReport } from '../../src/core/report';
import { emptySnapshot, withFrame, withSignal, type TabSnapshot } from '../../src/core/tab-snapshot';
import type { FrameAd } from '../../src/shared/frame-ad';
import type { PageReport } from '../../src/shared/page-report';
import type { JsonValue } from '../../src/shared/signals';
import { tcString } from './gvl';
import { reportErrors } from './schema-validator';

const NOW = new Date('2026-11-29T10:00:00Z');
const ad = (key: string, elementId: string, extra: Partial<FrameAd> = {}): FrameAd => ({ key, status: 'shown', format: 'display', detectedBy: ['prebid'], width: 300, height: 250, elementId, ...extra });

interface PageSpec {
  ads: FrameAd[];
  prebid?: JsonValue;
  gpt?: JsonValue;
  tcf?: JsonValue;
  gpp?: JsonValue;
  gpc?: boolean | null;
}

function report(spec: PageSpec): PageReport {
  let s: TabSnapshot = emptySnapshot(1, 'https://news.example/a', 'doc', 0);
  s = withFrame(s, { frameId: 0, parentFrameId: -1, url: 'https://news.example/a', ads: spec.ads, probe: { gpc: spec.gpc ?? null }, updatedAt: 1 });
  for (const source of ['prebid', 'gpt', 'tcf', 'gpp'] as const) {
    const data = spec[source];
    if (data !== undefined) s = withSignal(s, 0, source, data);
  }
  const r = buildReport(s, NOW);
  expect(reportErrors(r)).toEqual([]);
  return r;
}

const dsa = (params: number[], domain = 'dsp.demo-dsp.example') => ({ behalf: 'Acme Shoes B.V.', paid: 'Acme Media Agency', transparency: [{ domain, dsaparams: params }], adrender: 0 });

function prebid(meta: Record<string, JsonValue>, ortb2: Record<string, JsonValue> = {}, extra: Record<string, JsonValue> = {}): JsonValue {
  return [
    {
      global: 'pbjs',
      version: 'v11.36.0',
      winningBids: [{ bidderCode: 'appnexus', adId: 'ad1', adUnitCode: 'slot-1', auctionId: 'a1', status: 'rendered', meta, ...extra }],
      eids: [],
      auctions: [{ auctionId: 'a1', bidderRequests: [{ bidderCode: 'appnexus', ortb2 }] }],
    },
  ];
}

const consentAll = { status: 'ok', via: 'api', data: { tcString: tcString([1, 2, 3, 4, 7], [32]), gdprApplies: true, cmpId: 31 } };
const kinds = (r: PageReport, i = 0): [string, string][] => (r.ads[i]?.reasons ?? []).map((x) => [x.kind, x.basis]);
const codes = (r: PageReport, i = 0): string[] => (r.ads[i]?.flags ?? []).map((f) => f.code).sort();

describe('explanation engine', () => {
  it('a profiled ad with full DSA information: who, why, and no flags when consent was given', () => {
    const r = report({
      ads: [ad('a1', 'slot-1')],
      prebid: prebid(
        { advertiserDomains: ['acme-shoes.example'], advertiserName: 'Acme', networkName: 'Demo DSP', dsa: dsa([1, 2]) },
        { user: { data: [{ name: 'dmp.example', ext: { segtax: 4 }, segment: [{ id: '49' }] }] }, regs: { ext: { dsa: { dsarequired: 3 } } } },
      ),
      tcf: consentAll,
    });
    const a = r.ads[0];
    expect(a?.advertiser).toEqual({ name: 'Acme Shoes B.V.', domain: 'acme-shoes.example' });
    expect(a?.paidBy).toBe('Acme Media Agency');
    expect(kinds(r)).toEqual([['profiling', 'declared'], ['demographic', 'declared'], ['auction', 'observed']]);
    expect(a?.reasons[1]?.detail).toBe('Demographic > Gender > Female');
    expect(a?.reasons[0]?.evidence).toEqual([{ source: 'prebid.meta.dsa.transparency', value: 'dsp.demo-dsp.example: dsaparams 1,2' }]);
    expect(a?.sellers.map((s) => [s.company ?? s.domain, s.role ?? null])).toEqual([['Xandr (Microsoft)', 'ssp'], ['Demo DSP', 'dsp'], ['dsp.demo-dsp.example', null]]);
    expect(a?.dsa).toEqual({ behalf: 'Acme Shoes B.V.', paid: 'Acme Media Agency', params: [1, 2], transparency: [{ domain: 'dsp.demo-dsp.example', params: [1, 2] }] });
    expect(a?.optOuts[0]?.id).toBe('xandr-platform-privacy');
    expect(codes(r)).toEqual([]);
    expect(r.consent.tcf).toMatchObject({ gdprApplies: true, cmpId: 31, status: 'ok', vendorsConsented: 1, purposes: { consented: [1, 2, 3, 4, 7], refused: [5, 6, 8, 9, 10, 11] } });
  });

  it('a contextual ad: DSA parameter 2 only and the page\'s categories', () => {
    const r = report({
      ads: [ad('a1', 'slot-1')],
      prebid: prebid({ advertiserDomains: ['sunny-travel.example'], dsa: dsa([2]) }, { site: { cat: ['IAB20'], content: { data: [{ name: 'ctx.example', ext: { segtax: 6 }, segment: [{ id: '653' }] }] } } }),
    });
    expect(kinds(r)).toEqual([['contextual', 'declared'], ['contextual', 'declared'], ['auction', 'observed']]);
    expect(r.ads[0]?.reasons.map((x) => x.detail)).toEqual(['dsp.demo-dsp.example', 'Travel', 'Xandr (Microsoft)']);
    // Content 2.2 id 653 and IAB 1.0 "IAB20" are both Travel: one reason, both pieces of evidence.
    expect(r.ads[0]?.reasons[1]?.evidence.map((e) => e.source)).toEqual(['prebid.bidderRequest.site.content.data', 'prebid.bidderRequest.site.cat']);
    expect(codes(r)).toEqual([]);
  });

  it('profiling after consent to profiling was refused, by a company without consent', () => {
    const r = report({
      ads: [ad('a1', 'slot-1')],
      prebid: prebid({ dsa: dsa([1], 'adnxs.com') }),
      tcf: { status: 'ok', via: 'api', data: { tcString: tcString([1, 2], []), gdprApplies: true, cmpId: 31 } },
    });
    expect(codes(r)).toEqual(['profiling-without-consent', 'vendor-without-consent']);
    expect(r.flags.map((f) => [f.code, f.severity])).toEqual([['profiling-without-consent', 'alert'], ['vendor-without-consent', 'warn']]);
    expect(r.consent.tcf?.purposes.refused).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11]);
  });

  it('the publisher\'s gvlMapping names the winning bidder\'s vendor', () => {
    const refused = { status: 'ok', via: 'api', data: { tcString: tcString([1, 2, 3, 4], [755]), gdprApplies: true } };
    const page = (mapping: JsonValue): JsonValue => [{ ...(prebid({ dsa: dsa([1]) }) as [Record<string, JsonValue>])[0], winningBids: [{ bidderCode: 'billow_rtb25', adId: 'b', adUnitCode: 'slot-1', status: 'rendered', meta: { dsa: dsa([1]) } }], gvlMapping: mapping }];
    expect(codes(report({ ads: [ad('a1', 'slot-1')], prebid: page({ billow_rtb25: 32 }), tcf: refused }))).toEqual(['vendor-without-consent']);
    expect(codes(report({ ads: [ad('a1', 'slot-1')], prebid: page({ billow_rtb25: 755 }), tcf: refused }))).toEqual([]);
    expect(codes(report({ ads: [ad('a1', 'slot-1')], prebid: page(null), tcf: refused }))).toEqual([]);
  });

  it('no profiling flag where GDPR does not apply, or where nothing was profiled', () => {
    const refused = { status: 'ok', via: 'api', data: { tcString: tcString([1, 2], []), gdprApplies: false } };
    expect(codes(report({ ads: [ad('a1', 'slot-1')], prebid: prebid({ dsa: dsa([1]) }), tcf: refused }))).toEqual([]);
    const refusedGdpr = { status: 'ok', via: 'api', data: { tcString: tcString([1, 2], []), gdprApplies: true } };
    expect(codes(report({ ads: [ad('a1', 'slot-1')], prebid: prebid({ dsa: dsa([2]) }), tcf: refusedGdpr }))).toEqual([]);
  });

  it('precise location, coarse location, and cross-site IDs', () => {
    const r = report({
      ads: [ad('a1', 'slot-1')],
      prebid: prebid({ dsa: dsa([3]) }, { device: { geo: { lat: 52.37, lon: 4.89, type: 1, accuracy: 20 } }, user: { eids: [{ source: 'liveramp.com', uids: [{ id: 'x', atype: 3 }] }] } }),
    });
    expect(kinds(r)).toEqual([['precise-location', 'declared'], ['precise-location', 'declared'], ['cross-site-id', 'declared'], ['auction', 'observed']]);
    expect(r.identifiers).toEqual([{ source: 'liveramp.com', atype: 3, via: 'Prebid.js (pbjs)' }]);
    expect(r.dataFlows).toEqual([{ from: 'news.example', to: 'Xandr (Microsoft)', kind: 'bid-request', carries: ['cross-site-ids', 'precise-location'] }]);
    const coarse = report({ ads: [ad('a1', 'slot-1')], prebid: prebid({}, { device: { geo: { country: 'NLD', region: 'NH', type: 2 } } }) });
    expect(coarse.ads[0]?.reasons[0]).toMatchObject({ kind: 'location', basis: 'declared', detail: 'NH, NLD' });
  });

  it('DSA information missing where the page required it', () => {
    const r = report({ ads: [ad('a1', 'slot-1')], prebid: prebid({ advertiserDomains: ['x.example'] }, { regs: { ext: { dsa: { dsarequired: 3 } } } }) });
    expect(codes(r)).toEqual(['dsa-info-missing']);
    const optional = report({ ads: [ad('a1', 'slot-1')], prebid: prebid({}, { regs: { ext: { dsa: { dsarequired: 1 } } } }) });
    expect(codes(optional)).toEqual([]);
  });

  it('a segment in a sensitive category', () => {
    const r = report({ ads: [ad('a1', 'slot-1')], prebid: prebid({ dsa: dsa([1]) }, { user: { data: [{ name: 'dmp.example', ext: { segtax: 4 }, segment: [{ id: '1' }] }] } }) });
    expect(codes(r)).toEqual([]);
    const health = report({ ads: [ad('a1', 'slot-1')], prebid: prebid({ dsa: dsa([1]) }, { user: { data: [{ name: 'dmp.example', ext: { segtax: 6 }, segment: [{ id: '286' }] }] } }) });
    expect(codes(health)).toEqual(['sensitive-category']);
  });

  it('vendor-specific segments stay ids, said as such', () => {
    const r = report({ ads: [ad('a1', 'slot-1')], prebid: prebid({}, { user: { data: [{ name: 'permutive.com', ext: { segtax: 6001 }, segment: [{ id: '12345' }] }] } }) });
    expect(r.ads[0]?.reasons[0]).toMatchObject({ kind: 'audience-segment', basis: 'declared', detail: 'permutive.com segment 12345 (vendor taxonomy 6001)' });
  });

  it('GPC sent, and the page\'s GPP says targeted advertising was not opted out of', () => {
    const model = new GppModel();
    model.setFieldValue('usnat', 'TargetedAdvertisingOptOut', 2);
    model.setFieldValue('usnat', 'TargetedAdvertisingOptOutNotice', 1);
    const gpp = { status: 'ok', via: 'api', data: { gppString: model.encode(), applicableSections: [7], signalStatus: 'ready' } };
    const r = report({ ads: [ad('a1', 'slot-1')], prebid: prebid({ advertiserDomains: ['x.example'] }), gpp, gpc: true });
    expect(r.flags.map((f) => f.code)).toEqual(['gpc-not-honoured']);
    expect(codes(r)).toEqual([]);
    expect(r.consent.gpp?.sections.usnat?.TargetedAdvertisingOptOut).toBe(2);
    expect(report({ ads: [ad('a1', 'slot-1')], gpp, gpc: false }).flags).toEqual([]);
    const profiled = report({ ads: [ad('a1', 'slot-1')], prebid: prebid({ dsa: dsa([1]) }), gpc: true });
    expect(codes(profiled)).toEqual(['gpc-not-honoured']);
  });

  it('Google Publisher Tag: direct, backfill, and header bidding through the slot\'s hb_adid', () => {
    const slot = (elementId: string, targeting: Record<string, string[]>, render: Record<string, JsonValue>) => ({ path: '/1234/news', elementId, targeting, response: null, render });
    const r = report({
      ads: [ad('a1', 'div-direct', { detectedBy: ['gpt'] }), ad('a2', 'div-backfill', { detectedBy: ['gpt'] }), ad('a3', 'div-hb', { detectedBy: ['gpt'] })],
      gpt: {
        version: 'v', apstag: false, pageTargeting: {},
        slots: [
          slot('div-direct', {}, { isEmpty: false, isBackfill: false, advertiserId: 4923741, lineItemId: 6012345678 }),
          slot('div-backfill', {}, { isEmpty: false, isBackfill: true, advertiserId: null }),
          slot('div-hb', { hb_bidder: ['appnexus'], hb_adid: ['ad1'] }, { isEmpty: false, isBackfill: false, advertiserId: 1 }),
        ],
      },
      prebid: prebid({ advertiserDomains: ['hb.example'] }, {}, { adUnitCode: 'other-code' }),
    });
    expect(kinds(r, 0)).toEqual([['direct-deal', 'inferred']]);
    expect(r.ads[0]?.reasons[0]?.detail).toBe('advertiser #4923741, line item #6012345678');
    expect(kinds(r, 1)).toEqual([['auction', 'inferred']]);
    expect(r.ads[1]?.reasons[0]?.detail).toBe('Google Ad Manager backfill');
    expect(kinds(r, 2)).toEqual([['auction', 'observed']]);
    expect(r.ads[2]?.advertiser).toEqual({ domain: 'hb.example' });
    expect(r.ads[0]?.optOuts[0]?.id).toBe('google-my-ad-center');
  });

  it('no evidence, no reason: an ad nothing speaks for is unknown', () => {
    const r = report({ ads: [ad('a1', 'slot-1')], prebid: prebid({}, {}, { adUnitCode: 'elsewhere' }) });
    expect(r.ads[0]?.reasons).toEqual([{ kind: 'unknown', basis: 'observed', evidence: [] }]);
  });

  it('forged data: markup and javascript: URLs stay text, and every link is from our directory', () => {
    const evil = '<img src=x onerror=alert(1)>javascript:alert(1)';
    const r = report({
      ads: [ad('a1', 'slot-1')],
      prebid: prebid(
        { advertiserDomains: ['javascript:alert(1)', evil], advertiserName: evil, networkName: evil, dsa: { behalf: evil, paid: evil, transparency: [{ domain: 'javascript:alert(1)', dsaparams: [1] }] } },
        { user: { data: [{ name: evil, ext: { segtax: 4 }, segment: [{ id: evil }] }] } },
      ),
      tcf: { status: 'ok', via: 'api', data: { tcString: evil, gdprApplies: true } },
    });
    const a = r.ads[0];
    expect(a?.advertiser).toEqual({ name: evil.slice(0, 100) });
    expect(a?.advertiser?.domain).toBeUndefined();
    const directory = new Set(OPT_OUTS.map((o) => o.url));
    for (const o of a?.optOuts ?? []) expect(directory.has(o.url)).toBe(true);
    expect(r.consent.tcf?.status).toBe('error');
    // The forged DSA names no domain, so it declares nothing; the segment is said as the id it is.
    expect(a?.reasons.map((x) => x.kind)).toEqual(['audience-segment', 'auction']);
  });
});
