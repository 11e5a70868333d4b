import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_PIXEL_SITES, rememberPixel, retargetingReason, type PixelMemory } from '../../src/core/retargeting';

const DAY = 86_400_000;
const T0 = Date.parse('2026-11-20T10:00:00Z');

describe('retargeting seen on this device', () => {
  it('remembers the sites with pixels, by registrable domain, and says so for their ads elsewhere', () => {
    let m: PixelMemory = {};
    m = rememberPixel(m, 'www.acme-shoes.example', 'Meta', T0);
    m = rememberPixel(m, 'shop.acme-shoes.example', 'Criteo', T0 + DAY);
    expect(m).toEqual({ 'acme-shoes.example': { companies: ['Meta', 'Criteo'], firstSeen: T0, lastSeen: T0 + DAY } });
    expect(retargetingReason('acme-shoes.example', 'https://news.example/a', m)).toEqual({
      kind: 'retargeting',
      basis: 'observed',
      detail: 'acme-shoes.example',
      evidence: [
        { source: 'network.pixel', value: 'Meta pixel on acme-shoes.example, last seen 2026-11-21' },
        { source: 'network.pixel', value: 'Criteo pixel on acme-shoes.example, last seen 2026-11-21' },
      ],
    });
  });

  it('says nothing for an advertiser never seen, without a domain, or on its own site', () => {
    const m = rememberPixel({}, 'acme-shoes.example', 'Meta', T0);
    expect(retargetingReason('other.example', 'https://news.example/', m)).toBeNull();
    expect(retargetingReason(undefined, 'https://news.example/', m)).toBeNull();
    expect(retargetingReason('acme-shoes.example', 'https://www.acme-shoes.example/', m)).toBeNull();
  });

  it('keeps at most MAX_PIXEL_SITES sites, forgetting the least recently seen', () => {
    let m: PixelMemory = {};
    for (let i = 0; i < MAX_PIXEL_SITES + 50; i++) m = rememberPixel(m, `s${i}.example`, 'Meta', T0 + i);
    expect(Object.keys(m)).toHaveLength(MAX_PIXEL_SITES);
    expect(m['s0.example']).toBeUndefined();
    expect(m[`s${MAX_PIXEL_SITES + 49}.example`]).toBeDefined();
  });

  it('never throws on any site or advertiser', () => {
    fc.assert(fc.property(fc.string(), fc.string(), fc.string(), (site, company, ad) => {
      const m = rememberPixel({}, site, company, T0);
      expect(() => retargetingReason(ad, `https://${site}/`, m)).not.toThrow();
    }), { numRuns: 1_000 });
  });
});

describe('retargeting from your history (with your permission)', () => {
  it('is inferred from a visit to the advertiser\'s site, with the date as evidence', async () => {
    const { historyReason } = await import('../../src/core/retargeting');
    const visits = { 'acme-shoes.example': T0 };
    expect(historyReason('www.acme-shoes.example', 'https://news.example/', visits)).toEqual({
      kind: 'retargeting',
      basis: 'inferred',
      detail: 'acme-shoes.example',
      evidence: [{ source: 'history', value: 'you visited acme-shoes.example, last on 2026-11-20' }],
    });
    expect(historyReason('acme-shoes.example', 'https://acme-shoes.example/sale', visits)).toBeNull();
    expect(historyReason('other.example', 'https://news.example/', visits)).toBeNull();
    expect(historyReason(undefined, 'https://news.example/', visits)).toBeNull();
  });
});
