/**
 * A frame that runs ad tech of its own finds the page's consent tool through the TCF frame
 * protocol (`__tcfapiLocator`, `__tcfapiCall` / `__tcfapiReturn`), across origins, when there is
 * no `__tcfapi` function to call; the report's consent comes from that answer.
 */
import { describe, expect, it } from 'vitest';
import { open, settledReport, useHarness } from './harness';

const harness = useHarness();

describe('consent through the locator frame', () => {
  it('reads the TC string in a cross-origin frame over postMessage', async () => {
    const h = harness();
    const { page } = await open(h, '/tcf-locator.html');
    const report = await settledReport(h, page, (r) => r?.consent.tcf?.status === 'ok');
    expect(report?.consent.tcf).toEqual({
      tcString: 'CQgaI1AQgaI1AAfABAENAHEgAMIAAAAAABpYF5wAQF5gAAAA.IAAA.YAAAAAAAAAAA',
      gdprApplies: true,
      cmpId: 10,
      purposes: { consented: [1, 2, 7], refused: [3, 4, 5, 6, 8, 9, 10, 11] },
      specialFeatures: [],
      vendorsConsented: 1,
      status: 'ok',
    });
    await page.close();
  });
});
