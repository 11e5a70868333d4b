/**
 * Each "Why this ad?" demo scenario (real prebid.js, the IAB CMP APIs, the GPT stand-in) visited
 * with the built extension: the report's advertiser, payer, reasons (kind and basis) and flags
 * must match the scenario's ground truth in scripts/demo-site/why/scenarios.json exactly, and the
 * popup must show them.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../scripts/lib/build';
import { ask } from '../../scripts/lib/extension-browser';
import { axeViolations, open, openPopupFor, settledReport, useHarness } from './harness';
import { checkReport, complete, GROUND_TRUTH } from './scenarios';
import { reportErrors } from '../unit/schema-validator';

const harness = useHarness();

describe('"Why this ad?" scenarios, explained by the extension', () => {
  for (const scenario of GROUND_TRUTH.scenarios) {
    it(`${scenario.id}: advertiser, payer, reasons and flags as the ground truth says, in the report and the popup`, async () => {
      const h = harness();
      // The GPC scenario is about a browser that sends Global Privacy Control.
      await ask(h.ext, 'ui:setSettings', { sendGpc: scenario.id === 'gpc' });
      const { page, tabId } = await open(h, scenario.path);
      await page.waitForFunction(() => document.documentElement.getAttribute('data-why-demo') === 'done', undefined, { timeout: 15_000 });
      const report = await settledReport(h, page, (r) => complete(r, scenario), 15_000);
      expect(reportErrors(report)).toEqual([]);
      checkReport(report, scenario);
      const shown = (report?.ads ?? []).filter((a) => a.status === 'shown');

      // The popup shows the same: the advertiser, each reason by kind, each flag by code.
      const popup = await openPopupFor(h, tabId);
      await popup.waitForSelector('[data-testid="ads"]');
      for (const e of scenario.expected.ads) {
        const card = popup.locator(`[data-testid="ads"] > li`).filter({ has: popup.locator('[data-testid="reasons"]') }).nth(shown.findIndex((a) => a.slot.elementId === e.elementId));
        const ad = shown.find((a) => a.slot.elementId === e.elementId);
        expect(await card.locator('[data-testid="reasons"] > li').evaluateAll((items) => items.map((i) => `${i.getAttribute('data-kind')}/${i.getAttribute('data-basis')}`))).toEqual(ad?.reasons.map((r) => `${r.kind}/${r.basis}`));
        const flags = await card.locator('[data-testid="flags"] > li').evaluateAll((items) => items.map((i) => i.getAttribute('data-code')));
        expect(flags.sort()).toEqual(e.flags.required.map((f) => f.code).sort());
        if (e.advertiser?.name) expect(await card.locator('[data-testid="advertiser"]').textContent()).toContain(e.advertiser.name);
        if (e.paidBy) expect(await card.locator('[data-testid="paid-by"]').textContent()).toBe(e.paidBy);
      }
      await popup.close();
      await page.close();
    });
  }
});

describe('an explained ad in the popup', () => {
  it('passes axe in light and dark, copies its explanation, and is the README screenshot', async () => {
    const h = harness();
    await ask(h.ext, 'ui:setSettings', { sendGpc: false });
    const { page, tabId } = await open(h, '/why/consent-refused.html');
    await page.waitForFunction(() => document.documentElement.getAttribute('data-why-demo') === 'done', undefined, { timeout: 15_000 });
    await settledReport(h, page, (r) => (r?.ads[0]?.flags.length ?? 0) === 2, 15_000);
    const popup = await openPopupFor(h, tabId);
    await popup.waitForSelector('[data-testid="flags"]');
    // "How we know" opens the evidence.
    await popup.locator('[data-testid="reasons"] details summary').first().click();
    expect(await popup.locator('.evidence li').first().textContent()).toContain('dsaparams 1');
    // The companies with consent, by name from the bundled vendor list (the demo CMP consented to 2, 12 and 755, not 32).
    expect(await popup.locator('[data-testid="vendors"] summary').textContent()).toBe('Which companies have your consent (3)');
    expect((await popup.locator('[data-testid="vendors"] li').allTextContents()).some((n) => n.startsWith('Google'))).toBe(true);
    await popup.locator('.can-do summary').first().click();
    expect(await popup.locator('[data-testid="opt-outs"] a').first().isVisible()).toBe(true);
    expect(await axeViolations(popup)).toEqual([]);
    const shotDir = process.env.UPDATE_SCREENSHOTS === '1' ? join(PROJECT_ROOT, 'docs', 'screenshots') : join(PROJECT_ROOT, 'test-results');
    mkdirSync(shotDir, { recursive: true });
    await popup.screenshot({ path: join(shotDir, 'popup-explained.png'), fullPage: true });
    // Every link is https and from our own directory.
    const hrefs = await popup.locator('a[href]').evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href));
    expect(hrefs.length).toBeGreaterThan(0);
    for (const href of hrefs) expect(href.startsWith('https://'), href).toBe(true);

    // The real clipboard is written (the popup says so only when writeText succeeded); a spy that
    // calls through keeps a copy of the text, since reading the clipboard back needs a permission
    // that Chromium does not grant to extension pages in tests.
    await popup.evaluate(() => {
      const real = navigator.clipboard.writeText.bind(navigator.clipboard);
      navigator.clipboard.writeText = async (text: string) => {
        (window as unknown as { copiedText: string }).copiedText = text;
        return real(text);
      };
    });
    await popup.getByRole('button', { name: 'Copy this explanation' }).click();
    await popup.waitForSelector('text=The explanation is on your clipboard.');
    const copied = await popup.evaluate(() => (window as unknown as { copiedText: string }).copiedText);
    expect(copied).toContain('Advertiser: Brightside Energy B.V. (brightside-energy.example)');
    expect(copied).toContain('Chosen using a profile of your interests or traits');
    expect(copied).toContain('Serious: This ad says it was chosen from a profile of you');

    const dark = await openPopupFor(h, tabId, 'dark');
    await dark.waitForSelector('[data-testid="flags"]');
    expect(await axeViolations(dark)).toEqual([]);
    await dark.close();
    await popup.close();
    await page.close();
  });
});

describe('an explained ad in Dutch', () => {
  const dutch = useHarness(['--lang=nl']);
  it('says why in Dutch', async () => {
    const h = dutch();
    const { page, tabId } = await open(h, '/why/consent-refused.html');
    await page.waitForFunction(() => document.documentElement.getAttribute('data-why-demo') === 'done', undefined, { timeout: 15_000 });
    await settledReport(h, page, (r) => (r?.ads[0]?.flags.length ?? 0) === 2, 15_000);
    const popup = await openPopupFor(h, tabId);
    await popup.waitForSelector('[data-testid="flags"]');
    expect(await popup.locator('[data-testid="reasons"] > li').first().textContent()).toContain('Gekozen met een profiel van je interesses of kenmerken');
    expect(await popup.locator('[data-testid="flags"] > li').first().textContent()).toContain('Ernstig');
    expect(await popup.locator('[data-testid="consent"]').textContent()).toContain('Je gaf geen toestemming voor');
    expect(await popup.locator('[data-testid="opt-outs"] a').first().textContent()).toContain('Your Online Choices');
    await popup.close();
    await page.close();
  });
});
