/** The network observer's pure part: bid bodies, syncs, pixels, and the caps on what a tab keeps. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonDepth, MAX_BODY_BYTES, readBidBody } from '../../src/core/network/body';
import { emptyNetwork, NETWORK_LIMITS, recordRedirect, recordRequest, type Classify, type NetRequest } from '../../src/core/network/tab-network';

// A stand-in for the directory (it has its own tests): a few hosts, enough to test the flows.
const HOSTS: Record<string, [string, string, string]> = {
  'ib.adnxs.com': ['xandr', 'Xandr (Microsoft)', 'ssp'],
  'www.facebook.com': ['meta', 'Meta', 'pixel'],
  'match.adsrvr.org': ['thetradedesk', 'The Trade Desk', 'dsp'],
  'pixel.rubiconproject.com': ['magnite', 'Magnite', 'ssp'],
  'eus.rubiconproject.com': ['magnite', 'Magnite', 'ssp'],
};
const classify: Classify = (url) => {
  const hit = HOSTS[url.hostname] ?? (/^c\d+\.example$/.test(url.hostname) ? [url.hostname, url.hostname, 'ssp'] : undefined);
  return hit ? { id: hit[0], name: hit[1], domain: url.hostname, role: hit[2], category: hit[2] } : null;
};
const post = (url: string, body: unknown, initiator: string | null = 'https://news.example'): NetRequest => {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return { url, method: 'POST', initiator, body: { text, bytes: text.length } };
};
const get = (url: string, initiator: string | null = 'https://news.example'): NetRequest => ({ url, method: 'GET', initiator, body: null });

const BID_REQUEST = {
  id: 'a-123',
  imp: [{ id: '1', banner: { format: [{ w: 300, h: 250 }] } }],
  site: { domain: 'news.example', cat: ['IAB12'] },
  device: { geo: { lat: 52.37, lon: 4.89, type: 1 } },
  user: { consent: 'CQabc', data: [{ name: 'dmp.example', ext: { segtax: 4 }, segment: [{ id: '49' }] }], eids: [{ source: 'liveramp.com', uids: [{ id: 'x', atype: 3 }] }] },
  regs: { gdpr: 1, us_privacy: '1YNN', ext: { dsa: { dsarequired: 3 } } },
  source: { schain: { ver: '1.0', complete: 1, nodes: [{ asi: 'ssp.example', sid: '123', hp: 1 }] } },
};

describe('bid request bodies', () => {
  it('reads an OpenRTB request: ids, segments, location, consent, supply chain', () => {
    const r = readBidBody(JSON.stringify(BID_REQUEST), 1_000);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.facts).toMatchObject({ consentString: true, usPrivacy: '1YNN', gpp: false, impressions: 1, dsaRequired: 3, gdpr: true, schain: [{ asi: 'ssp.example', sid: '123', hp: true }] });
    expect(r.facts.eids).toEqual([{ source: 'liveramp.com', atype: 3 }]);
    expect(r.facts.geo?.hasLatLon).toBe(true);
  });

  it('refuses, with the reason, a body too large, too deep, not JSON or not OpenRTB', () => {
    expect(readBidBody(null, 50 * 1024 * 1024)).toEqual({ ok: false, reason: 'too-large' });
    expect(readBidBody('x'.repeat(MAX_BODY_BYTES + 1), MAX_BODY_BYTES + 1)).toEqual({ ok: false, reason: 'too-large' });
    expect(readBidBody('['.repeat(100_000) + ']'.repeat(100_000), 200_000)).toEqual({ ok: false, reason: 'too-deep' });
    expect(readBidBody('{"imp": [1,', 11)).toEqual({ ok: false, reason: 'not-json' });
    expect(readBidBody('{"tags": []}', 12)).toEqual({ ok: false, reason: 'not-openrtb' });
  });

  it('counts depth outside strings only, and stops at the limit', () => {
    expect(jsonDepth('{"a": "[[[[[[[", "b": [1, {"c": 2}]}', 10)).toBe(3);
    expect(jsonDepth('"\\"[["', 10)).toBe(0);
    expect(jsonDepth('['.repeat(1_000), 40)).toBe(41);
  });

  it('never throws on any body', () => {
    fc.assert(fc.property(fc.string({ maxLength: 2_000 }), (text) => {
      expect(() => readBidBody(text, text.length)).not.toThrow();
    }), { numRuns: 2_000 });
    fc.assert(fc.property(fc.jsonValue(), (value) => {
      const text = JSON.stringify({ imp: [], user: value, regs: value, source: value, device: value });
      expect(readBidBody(text, text.length).ok).toBe(true);
    }), { numRuns: 1_000 });
  });
});

describe('a tab\'s network', () => {
  it('turns a bid request into a company, what it received, a flow and identifiers', () => {
    const s = emptyNetwork();
    recordRequest(s, post('https://ib.adnxs.com/openrtb2/prebidjs', BID_REQUEST), 'news.example', classify);
    recordRequest(s, get('https://news.example/app.js'), 'news.example', classify);
    expect(s.requests).toBe(2);
    expect(s.adTechRequests).toBe(1);
    expect(s.bidRequests).toBe(1);
    expect(s.companies.xandr).toEqual({ id: 'xandr', name: 'Xandr (Microsoft)', domain: 'ib.adnxs.com', category: 'ssp', roles: ['ssp'], requests: 1, receives: ['cross-site-ids', 'audience-segments', 'precise-location', 'consent-string', 'page-categories'], schain: ['ssp.example'] });
    expect(s.flows).toEqual([{ from: 'news.example', to: 'Xandr (Microsoft)', kind: 'bid-request', carries: ['cross-site-ids', 'audience-segments', 'precise-location', 'consent-string', 'page-categories'] }]);
    expect(s.identifiers).toEqual([{ source: 'liveramp.com', atype: 3, via: 'Xandr (Microsoft)' }]);
  });

  it('sees ID syncs by redirect parameter, by server redirect, and from a company\'s own frame', () => {
    const s = emptyNetwork();
    recordRequest(s, get('https://pixel.rubiconproject.com/exchange/sync.php?p=1&redir=https%3A%2F%2Fmatch.adsrvr.org%2Ftrack%2Fcmf%2Fgeneric'), 'news.example', classify);
    recordRedirect(s, 'https://ib.adnxs.com/getuid?x', 'https://pixel.rubiconproject.com/tap.php?v=1', classify);
    recordRequest(s, get('https://ib.adnxs.com/setuid?entity=1&code=abc', 'https://eus.rubiconproject.com'), 'news.example', classify);
    expect(s.flows).toEqual([
      { from: 'Magnite', to: 'The Trade Desk', kind: 'id-sync', carries: ['id'] },
      { from: 'Xandr (Microsoft)', to: 'Magnite', kind: 'id-sync', carries: ['id'] },
      { from: 'Magnite', to: 'Xandr (Microsoft)', kind: 'id-sync', carries: ['id'] },
    ]);
    expect(s.companies.thetradedesk?.receives).toEqual(['id']);
  });

  it('sees a retargeting pixel and the event it reports', () => {
    const s = emptyNetwork();
    recordRequest(s, get('https://www.facebook.com/tr?id=123&ev=AddToCart&dl=https%3A%2F%2Fshop.example'), 'shop.example', classify);
    expect(s.flows).toEqual([{ from: 'shop.example', to: 'Meta', kind: 'pixel', carries: ['visit', 'event:AddToCart'] }]);
    expect(s.companies.meta?.receives).toEqual(['visit']);
  });

  it('counts unreadable ad-tech bodies and goes on; keeps at most its caps and counts the rest', () => {
    const s = emptyNetwork();
    const huge = { url: 'https://ib.adnxs.com/ut/v3', method: 'POST', initiator: null, body: { text: null, bytes: 50 * 1024 * 1024 } };
    recordRequest(s, huge, 'news.example', classify);
    recordRequest(s, post('https://ib.adnxs.com/ut/v3', '{'.repeat(10_000)), 'news.example', classify);
    expect(s.unreadable).toEqual({ 'too-large': 1, 'too-deep': 1 });
    for (let i = 0; i < 1_000; i++) recordRequest(s, post(`https://c${i}.example/bid`, { imp: [], user: { eids: [{ source: `id${i}.example`, uids: [{ atype: 1 }] }] } }), 'news.example', classify);
    expect(Object.keys(s.companies)).toHaveLength(NETWORK_LIMITS.companies);
    expect(s.flows).toHaveLength(NETWORK_LIMITS.flows);
    expect(s.identifiers).toHaveLength(NETWORK_LIMITS.identifiers);
    expect(s.dropped.companies).toBe(1_000 + 1 - NETWORK_LIMITS.companies);
    expect(s.dropped.identifiers).toBe(1_000 - NETWORK_LIMITS.identifiers);
  });

  it('never throws on hostile URLs and initiators', () => {
    fc.assert(fc.property(fc.string(), fc.option(fc.string()), fc.constantFrom('GET', 'POST'), (url, initiator, method) => {
      const s = emptyNetwork();
      expect(() => recordRequest(s, { url, method, initiator, body: { text: url, bytes: url.length } }, 'x', classify)).not.toThrow();
      expect(() => recordRedirect(s, url, initiator ?? '', classify)).not.toThrow();
    }), { numRuns: 2_000 });
  });
});

describe('first-party requests', () => {
  it('are not attributed to the site\'s own company', () => {
    const s = emptyNetwork();
    recordRequest(s, get('https://pixel.rubiconproject.com/x.gif'), 'www.rubiconproject.com', classify);
    expect(s.adTechRequests).toBe(0);
    expect(s.companies).toEqual({});
  });
});

describe('the network in the report', () => {
  it('adds the supply chain the winning seller\'s bid request declared to the ad\'s sellers', async () => {
    const { mergeNetwork } = await import('../../src/core/explain/network');
    const s = emptyNetwork();
    recordRequest(s, post('https://ib.adnxs.com/openrtb2/prebidjs', BID_REQUEST), 'news.example', classify);
    const ad = { id: '0:a1', status: 'shown', format: 'display', slot: { width: 300, height: 250 }, detectedBy: ['prebid'], advertiser: null, paidBy: null, sellers: [{ company: 'Xandr (Microsoft)', domain: 'xandr.com', role: 'ssp' }], reasons: [{ kind: 'unknown', basis: 'observed', evidence: [] }], dsa: null, optOuts: [], flags: [] } as const;
    const report = { schema: 'why-this-ad/page-report/1', url: 'https://news.example/', observedAt: '2026-11-29T00:00:00.000Z', ads: [ad], consent: { tcf: null, gpp: null, usp: null, gpc: null }, companies: [], identifiers: [], dataFlows: [], flags: [] } as const;
    const merged = mergeNetwork(JSON.parse(JSON.stringify(report)) as never, s);
    expect(merged.ads[0]?.sellers).toEqual([{ company: 'Xandr (Microsoft)', domain: 'xandr.com', role: 'ssp' }, { domain: 'ssp.example', role: 'seller' }]);
    expect(merged.companies.map((c) => [c.id, c.requests])).toEqual([['xandr', 1]]);
    expect(merged.network).toEqual({ requests: 1, adTechRequests: 1, bidRequests: 1, unreadableBodies: 0, dropped: { companies: 0, flows: 0, identifiers: 0 } });
  });
});
