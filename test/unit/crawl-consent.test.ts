import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { AutoConsentCMPRule } from '@duckduckgo/autoconsent';
import { AUTOCONSENT_SCRIPT, autoconsentConfig, DEMO_CMP_NAME, DEMO_CONSENT_RULE, loadRules, rulesFor } from '../../scripts/lib/crawl-consent';

const rule = (name: string, runContext?: AutoConsentCMPRule['runContext']): AutoConsentCMPRule => ({
  name,
  ...(runContext ? { runContext } : {}),
  detectCmp: [],
  detectPopup: [],
  optIn: [],
  optOut: [],
});

describe('consent banners through autoconsent', () => {
  it('asks autoconsent for the answer the crawl was given, with no hiding and no guessing', () => {
    expect(autoconsentConfig('accept')).toMatchObject({ enabled: true, autoAction: 'optIn', enablePrehide: false, enableCosmeticRules: false, enableHeuristicDetection: false, isMainWorld: true });
    expect(autoconsentConfig('reject').autoAction).toBe('optOut');
    expect(autoconsentConfig('none').autoAction).toBeNull();
  });

  it('loads the package\'s rules and ours for the demo banner', () => {
    const rules = loadRules();
    expect(rules.length).toBeGreaterThan(500);
    const ours = rules.filter((r) => r.name === DEMO_CMP_NAME);
    expect(ours).toEqual([JSON.parse(readFileSync(DEMO_CONSENT_RULE, 'utf8'))]);
    expect(ours[0]?.optIn.length).toBeGreaterThan(0);
    expect(ours[0]?.optOut.length).toBeGreaterThan(0);
    // The content script is the package's Playwright build, which talks through these two globals.
    const script = readFileSync(AUTOCONSENT_SCRIPT, 'utf8');
    expect(script).toContain('autoconsentSendMessage');
    expect(script).toContain('autoconsentReceiveMessage');
  });

  it('sends each frame only the rules that can run there', () => {
    const rules = [
      rule('generic'),
      rule('top-only', { main: true, frame: false }),
      rule('frames-only', { main: false, frame: true }),
      rule('both', { main: true, frame: true }),
      rule('site', { urlPattern: '^https://(www\\.)?news\\.example/' }),
      rule('broken-pattern', { urlPattern: '(' }),
      rule('site-frame', { frame: true, main: false, urlPattern: 'cmp\\.example' }),
    ];
    const names = (url: string, main: boolean): string[] => rulesFor(rules, url, main).map((r) => r.name);
    expect(names('https://www.news.example/a', true)).toEqual(['generic', 'top-only', 'both', 'site']);
    expect(names('https://other.example/', true)).toEqual(['generic', 'top-only', 'both']);
    expect(names('https://cmp.example/frame', false)).toEqual(['frames-only', 'both', 'site-frame']);
    expect(names('https://ads.example/frame', false)).toEqual(['frames-only', 'both']);
  });

  it('keeps our rule for the demo page and sends a top frame far less than the whole set', () => {
    const rules = loadRules();
    const top = rulesFor(rules, 'http://127.0.0.1:8080/consent/', true);
    expect(top.map((r) => r.name)).toContain(DEMO_CMP_NAME);
    expect(top.length).toBeLessThan(rules.length / 2);
    expect(rulesFor(rules, 'http://127.0.0.1:8080/consent/', false).map((r) => r.name)).not.toContain(DEMO_CMP_NAME);
  });
});
