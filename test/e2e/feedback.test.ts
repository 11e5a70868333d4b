/** "Not an ad" and "missed an ad": noted from the popup and the page, listed in settings, exported, deleted. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Feedback } from '../../src/shared/feedback';
import { open, settledReport, shown, useHarness } from './harness';

const harness = useHarness();

describe('corrections', () => {
  it('notes "not an ad" and a picked missed ad, lists, exports and deletes them', async () => {
    const h = harness();
    const { page, tabId } = await open(h, '/');
    await settledReport(h, page, (r) => shown(r) === 5);
    const popup = await h.ext.context.newPage();
    await popup.goto(`chrome-extension://${h.ext.extensionId}/src/ui/popup/index.html?tabId=${tabId}`);
    await popup.waitForSelector('[data-testid="ads"]');
    await popup.locator('[data-testid="ads"] > li').first().getByRole('button', { name: 'Not an ad' }).click();
    await popup.getByText('Noted as not an ad.').waitFor();

    // Missed an ad: the page lets the person click it; the click opens nothing.
    await popup.getByRole('button', { name: 'Missed an ad?' }).click();
    await page.bringToFront();
    await page.waitForFunction(() => document.querySelector('why-this-ad-picker') !== null, undefined, { timeout: 5_000 });
    await page.click('a[href="/no-ads.html"]');
    await page.waitForFunction(() => document.querySelector('why-this-ad-picker') === null, undefined, { timeout: 5_000 });
    expect(new URL(page.url()).pathname).toBe('/');

    const settings = await h.ext.context.newPage();
    await settings.goto(`chrome-extension://${h.ext.extensionId}/src/ui/settings/index.html`);
    await settings.waitForSelector('[data-testid="feedback"] li');
    const kinds = await settings.locator('[data-testid="feedback"] li').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-kind')));
    expect(kinds).toEqual(['missed-ad', 'not-an-ad']);

    const [download] = await Promise.all([settings.waitForEvent('download'), settings.getByRole('button', { name: 'Export as JSON' }).click()]);
    const exported = JSON.parse(readFileSync((await download.path()) ?? '', 'utf8')) as { schema: string; items: Feedback[] };
    expect(exported.schema).toBe('why-this-ad/feedback/1');
    expect(exported.items.map((f) => [f.kind, f.pageUrl, f.element.tag ?? null, f.element.id ?? null])).toEqual([
      ['missed-ad', `${h.server.siteOrigin}/`, 'a', null],
      ['not-an-ad', `${h.server.siteOrigin}/`, null, 'div-gpt-ad-1700000000000-0'],
    ]);
    expect(exported.items[1]?.element.detectedBy).toEqual(['gpt']);

    await settings.getByRole('button', { name: 'Delete all corrections' }).click();
    await settings.getByText('Nothing noted yet.').waitFor();
    await settings.close();
    await popup.close();
    await page.close();
  });
});
