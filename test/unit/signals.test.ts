/** Core normalisers of the probe's raw signals, on fixtures from ad-signals.md and on hostile input. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseDsa } from '../../src/core/signals/dsa';
import { gptFacts } from '../../src/core/signals/gpt';
import { ortbFacts } from '../../src/core/signals/ortb';
import { normaliseBid } from '../../src/core/signals/prebid-bid';
import { prebidFacts, requestFor } from '../../src/core/signals/prebid';

/** ad-signals.md §2.3's bidWon fixture. */
const BID_WON = {
  bidderCode: 'rubicon', adId: '3f2a9c1e7d', requestId: '2b1c', auctionId: 'a-123', adUnitCode: 'div-gpt-ad-1699097504853-0',
  mediaType: 'banner', source: 'client', width: 300, height: 250, size: '300x250', cpm: 1.42, currency: 'EUR', netRevenue: true,
  creativeId: 'cr-778', dealId: null, ttl: 300, status: 'rendered', timeToRespond: 212,
  adserverTargeting: { hb_bidder: 'rubicon', hb_adid: '3f2a9c1e7d', hb_pb: '1.40', hb_size: '300x250', hb_format: 'banner', hb_adomain: 'acme.example', hb_ver: '1.17.2' },
  meta: {
    advertiserDomains: ['acme.example'], advertiserName: 'Acme', networkName: 'DSP-X', primaryCatId: 'IAB19',
    dsa: { behalf: 'Acme GmbH', paid: 'Acme GmbH', transparency: [{ domain: 'dsp-x.example', dsaparams: [1] }], adrender: 0 },
  },
};

describe('DSA transparency object', () => {
  it('reads the current names', () => {
    const r = normaliseDsa({ behalf: 'Acme GmbH', paid: 'Acme Media Agency', transparency: [{ domain: 'dsp1domain.com', dsaparams: [1, 2] }], adrender: 1 });
    expect(r).toEqual({ ok: true, value: { behalf: 'Acme GmbH', paid: 'Acme Media Agency', params: [1, 2], transparency: [{ domain: 'dsp1domain.com', params: [1, 2] }], adrender: 1 } });
  });

  it('reads the draft form: arrays around objects, a single transparency object, `params`', () => {
    const r = normaliseDsa([{ behalf: 'B', transparency: { domain: 'Platform1Domain.com', params: [3, 1, 3] } }]);
    expect(r.ok && r.value).toEqual({ behalf: 'B', params: [1, 3], transparency: [{ domain: 'platform1domain.com', params: [1, 3] }] });
  });

  it.each([
    ['null', null],
    ['a string', 'behalf=Acme'],
    ['an empty object', {}],
    ['a domain that is not one', { transparency: [{ domain: 'javascript:alert(1)', dsaparams: [1] }] }],
  ])('refuses %s with an error', (_name, input) => {
    const r = normaliseDsa(input);
    expect(r.ok).toBe(false);
  });

  it('caps names at the 100 characters the spec allows, and drops markup nowhere (it is shown as text)', () => {
    const r = normaliseDsa({ behalf: `<img src=x onerror=alert(1)>${'x'.repeat(500)}`, paid: 'p' });
    expect(r.ok && r.value.behalf?.length).toBe(100);
  });

  it('never throws, whatever it is given', () => {
    fc.assert(fc.property(fc.anything(), (input) => {
      const r = normaliseDsa(input);
      expect(typeof r.ok).toBe('boolean');
    }), { numRuns: 2000 });
  });
});

describe('Prebid bid', () => {
  it('reads the bidWon fixture', () => {
    const r = normaliseBid(BID_WON);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({
      bidder: 'rubicon', adId: '3f2a9c1e7d', adUnitCode: 'div-gpt-ad-1699097504853-0', status: 'rendered', advertiserDomains: ['acme.example'],
      advertiserName: 'Acme', networkName: 'DSP-X', primaryCatId: 'IAB19', dealId: null,
      dsa: { behalf: 'Acme GmbH', paid: 'Acme GmbH', params: [1], transparency: [{ domain: 'dsp-x.example', params: [1] }], adrender: 0 },
    });
    expect(r.value.targeting.hb_adid).toBe('3f2a9c1e7d');
  });

  it('keeps only hb_ keys and bare domains from page data', () => {
    const r = normaliseBid({ bidderCode: 'x', adserverTargeting: { hb_bidder: 'x', evil: 'y', __proto__: 'z' }, meta: { advertiserDomains: ['https://evil.example/path', 'ok.example', 42] } });
    expect(r.ok && r.value.targeting).toEqual({ hb_bidder: 'x' });
    expect(r.ok && r.value.advertiserDomains).toEqual(['ok.example']);
  });

  it('never throws on random or truncated bid metadata', () => {
    fc.assert(fc.property(fc.anything(), fc.anything(), (meta, targeting) => {
      const r = normaliseBid({ bidderCode: 'b', meta, adserverTargeting: targeting });
      expect(r.ok).toBe(true);
    }), { numRuns: 2000 });
    fc.assert(fc.property(fc.nat(400), (cut) => {
      const text = JSON.stringify(BID_WON).slice(0, cut);
      let value: unknown = text;
      try {
        value = JSON.parse(text);
      } catch {
        // A truncated document is still something a page could send.
      }
      expect(() => normaliseBid(value)).not.toThrow();
    }));
  });
});

describe('OpenRTB facts', () => {
  const ORTB = {
    site: { cat: ['IAB2'], content: { data: [{ name: 'www.dataprovider1.com', ext: { segtax: 7 }, segment: [{ id: '687' }, { id: '123' }] }] } },
    user: {
      data: [{ name: 'dataprovider.com', ext: { segtax: 4 }, segment: [{ id: '3' }, { id: '50' }] }],
      ext: { eids: [{ source: 'pubcid.org', uids: [{ id: 'c2d1', atype: 1 }] }] },
      eids: [{ source: 'liveramp.com', uids: [{ id: 'XY', atype: 3 }] }],
    },
    device: { geo: { lat: 52.37, lon: 4.89, type: 1, accuracy: 20 } },
    regs: { gdpr: 1, ext: { dsa: { dsarequired: 3, pubrender: 0, datatopub: 2 } } },
  };

  it('reads segments, categories, ids, location and rules (ad-signals.md §2.5, §6.1)', () => {
    const f = ortbFacts(ORTB);
    expect(f.userSegments).toEqual([{ provider: 'dataprovider.com', tax: 4, id: '3' }, { provider: 'dataprovider.com', tax: 4, id: '50' }]);
    expect(f.contentSegments.map((s) => s.id)).toEqual(['687', '123']);
    expect(f.siteCategories).toEqual([{ tax: 1, id: 'IAB2' }]);
    expect(f.eids).toEqual([{ source: 'liveramp.com', atype: 3 }, { source: 'pubcid.org', atype: 1 }]);
    expect(f.geo).toMatchObject({ type: 1, hasLatLon: true, accuracy: 20 });
    expect(f.dsaRequired).toBe(3);
    expect(f.gdpr).toBe(true);
  });

  it('caps what it keeps', () => {
    const many = { user: { data: [{ name: 'p', ext: { segtax: 4 }, segment: Array.from({ length: 10_000 }, (_, i) => ({ id: String(i) })) }] } };
    expect(ortbFacts(many).userSegments).toHaveLength(50);
  });

  it('never throws', () => {
    fc.assert(fc.property(fc.anything(), (input) => {
      expect(() => ortbFacts(input)).not.toThrow();
    }), { numRuns: 2000 });
  });
});

describe('Prebid signal', () => {
  it('ties the winning bid to its own bidder request, else to the global first-party data', () => {
    const facts = prebidFacts([
      {
        global: 'pbjs', version: 'v11.36.0', winningBids: [BID_WON], eids: [{ source: 'id5-sync.com', uids: [{ id: 'x', atype: 1 }] }],
        auctions: [
          { auctionId: null, bidderRequests: [{ bidderCode: null, ortb2: { site: { cat: ['IAB19'] } } }] },
          { auctionId: 'a-123', bidderRequests: [{ bidderCode: 'rubicon', ortb2: { user: { data: [{ name: 'd', ext: { segtax: 4 }, segment: [{ id: '49' }] }] } } }] },
        ],
      },
    ]);
    expect(facts.bids).toHaveLength(1);
    expect(facts.eids).toEqual([{ source: 'id5-sync.com', atype: 1 }]);
    const bid = facts.bids[0];
    if (!bid) throw new Error('no bid');
    expect(requestFor(facts, bid)?.userSegments).toEqual([{ provider: 'd', tax: 4, id: '49' }]);
    expect(requestFor(facts, { ...bid, auctionId: 'other' })?.siteCategories).toEqual([{ tax: 1, id: 'IAB19' }]);
  });

  it('counts bids that are not bids, and never throws', () => {
    expect(prebidFacts([{ global: 'pbjs', winningBids: [null, 'x', {}] }]).rejected).toBe(3);
    fc.assert(fc.property(fc.anything(), (input) => {
      expect(() => prebidFacts(input)).not.toThrow();
      expect(() => prebidFacts([input])).not.toThrow();
    }), { numRuns: 1000 });
  });
});

describe('GPT signal', () => {
  it('reads slots, targeting and slotRenderEnded (ad-signals.md §3)', () => {
    const g = gptFacts({
      version: '2026081301', apstag: true, pageTargeting: { section: ['sport'] },
      slots: [
        { path: '/21871422770/DC_Rright1', elementId: 'div-gpt-ad-1', targeting: { hb_bidder: ['appnexus'], hb_adid: '9' }, response: { advertiserId: 4923741, campaignId: 3012345678, creativeId: 1, lineItemId: 2 }, render: { isEmpty: false, isBackfill: false, advertiserId: 4923741, lineItemId: 6012345678 } },
        { path: '/1/backfill', elementId: 'div-2', targeting: {}, response: null, render: { isEmpty: false, isBackfill: true, advertiserId: null } },
      ],
    });
    expect(g?.apstag).toBe(true);
    expect(g?.slots[0]?.targeting).toEqual({ hb_bidder: ['appnexus'], hb_adid: ['9'] });
    expect(g?.slots[0]?.render).toMatchObject({ isBackfill: false, lineItemId: 6012345678 });
    expect(g?.slots[1]?.render).toMatchObject({ isBackfill: true, advertiserId: null });
  });

  it('never throws', () => {
    fc.assert(fc.property(fc.anything(), (input) => {
      expect(() => gptFacts(input)).not.toThrow();
      expect(() => gptFacts({ slots: [input] })).not.toThrow();
    }), { numRuns: 1000 });
  });
});
