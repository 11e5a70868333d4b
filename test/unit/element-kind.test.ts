/** The content script's element checks agree with the detectors' selectors on every fixture page. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CANDIDATE, CONTAINER, elementKind, KIND_SELECTORS, KIND_SINGLES } from '../../src/core/detectors/element-kind';
import { CANDIDATE_SELECTOR, LABEL_CONTAINER_SELECTOR } from '../../src/core/detectors/selectors';
import { isRegionLabel } from '../../src/core/labels';
import { fixture, loadHtml } from './dom-fixture';

const ROOT = join(import.meta.dirname, '..', '..');
const PAGES = [
  ...readdirSync(join(ROOT, 'test', 'fixtures', 'detect')).filter((f) => f.endsWith('.html')).map((f) => join(ROOT, 'test', 'fixtures', 'detect', f)),
  ...readdirSync(join(ROOT, 'test', 'fixtures', 'pages')).filter((f) => f.endsWith('.html')).map((f) => join(ROOT, 'test', 'fixtures', 'pages', f)),
  ...readdirSync(join(ROOT, 'scripts', 'demo-site')).filter((f) => f.endsWith('.html')).map((f) => join(ROOT, 'scripts', 'demo-site', f)),
];

describe('element kinds agree with the selectors', () => {
  for (const page of PAGES) {
    it(page.slice(ROOT.length + 1), () => {
      const doc = loadHtml(fixture(page));
      const all = Array.from(doc.querySelectorAll('*'));
      const bySelector = all.filter((el) => el.matches(CANDIDATE_SELECTOR) || (/^(div|section|aside|figure|ins)$/.test(el.localName) && isRegionLabel(el.getAttribute('aria-label') ?? '')));
      const byKind = all.filter((el) => elementKind(el) & CANDIDATE);
      expect(byKind).toEqual(bySelector);
      expect(all.filter((el) => elementKind(el) & CONTAINER)).toEqual(all.filter((el) => el.matches(LABEL_CONTAINER_SELECTOR)));
    });
  }
});

describe('the queries the content script indexes with find every element with a kind', () => {
  const query = [...KIND_SINGLES, ...KIND_SELECTORS].join(',');
  for (const page of PAGES) {
    it(page.slice(ROOT.length + 1), () => {
      const doc = loadHtml(fixture(page));
      const all = Array.from(doc.querySelectorAll('*'));
      expect(all.filter((el) => elementKind(el) && !el.matches(query))).toEqual([]);
    });
  }

  it('one element for each thing elementKind looks at', () => {
    const doc = loadHtml(`<!doctype html><body>
      <iframe></iframe><amp-ad></amp-ad><amp-embed></amp-embed><article></article><shreddit-ad-post></shreddit-ad-post>
      <div id="div-gpt-ad-1"></div><div id="google_ads_iframe_/1/x_0__container__"></div><div id="taboola-below"></div>
      <div id="amzn-assoc-ad-1"></div><div id="crt-123"></div>
      <div class="x trc_rbox_container"></div><div class="trc_related_container"></div><div class="OUTBRAIN"></div>
      <div class="ob-widget"></div><div class="amzn-native-container"></div><ins class="adsbygoogle"></ins>
      <div class="ego_section"></div><div class="feed-shared-update-v2"></div>
      <div data-text-ad="1"></div><div data-ad-unit="a"></div><div data-adunit="a"></div><div data-ad-unit-path="/1/a"></div>
      <div data-ad-placement="a"></div><div data-ad-slot="1"></div><div role="article"></div>
      <div data-testid="fbfeed_story"></div><div data-testid="placementTracking"></div><div data-pagelet="FeedUnit_1"></div>
      <div data-component-type="s-search-result"></div><a aria-label="Sponsored"></a><span aria-label="Gesponsord"></span>
      <aside aria-label="Advertisement"></aside></body>`);
    const body = doc.body;
    const kinds = Array.from(body.children).map((el) => elementKind(el));
    expect(kinds.every((k) => k > 0)).toBe(true);
    expect(Array.from(body.children).filter((el) => !el.matches(query))).toEqual([]);
  });

  it('splits class lists on ASCII white space only, as class selectors do', () => {
    const doc = loadHtml('<!doctype html><body><div class="a\u00a0OUTBRAIN"></div><div class="a\tOUTBRAIN"></div></body>');
    expect(Array.from(doc.body.children).map((el) => elementKind(el) & CANDIDATE)).toEqual([0, CANDIDATE]);
  });
});
