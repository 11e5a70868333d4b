import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { adUnitPathFromIframeId } from '../../src/core/detect';
import { detectIn, fixture, loadHtml } from './dom-fixture';

const DIR = join(import.meta.dirname, '..', 'fixtures', 'detect');
const DEMO = join(import.meta.dirname, '..', '..', 'scripts', 'demo-site');
const ORIGINS = { SITE_ORIGIN: 'http://127.0.0.1:8001', OTHER_ORIGIN: 'http://127.0.0.1:8002', OTHER_PORT: '8002' };

/** Compare what matters to a person; the frame src is checked separately. */
const essentials = (ads: Awaited<ReturnType<typeof detectIn>>) => ads.map(({ frameSrc: _src, format: _format, ...rest }) => rest);

describe('detection on fixture pages with expected results', () => {
  const pages = readdirSync(DIR).filter((f) => f.endsWith('.html'));
  it('has fixtures', () => expect(pages.length).toBeGreaterThanOrEqual(4));
  for (const page of pages) {
    it(page, async () => {
      const expected: unknown = JSON.parse(readFileSync(join(DIR, page.replace(/\.html$/, '.expected.json')), 'utf8'));
      expect(essentials(await detectIn(loadHtml(fixture(join(DIR, page)))))).toEqual(expected);
    });
  }
});

describe('detection on the demo site', () => {
  it('finds the top page\'s slots, and the partner frame is not an ad', async () => {
    const ads = await detectIn(loadHtml(fixture(join(DEMO, 'index.html'), ORIGINS)));
    expect(ads.map((a) => `${a.status}:${a.detectedBy.join('+')}`)).toEqual([
      'shown:gpt',
      'shown:adsense',
      'unfilled:adsense',
      'collapsed:gpt',
      'shown:gpt+safeframe',
    ]);
  });
  it('finds the partner widget\'s GPT slot (custom id) and AdSense ad', async () => {
    const ads = await detectIn(loadHtml(fixture(join(DEMO, 'partner-widget.html'), ORIGINS)));
    expect(ads.map((a) => [a.status, a.detectedBy, a.elementId ?? null])).toEqual([
      ['shown', ['gpt'], 'partner-sidebar-slot'],
      ['shown', ['adsense'], null],
    ]);
    expect(ads[0]?.frameSrc).toBe('http://127.0.0.1:8001/creative?w=300&h=250&brand=Northwind%20Coffee');
  });
  it('finds nothing on the page without ads', async () => {
    expect(await detectIn(loadHtml(fixture(join(DEMO, 'no-ads.html'), ORIGINS)))).toEqual([]);
  });
});

describe('adUnitPathFromIframeId', () => {
  it.each([
    ['google_ads_iframe_/21871422770/DC_Rright1_0', '/21871422770/DC_Rright1'],
    ['google_ads_iframe_/21849154601,22343295815/Ad.Plus-Anchor_12', '/21849154601,22343295815/Ad.Plus-Anchor'],
    ['google_ads_iframe_/1/a_b_0__container__', '/1/a_b'],
    ['google_ads_iframe_nonsense', undefined],
    ['something_else', undefined],
  ])('%s', (id, path) => expect(adUnitPathFromIframeId(id)).toBe(path));
});
