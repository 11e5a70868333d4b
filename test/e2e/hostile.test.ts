/**
 * A hostile page (throwing getters, Proxies, cyclic objects, a 10 MB global, a consent API that
 * never calls back, forged bridge events, `javascript:` URLs and markup in every text field)
 * keeps working, the extension keeps working, and nothing forged becomes a reason, a link or markup.
 */
import { describe, expect, it } from 'vitest';
import { OPT_OUTS } from '../../src/core/opt-outs';
import { open, openPopupFor, settledReport, shown, useHarness } from './harness';

const harness = useHarness();

describe('a hostile page', () => {
  it('keeps working, and its forged data stays text', async () => {
    const h = harness();
    const { page, tabId } = await open(h, '/hostile.html');
    const report = await settledReport(h, page, (r) => shown(r) === 1 && r?.consent.tcf?.status === 'no-response', 15_000);
    // The page's own timer kept running, and none of its markup ran anywhere.
    const before = await page.evaluate(() => (window as unknown as { ticks: number }).ticks);
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as unknown as { ticks: number }).ticks)).toBeGreaterThan(before);
    expect(await page.evaluate(() => (window as unknown as { alerted: boolean }).alerted)).toBe(false);

    expect(report?.ads.map((a) => [a.status, a.slot.elementId])).toEqual([['shown', 'hostile-slot']]);
    expect(report?.consent.tcf?.status).toBe('no-response');
    // Forged probe messages on guessed channels were never heard.
    expect(JSON.stringify(report)).not.toContain('FORGED');
    const ad = report?.ads[0];
    // No domain came from "javascript:" or markup; DSA entries without a real domain declare nothing.
    expect(ad?.advertiser?.domain).toBeUndefined();
    expect(ad?.reasons.some((r) => r.kind === 'profiling' || r.kind === 'precise-location')).toBe(false);
    const directory = new Set(OPT_OUTS.map((o) => o.url));
    for (const o of ad?.optOuts ?? []) expect(directory.has(o.url)).toBe(true);

    const popup = await openPopupFor(h, tabId);
    await popup.waitForSelector('[data-testid="ads"]');
    // The forged name is shown, as text: no element was made from it.
    expect(await popup.locator('[data-testid="advertiser"]').textContent()).toContain('<img src=x');
    expect(await popup.locator('img').count()).toBe(0);
    const hrefs = await popup.locator('a[href]').evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href));
    for (const href of hrefs) expect(href.startsWith('https://'), href).toBe(true);
    await popup.close();
    await page.close();
  });
});
