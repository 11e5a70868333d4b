/** The built extension in a real Chromium finds the ads of local pages, in every kind of frame. */
import { describe, expect, it } from 'vitest';
import { reportErrors } from '../unit/schema-validator';
import { open, settledBadge, settledReport, shown, summary, useHarness } from './harness';

const harness = useHarness();

describe('detection in Chromium', () => {
  it('finds the demo page\'s GPT and AdSense ads in the top frame and in a cross-origin frame', async () => {
    const h = harness();
    const { page, tabId } = await open(h, '/');
    const report = await settledReport(h, page, (r) => (r?.ads.length ?? 0) === 7);
    expect(summary(report)).toEqual([
      'shown gpt div-gpt-ad-1700000000000-0 728x90 top',
      'shown adsense - 300x250 top',
      'unfilled adsense - 0x0 top',
      'collapsed gpt div-gpt-ad-1700000000000-2 0x0 top',
      'shown gpt+safeframe div-gpt-ad-1700000000000-1 300x250 top',
      'shown gpt partner-sidebar-slot 300x250 /partner-widget.html',
      'shown adsense - 300x250 /partner-widget.html',
    ]);
    expect(shown(report)).toBe(5);
    // The partner frame is on the other origin.
    expect(new URL(report?.ads[5]?.slot.frameUrl ?? '').origin).toBe(h.server.otherOrigin);
    expect(await settledBadge(h, tabId, '5')).toBe('5');
    expect(reportErrors(report)).toEqual([]);
    await page.close();
  });

  it('drops the ads of a frame that the page removed', async () => {
    const h = harness();
    const { page, tabId } = await open(h, '/');
    await settledReport(h, page, (r) => shown(r) === 5);
    await page.evaluate(() => document.querySelector('iframe[src$="/partner-widget.html"]')?.remove());
    // The top frame's observer rescans on the removal, which refreshes the badge and report.
    const report = await settledReport(h, page, (r) => shown(r) === 3);
    expect(summary(report).filter((s) => s.includes('partner'))).toEqual([]);
    expect(shown(report)).toBe(3);
    expect(await settledBadge(h, tabId, '3')).toBe('3');
    await page.close();
  });

  it('finds ads in srcdoc, about:blank and cross-origin frames, and standard-size frames from ad hosts', async () => {
    const h = harness();
    const { page, tabId } = await open(h, '/frames.html');
    const report = await settledReport(h, page, (r) => shown(r) === 5);
    expect(summary(report).sort()).toEqual(
      [
        'shown adsense - 300x250 about:srcdoc',
        'shown gpt div-gpt-ad-blank-0 728x90 about:blank',
        'shown gpt div-gpt-ad-cross-0 300x250 /gpt-frame.html',
        'shown xandr adhost-frame 160x600 top',
        'shown iab-size sovrn-frame 300x250 top',
      ].sort(),
    );
    expect(report?.ads.find((a) => a.detectedBy.includes('xandr'))?.sellers).toEqual([
      { company: 'Microsoft (Xandr)', domain: 'adnxs.com', role: 'ssp' },
    ]);
    expect(report?.ads.find((a) => a.detectedBy.includes('iab-size'))?.sellers).toEqual([{ company: 'Sovrn', domain: 'lijit.com', role: 'ssp' }]);
    expect(await settledBadge(h, tabId, '5')).toBe('5');
    expect(reportErrors(report)).toEqual([]);
    await page.close();
  });

  it('reports 0 ads and no badge on a page without ads', async () => {
    const h = harness();
    const { page, tabId } = await open(h, '/no-ads.html');
    const report = await settledReport(h, page, (r) => r !== null);
    expect(report?.ads).toEqual([]);
    expect(report?.url).toBe(`${h.server.siteOrigin}/no-ads.html`);
    expect(await settledBadge(h, tabId, '')).toBe('');
    expect(reportErrors(report)).toEqual([]);
    await page.close();
  });

  it('hears the main-world probe in the top frame (the handshake worked)', async () => {
    const h = harness();
    const { page, tabId } = await open(h, '/no-ads.html');
    await settledReport(h, page, (r) => r !== null);
    const worker = await h.ext.worker();
    const probe = await worker.evaluate(async (id) => {
      const got = await chrome.storage.session.get(`tab:${id}`);
      const snapshot = got[`tab:${id}`] as { frames: Record<string, { probe: unknown }> } | undefined;
      return snapshot?.frames['0']?.probe ?? 'missing';
    }, tabId);
    // Chromium has no Global Privacy Control, so the probe says it cannot tell (null), but it spoke.
    expect(probe).toEqual({ gpc: null });
    await page.close();
  });

  it('forgets a tab when it closes', async () => {
    const h = harness();
    const { page, tabId } = await open(h, '/');
    await settledReport(h, page, (r) => shown(r) === 5);
    const worker = await h.ext.worker();
    const has = () => worker.evaluate(async (id) => `tab:${id}` in (await chrome.storage.session.get(`tab:${id}`)), tabId);
    expect(await has()).toBe(true);
    await page.close();
    const deadline = Date.now() + 5_000;
    while ((await has()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(await has()).toBe(false);
  });
});
