import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildEasyListData, EASYLIST_DATA, EASYLIST_SOURCE } from '../../scripts/build-easylist';
import { indexGenericRules, requiredToken } from '../../scripts/lib/easylist';
import { EasyListMatcher } from '../../src/content/easylist';
import { loadHtml } from './dom-fixture';

describe('EasyList generic rules', () => {
  it.each([
    ['#AD_160', '#AD_160'],
    ['.ad-slot', '.ad-slot'],
    ['.ad.box', '.ad'],
    ['div[id^="ad-"] > .x', '.x'],
    ['a[href*=".ads.example/#x"]', null],
    ['[class^="div-gpt-ad"]', null],
    ['.ad-box:not(#ad-banner):not(:empty)', '.ad-box'],
    ['AD-SLOT', null],
  ])('%s needs %s', (selector, token) => expect(requiredToken(selector)).toBe(token));

  it('indexes only generic hiding rules, by token, and counts what it skips', () => {
    const index = indexGenericRules(['[Adblock Plus 2.0]', '! Version: 123', '##.ad-slot', '##.ad.box', 'example.com##.site-only', '#@#.exception', '##AD-SLOT', '##.x:-abp-has(.y)', '||ads.example^'].join('\n'));
    expect(index).toEqual({ byToken: { '.ad-slot': ['.ad-slot'], '.ad': ['.ad.box'] }, rules: 2, skipped: 2, version: '123' });
  });

  it('matches rules only on elements carrying their token', () => {
    const doc = loadHtml('<div class="ad box" id="a">x</div><div class="ad">y</div><p class="box">z</p><div id="AD_160">w</div>');
    const matcher = new EasyListMatcher();
    matcher.add([
      ['.ad', '.ad.box'],
      ['#AD_160', '#AD_160'],
      ['.ad', 'div[[[broken'],
    ]);
    expect([...matcher.find(doc).entries()].map(([el, sel]) => [el.textContent, sel])).toEqual([
      ['x', '.ad.box'],
      ['w', '#AD_160'],
    ]);
  });
});

const shared = existsSync(EASYLIST_SOURCE);
if (!shared) process.stderr.write(`EasyList data check skipped: ${EASYLIST_SOURCE} is absent.\n`);

describe.skipIf(!shared)('bundled EasyList data', () => {
  it('is what the script makes from ../shared/data/filterlists/easylist.txt', () => {
    expect(readFileSync(EASYLIST_DATA, 'utf8')).toBe(buildEasyListData(readFileSync(EASYLIST_SOURCE, 'utf8')));
  });
});
