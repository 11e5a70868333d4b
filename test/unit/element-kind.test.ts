/** The content script's element checks agree with the detectors' selectors on every fixture page. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CANDIDATE, CONTAINER, elementKind } from '../../src/core/detectors/element-kind';
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
