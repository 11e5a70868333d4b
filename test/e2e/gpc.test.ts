/**
 * The "send Global Privacy Control" setting: with it on, every request carries `Sec-GPC: 1` and
 * pages see `navigator.globalPrivacyControl === true`; switched off, both are gone again.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ask } from '../../scripts/lib/extension-browser';
import type { Settings } from '../../src/shared/protocol';
import { open, settledReport, useHarness } from './harness';

const harness = useHarness();

async function visit(path: string): Promise<{ page: Page; header: string | undefined; navigatorGpc: unknown }> {
  const h = harness();
  const page = await h.ext.context.newPage();
  const request = page.waitForRequest((r) => r.url().endsWith(path));
  await page.goto(`${h.server.siteOrigin}${path}`, { waitUntil: 'load' });
  const headers = await (await request).allHeaders();
  return { page, header: headers['sec-gpc'], navigatorGpc: await page.evaluate(() => (navigator as Navigator & { globalPrivacyControl?: unknown }).globalPrivacyControl) };
}

describe('sending Global Privacy Control', () => {
  it('adds Sec-GPC and navigator.globalPrivacyControl while on, and the report says GPC is on', async () => {
    const h = harness();
    const off = await visit('/no-ads.html');
    expect([off.header, off.navigatorGpc]).toEqual([undefined, undefined]);
    await off.page.close();

    // Switched on the way a person does: in the settings page, which also says how old the bundled data is.
    const settings = await h.ext.context.newPage();
    await settings.goto(`chrome-extension://${h.ext.extensionId}/src/ui/settings/index.html`);
    await settings.getByTestId('send-gpc').check();
    await settings.waitForSelector('text=Saved');
    expect(await settings.getByTestId('data-info').locator('li').allTextContents()).toEqual([
      expect.stringMatching(/^IAB TCF vendor list: version \d+, of \d{4}-\d{2}-\d{2}$/),
      expect.stringMatching(/^IAB Tech Lab taxonomies \(audience, content\): of \d{4}-\d{2}-\d{2}\. .*IAB Tech Lab/),
      expect.stringMatching(/^EasyList \(generic rules\): version \d+$/),
    ]);
    await settings.close();
    expect((await ask<Settings>(h.ext, 'ui:getSettings', {})).sendGpc).toBe(true);
    const sent = await visit('/no-ads.html');
    expect([sent.header, sent.navigatorGpc]).toEqual(['1', true]);
    await sent.page.close();
    const { page } = await open(h, '/prebid.html');
    const report = await settledReport(h, page, (r) => r?.consent.gpc === true);
    expect(report?.consent.gpc).toBe(true);
    await page.close();

    await ask<Settings>(h.ext, 'ui:setSettings', { sendGpc: false });
    const again = await visit('/no-ads.html');
    expect([again.header, again.navigatorGpc]).toEqual([undefined, undefined]);
    await again.page.close();
  });
});
