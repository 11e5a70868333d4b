import { describe, expect, it } from 'vitest';
import type { ReportAd } from '../../src/shared/page-report';
import { DETECTORS } from '../../src/shared/frame-ad';
import { countLabel, detectorLabel, sellerLabel, sizeLabel, whereLabel } from '../../src/ui/popup/describe';
import en from '../../public/_locales/en/messages.json';

/** Substitutes like chrome.i18n.getMessage, from the real English messages. */
function t(key: string, ...subs: (string | number)[]): string {
  const entry = (en as Record<string, { message: string; placeholders?: Record<string, { content: string }> }>)[key];
  if (!entry) throw new Error(`missing ${key}`);
  return entry.message.replace(/\$([A-Z_]+)\$/g, (_, name: string) => {
    const content = entry.placeholders?.[name.toLowerCase()]?.content ?? '';
    return String(subs[Number(content.slice(1)) - 1] ?? '');
  });
}

const ad = (slot: ReportAd['slot']): ReportAd => ({
  id: '0:a1', status: 'shown', format: 'display', slot, detectedBy: ['gpt'], advertiser: null, paidBy: null,
  sellers: [], reasons: [], dsa: null, optOuts: [], flags: [],
});

describe('popup labels', () => {
  it('says sizes, places, detectors, sellers and counts in words', () => {
    expect(sizeLabel(t, ad({ width: 300, height: 250 }))).toBe('300 × 250 pixels');
    expect(sizeLabel(t, ad({ width: 0, height: 0 }))).toBe('unknown');
    expect(whereLabel(t, ad({ width: 1, height: 1 }))).toBe('On the page itself');
    expect(whereLabel(t, ad({ width: 1, height: 1, frameUrl: 'https://w.example:8080/x?y' }))).toBe('In an embedded frame from w.example:8080');
    expect(whereLabel(t, ad({ width: 1, height: 1, frameUrl: 'about:srcdoc' }))).toBe('In a frame written by the page itself');
    expect(detectorLabel(t, 'adsense')).toBe('Google AdSense slot');
    expect(detectorLabel(t, 'something-new')).toBe('something-new');
    expect(sellerLabel(t, { company: 'Google', role: 'ad-server' })).toBe('Google, ad server');
    expect(sellerLabel(t, { domain: 'x.example' })).toBe('x.example');
    expect(countLabel(t, 1)).toBe('1 ad shown');
    expect(countLabel(t, 5)).toBe('5 ads shown');
  });
});

describe('detector names', () => {
  it('has words for every detector', () => {
    for (const d of DETECTORS) expect(detectorLabel(t, d), d).not.toBe(d);
  });
});
