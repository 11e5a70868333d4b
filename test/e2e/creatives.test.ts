/**
 * Real creatives captured in prebid.js (test/fixtures/pages/creatives/README.md), in cross-origin
 * frames of a real Chromium: the extension reads them from inside (the content script in the
 * creative frames and the frames nested in them) and the background ties what they show to the
 * one ad whose frame they are.
 */
import { describe, expect, it } from 'vitest';
import type { PageReport, ReportAd } from '../../src/shared/page-report';
import { reportErrors } from '../unit/schema-validator';
import { open, openPopupFor, settledReport, shown, useHarness } from './harness';

const harness = useHarness();

const GOOGLE = { company: 'Google', domain: 'google.com', role: 'ad-server' };
const XANDR = { company: 'Xandr (Microsoft)', domain: 'xandr.com', role: 'ssp' };
const TRIPLELIFT = { company: 'TripleLift', domain: 'triplelift.com', role: 'ssp' };
const WHY_THIS_AD = 'https://adssettings.google.com/whythisad?source=display&reasons=AZ2kN8v1XkQqYl0Tzq_Dd3e';
const TRIPLELIFT_ADCHOICES = 'https://example.com/adchoices/';
const DSA_LINK = 'https://adchoices.dsp1domain.example/dsa?dsabehalf=Acme%20GmbH&dsapaid=Acme%20Media%20Agency&dsaparams=1_2&dsatransparency=dsp1domain.example~1_2~~ssp2domain.example~2';

const byElement = (r: PageReport | null, id: string): ReportAd | undefined => r?.ads.find((a) => a.slot.elementId === id);

/** Every creative has been read once the last of its facts is on its ad (the reports before are partial). */
function allRead(r: PageReport | null): boolean {
  return (
    shown(r) === 6 &&
    ['div-gpt-ad-appnexus-0', 'div-gpt-ad-appnexus-1', 'div-gpt-ad-native-0'].every((id) => byElement(r, id)?.sellers.some((s) => s.company === XANDR.company)) &&
    byElement(r, 'div-gpt-ad-native-0')?.advertiser?.name !== undefined &&
    byElement(r, 'div-gpt-ad-triplelift-0')?.advertiser?.domain !== undefined &&
    byElement(r, 'div-gpt-ad-triplelift-0')?.creativeLinks !== undefined &&
    byElement(r, 'div-gpt-ad-google-0')?.creativeLinks !== undefined &&
    byElement(r, 'dsa-frame')?.dsa != null
  );
}

describe('creatives read from inside their frames', () => {
  it('names the seller, the landing domain, the AdChoices and why-this-ad links and the DSA parameters of each ad', async () => {
    const h = harness();
    const { page, tabId } = await open(h, '/creatives.html');
    const report = await settledReport(h, page, allRead, 20_000);
    expect(reportErrors(report)).toEqual([]);
    expect(report?.ads.map((a) => `${a.status} ${a.detectedBy.join('+')} ${a.slot.elementId ?? '-'}`)).toEqual([
      'shown gpt div-gpt-ad-appnexus-0',
      'shown gpt div-gpt-ad-appnexus-1',
      'shown gpt div-gpt-ad-native-0',
      'shown gpt div-gpt-ad-triplelift-0',
      'shown gpt div-gpt-ad-google-0',
      'shown iab-size dsa-frame',
    ]);

    // AppNexus (prebid.js basic-banner) in a GPT slot: Xandr from the creative's own hosts
    // (sin3-ib.adnxs.com click, vcdn.adnxs.com image, acdn.adnxs.com frame), the landing page
    // from the click's clickenc.
    const banner = byElement(report, 'div-gpt-ad-appnexus-0');
    expect(banner?.sellers).toEqual([GOOGLE, XANDR]);
    expect(banner?.advertiser).toEqual({ domain: 'prebid.org' });
    expect(banner?.creativeLinks).toBeUndefined();

    // AppNexus (prebid.js modules), 300x600.
    const tall = byElement(report, 'div-gpt-ad-appnexus-1');
    expect(tall?.sellers).toEqual([GOOGLE, XANDR]);
    expect(tall?.advertiser).toEqual({ domain: 'prebid.org' });

    // AppNexus native (prebid.js basic-native): "Sponsored by Prebid.org", landing on prebid.org.
    const native = byElement(report, 'div-gpt-ad-native-0');
    expect(native?.sellers).toEqual([GOOGLE, XANDR]);
    expect(native?.advertiser).toEqual({ name: 'Prebid.org', domain: 'prebid.org' });

    // TripleLift (prebid.js triplelift/banner): its script writes the ad into a nested frame; the
    // AdChoices page it declares (display.priv) is not on our list, so it is text only.
    const triplelift = byElement(report, 'div-gpt-ad-triplelift-0');
    expect(triplelift?.sellers).toEqual([GOOGLE, TRIPLELIFT]);
    expect(triplelift?.advertiser).toEqual({ domain: 'example.com' });
    expect(triplelift?.creativeLinks).toEqual([{ kind: 'adchoices', text: TRIPLELIFT_ADCHOICES }]);

    // Google's AdChoices block: the whythisad link is on our list and becomes a link.
    const google = byElement(report, 'div-gpt-ad-google-0');
    expect(google?.sellers).toEqual([GOOGLE]);
    expect(google?.advertiser).toEqual({ domain: 'example-shoes.nl' });
    expect(google?.creativeLinks).toEqual([{ kind: 'why-this-ad', text: WHY_THIS_AD, url: WHY_THIS_AD }]);

    // DSA parameters in the AdChoices link, read in a frame that is not named as a creative.
    const dsa = byElement(report, 'dsa-frame');
    expect(dsa?.sellers).toEqual([{ company: 'Sovrn', domain: 'lijit.com', role: 'ssp' }]);
    expect(dsa?.advertiser).toEqual({ name: 'Acme GmbH', domain: 'acme-shop.example' });
    expect(dsa?.paidBy).toBe('Acme Media Agency');
    expect(dsa?.dsa).toEqual({
      behalf: 'Acme GmbH',
      paid: 'Acme Media Agency',
      params: [1, 2],
      transparency: [
        { domain: 'dsp1domain.example', params: [1, 2] },
        { domain: 'ssp2domain.example', params: [2] },
      ],
    });
    expect(dsa?.reasons).toEqual([
      { kind: 'profiling', basis: 'declared', detail: 'dsp1domain.example', evidence: [{ source: 'creative.dsaparams', value: 'dsp1domain.example: dsaparams 1,2' }] },
    ]);
    expect(dsa?.creativeLinks).toEqual([{ kind: 'adchoices', text: DSA_LINK }]);

    // The popup shows the creative's links as text, and as a link only where allowed.
    const popup = await openPopupFor(h, tabId);
    await popup.waitForSelector('[data-testid="creative-links"]');
    const card = (id: string | undefined) => popup.locator(`li.ad[data-ad-id="${id ?? ''}"] [data-testid="creative-links"]`);
    expect(await card(triplelift?.id).locator('li').allTextContents()).toEqual([
      `AdChoices notice: ${TRIPLELIFT_ADCHOICES} (shown as text only: not an address on our list of trusted pages)`,
    ]);
    expect(await card(triplelift?.id).locator('a').count()).toBe(0);
    expect(await card(google?.id).locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))).toEqual([WHY_THIS_AD]);
    expect(await card(banner?.id).count()).toBe(0);
    await popup.close();
    await page.close();
  });
});
