/** Navigations of every kind, and a service worker stopped in the middle of a visit. */
import { describe, expect, it } from 'vitest';
import { findWorker, waitForReady } from '../../scripts/lib/extension-browser';
import { open, settledBadge, settledReport, shown, stopServiceWorker, summary, useHarness } from './harness';

const harness = useHarness();

describe('navigation', () => {
  it('shows the new page\'s ads after a single-page-app navigation (history.pushState), not the old ones', async () => {
    const h = harness();
    const { page, tabId } = await open(h, '/spa.html');
    const before = await settledReport(h, page, (r) => shown(r) === 2);
    expect(before?.ads.map((a) => a.slot.elementId)).toEqual(['div-gpt-ad-1700000000100-1', 'div-gpt-ad-1700000000100-2']);
    await page.click('#next');
    const after = await settledReport(h, page, (r) => !!r?.url.endsWith('/spa-story-2') && shown(r) === 1);
    expect(after?.url).toBe(`${h.server.siteOrigin}/spa-story-2`);
    expect(after?.ads.map((a) => a.slot.elementId)).toEqual(['div-gpt-ad-1700000000100-3']);
    expect(await settledBadge(h, tabId, '1')).toBe('1');
    await page.close();
  });

  it('starts over on a new page, and shows the old page\'s ads again when it comes back from the back/forward cache', async () => {
    const h = harness();
    const { page, tabId } = await open(h, '/');
    expect(shown(await settledReport(h, page, (r) => shown(r) === 5))).toBe(5);
    await page.evaluate(() => Object.assign(window, { beforeLeaving: true }));
    await page.goto(`${h.server.siteOrigin}/no-ads.html`);
    const away = await settledReport(h, page, (r) => !!r?.url.endsWith('/no-ads.html'));
    expect(away?.ads).toEqual([]);
    expect(await settledBadge(h, tabId, '')).toBe('');
    // A page restored from the cache fires no load event: wait for the commit only.
    await page.goBack({ waitUntil: 'commit' });
    const back = await settledReport(h, page, (r) => r?.url === `${h.server.siteOrigin}/` && shown(r) === 5);
    expect(back?.url).toBe(`${h.server.siteOrigin}/`);
    expect(shown(back)).toBe(5);
    // The same document came back (its script state survived), so the cache path was the one tested.
    expect(await page.evaluate(() => 'beforeLeaving' in window)).toBe(true);
    expect(await settledBadge(h, tabId, '5')).toBe('5');
    await page.close();
  });

  it('keeps every ad when the service worker is stopped in the middle of a visit, and the worker really restarts', async () => {
    const h = harness();
    const { page, tabId } = await open(h, '/');
    await settledReport(h, page, (r) => shown(r) === 5);
    const firstBoot = await waitForReady(await h.ext.worker());

    await stopServiceWorker(page);
    // The visit goes on: the page adds an ad while the worker is stopped; the content script's
    // message wakes the worker, which must rebuild the tab from storage.session.
    await page.evaluate(() => {
      const slot = document.createElement('div');
      slot.id = 'div-gpt-ad-late-0';
      slot.innerHTML =
        '<div id="google_ads_iframe_/1234567/late_0__container__"><iframe id="google_ads_iframe_/1234567/late_0" name="google_ads_iframe_/1234567/late_0" width="300" height="250"></iframe></div>';
      document.body.append(slot);
    });

    const popup = await h.ext.context.newPage();
    await popup.goto(`chrome-extension://${h.ext.extensionId}/src/ui/popup/index.html?tabId=${tabId}`);
    await popup.waitForFunction(() => document.querySelectorAll('[data-testid="ads"] > li').length === 6, undefined, { timeout: 10_000 });
    expect(await popup.locator('[data-testid="ad-count"]').textContent()).toBe('6 ads shown');

    const secondBoot = await waitForReady(await findWorker(h.ext.context));
    expect(secondBoot.bootId).not.toBe(firstBoot.bootId);
    const report = await settledReport(h, page, (r) => shown(r) === 6);
    expect(summary(report)).toContain('shown gpt div-gpt-ad-late-0 300x250 top');
    await popup.close();
    await page.close();
  });
});
