/** The popup, opened as a page for a given tab, as a person would use it. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../scripts/lib/build';
import { badgeOf } from '../../scripts/lib/extension-browser';
import { axeViolations, open, openPopupFor, settledBadge, settledReport, shown, useHarness } from './harness';

const harness = useHarness();
const openPopup = (tabId: number, colorScheme: 'light' | 'dark' = 'light'): Promise<Page> => openPopupFor(harness(), tabId, colorScheme);

describe('popup', () => {
  it('lists exactly the ads shown, keeps empty slots apart, and passes axe in light and dark', async () => {
    const h = harness();
    const { page, tabId } = await open(h, '/');
    await settledReport(h, page, (r) => shown(r) === 5);
    const popup = await openPopup(tabId);
    await popup.waitForSelector('[data-testid="ads"]');
    expect(await popup.locator('[data-testid="ads"] > li').count()).toBe(5);
    expect(await popup.locator('[data-testid="ad-count"]').textContent()).toBe('5 ads shown');
    expect(await popup.locator('.empty-slots summary').textContent()).toBe('Empty ad slots, not counted (2)');
    const first = popup.locator('[data-testid="ads"] > li').first();
    expect(await first.locator('dd').allTextContents()).toEqual([
      '728 × 90 pixels',
      'On the page itself',
      'Google Publisher Tag slot (Google Ad Manager)',
      'Google, ad server',
      'Not said: the ad tech on this page did not name it.',
    ]);
    expect(await first.locator('[data-testid="reasons"] > li').allTextContents()).toEqual([
      'Unknown: the ad tech on this page said nothing we could read about why this ad was chosen. (seen by Why This Ad)',
    ]);
    const partner = popup.locator('[data-testid="ads"] > li').nth(3);
    expect(await partner.locator('dd').nth(1).textContent()).toBe(`In an embedded frame from ${new URL(h.server.otherOrigin).host}`);
    expect(await axeViolations(popup)).toEqual([]);

    mkdirSync(join(PROJECT_ROOT, 'test-results'), { recursive: true });
    const shotDir = process.env.UPDATE_SCREENSHOTS === '1' ? join(PROJECT_ROOT, 'docs', 'screenshots') : join(PROJECT_ROOT, 'test-results');
    mkdirSync(shotDir, { recursive: true });
    await popup.screenshot({ path: join(shotDir, 'popup.png'), fullPage: true });

    const dark = await openPopup(tabId, 'dark');
    await dark.waitForSelector('[data-testid="ads"]');
    expect(await axeViolations(dark)).toEqual([]);
    await dark.screenshot({ path: join(shotDir, 'popup-dark.png'), fullPage: true });
    await dark.close();
    await popup.close();
    await page.close();
  });

  it('"Show on page" scrolls to the ad and outlines it, in the top frame and in a frame', async () => {
    const h = harness();
    const { page, tabId } = await open(h, '/');
    await settledReport(h, page, (r) => shown(r) === 5);
    const popup = await openPopup(tabId);
    await popup.waitForSelector('[data-testid="ads"]');
    await popup.locator('[data-testid="ads"] > li').nth(2).getByRole('button', { name: 'Show on page' }).click();
    await page.waitForFunction(() => document.querySelector('why-this-ad-highlight') !== null, undefined, { timeout: 5_000 });
    // The ad in the partner's cross-origin frame is outlined inside that frame.
    await popup.locator('[data-testid="ads"] > li').nth(4).getByRole('button', { name: 'Show on page' }).click();
    const partner = page.frames().find((f) => f.url().endsWith('/partner-widget.html'));
    await partner?.waitForFunction(() => document.querySelector('why-this-ad-highlight') !== null, undefined, { timeout: 5_000 });
    expect(await popup.getByText('This ad is no longer on the page.').count()).toBe(0);
    await popup.close();
    await page.close();
  });

  it('pauses on a site from the keyboard: nothing is reported there, and resuming brings the ads back', async () => {
    const h = harness();
    const { page, tabId } = await open(h, '/');
    await settledReport(h, page, (r) => shown(r) === 5);
    const popup = await openPopup(tabId);
    await popup.waitForSelector('[data-testid="ads"]');
    // Reach the switch with Tab alone and flip it with Space, as a keyboard user would.
    const toggle = popup.getByRole('checkbox', { name: 'Pause on 127.0.0.1' });
    for (let i = 0; i < 200 && !(await toggle.evaluate((el) => el === document.activeElement)); i++) await popup.keyboard.press('Tab');
    expect(await toggle.evaluate((el) => el === document.activeElement)).toBe(true);
    await popup.keyboard.press('Space');
    await popup.getByText('Paused on 127.0.0.1').waitFor();

    await page.reload();
    const paused = await settledReport(h, page, (r) => r !== null && r.ads.length === 0);
    expect(paused?.ads).toEqual([]);
    await page.waitForTimeout(500);
    expect(await badgeOf(h.ext, tabId)).toBe('');
    // A page elsewhere on the paused site reports nothing either.
    const other = await open(h, '/frames.html');
    await other.page.waitForTimeout(1_000);
    const otherReport = await settledReport(h, other.page, () => true, 1_000);
    expect(otherReport?.ads ?? []).toEqual([]);
    await other.page.close();

    await popup.getByRole('checkbox', { name: 'Pause on 127.0.0.1' }).uncheck();
    const resumed = await settledReport(h, page, (r) => shown(r) === 5);
    expect(shown(resumed)).toBe(5);
    expect(await settledBadge(h, tabId, '5')).toBe('5');
    await popup.close();
    await page.close();
  });

  it('says so when a page cannot be inspected', async () => {
    const h = harness();
    const page = await h.ext.context.newPage();
    await page.goto('chrome://version');
    const tabId = await h.ext.control.evaluate(async () => (await chrome.tabs.query({ url: 'chrome://version/' }))[0]?.id ?? -1);
    const popup = await openPopup(tabId);
    await popup.getByText('Browsers do not let extensions look at this page.').waitFor();
    await popup.close();
    await page.close();
  });
});

describe('popup in Dutch', () => {
  const dutch = useHarness(['--lang=nl']);

  it('speaks Dutch when the browser does', async () => {
    const nl = dutch();
    const { page, tabId } = await open(nl, '/');
    await settledReport(nl, page, (r) => shown(r) === 5);
    const popup = await nl.ext.context.newPage();
    await popup.goto(`chrome-extension://${nl.ext.extensionId}/src/ui/popup/index.html?tabId=${tabId}`);
    await popup.waitForSelector('[data-testid="ads"]');
    expect(await popup.locator('h1').textContent()).toBe('Advertenties op deze pagina');
    expect(await popup.locator('[data-testid="ad-count"]').textContent()).toBe('5 advertenties getoond');
    expect(await popup.evaluate(() => document.documentElement.lang)).toBe('nl');
    await popup.close();
    await page.close();
  });
});
