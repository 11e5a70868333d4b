/** Ads rendered by the real prebid.js from npm (bundled from its prebuilt chunks), its bidder answered locally. */
import { describe, expect, it } from 'vitest';
import { open, settledReport, shown, summary, useHarness } from './harness';

const harness = useHarness();

describe('Prebid.js', () => {
  it('finds the ad units Prebid rendered a winning bid into, and not the one that got no bid', async () => {
    const h = harness();
    const { page } = await open(h, '/prebid.html');
    await page.waitForFunction(() => document.title === 'auction done', undefined, { timeout: 10_000 });
    const report = await settledReport(h, page, (r) => shown(r) === 2);
    expect(summary(report)).toEqual(['shown prebid prebid-slot-top 728x90 top', 'shown prebid prebid-slot-side 300x250 top']);
    // The winners Prebid itself reports, for comparison: the same two units.
    const winners = await page.evaluate(() => (window as unknown as { pbjs: { getAllWinningBids(): { adUnitCode: string }[] } }).pbjs.getAllWinningBids().map((b) => b.adUnitCode).sort());
    expect(winners).toEqual(['prebid-slot-side', 'prebid-slot-top']);
    await page.close();
  });
});
