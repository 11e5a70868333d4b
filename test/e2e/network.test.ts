/**
 * The network observer in real Chromium: a local page makes bid requests, an ID sync, pixels and
 * unreadable requests to real ad-tech hostnames, answered by a local proxy over https (with a
 * certificate made at test time: some of these hosts are HSTS-preloaded). The report must name
 * the companies with their roles, what each received, the identifiers and who got them, and the
 * data flows; and mark the bodies it could not read.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAdTechProxy, type AdTechProxy } from '../../scripts/lib/adtech-proxy';
import type { PageReport } from '../../src/shared/page-report';
import { open, openPopupFor, settledReport, startHarness, type Harness } from './harness';
import { reportErrors } from '../unit/schema-validator';

const AD_HOSTS = ['ib.adnxs.com', 'htlb.casalemedia.com', 'pixel.rubiconproject.com', 'match.adsrvr.org', 'www.facebook.com', 'bat.bing.com'];

/** The advertiser of the "profiled" demo scenario, as a shop with a retargeting pixel. */
const SHOP = '<!doctype html><title>Acme Shoes</title><h1>Acme Shoes</h1><img alt="" src="https://www.facebook.com/tr?id=42&ev=ViewContent">';

let proxy: AdTechProxy;
let h: Harness;
beforeAll(async () => {
  proxy = await startAdTechProxy(AD_HOSTS, { 'acme-shoes.example': SHOP });
  h = await startHarness([proxy.proxyArg, '--ignore-certificate-errors']);
});
afterAll(async () => {
  await h?.close();
  await proxy?.close();
});

const company = (r: PageReport | null, id: string) => r?.companies.find((c) => c.id === id);

describe('network observer', () => {
  it('names the companies, what each received, the identifiers and the data flows', async () => {
    const { page, tabId } = await open(h, '/network.html');
    await page.waitForFunction(() => document.title === 'network done', undefined, { timeout: 20_000 });
    const report = await settledReport(h, page, (r) => (r?.network?.unreadableBodies ?? 0) === 3 && (r?.companies.length ?? 0) === 6, 15_000);
    expect(reportErrors(report)).toEqual([]);
    // Everything the page sent was answered by the proxy, over https.
    expect(proxy.seen.every((s) => s.url.startsWith('https://'))).toBe(true);

    expect(report?.companies.map((c) => [c.id, c.category]).sort()).toEqual(EXPECTED_COMPANIES);
    expect(company(report, 'xandr')?.receives).toEqual(['cross-site-ids', 'audience-segments', 'precise-location', 'consent-string', 'page-categories']);
    expect(company(report, 'xandr')?.requests).toBe(4);
    expect(company(report, 'indexexchange')?.receives).toEqual(['page-categories']);
    expect(report?.identifiers.map((i) => [i.source, i.atype ?? null, i.via]).sort()).toEqual([
      ['liveramp.com', 3, XANDR],
      ['pubcid.org', 1, XANDR],
    ]);
    const flows = (report?.dataFlows ?? []).map((f) => `${f.kind}: ${f.from} → ${f.to} [${f.carries.join(', ')}]`).sort();
    expect(flows).toEqual(EXPECTED_FLOWS);
    expect(report?.network).toMatchObject({ bidRequests: 2, dropped: { companies: 0, flows: 0, identifiers: 0 } });
    // The 50 MB body, the 5,000-deep one and the one that is not JSON.
    expect(report?.network?.unreadableBodies).toBe(3);

    // The popup's "Who's here" view says the same in words.
    const popup = await openPopupFor(h, tabId);
    await popup.getByTestId('view-who').click();
    await popup.waitForSelector('[data-testid="whos-here"]');
    expect(await popup.locator('[data-testid="flows"] > li').count()).toBe(EXPECTED_FLOWS.length);
    expect(await popup.locator('[data-company="xandr"]').textContent()).toContain('Received identifiers that follow you across sites, audience groups you were put in, your precise location');
    const hrefs = await popup.locator('[data-testid="whos-here"] a[href]').evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href));
    expect(hrefs.length).toBeGreaterThan(0);
    for (const href of hrefs) expect(href.startsWith('https://'), href).toBe(true);
    await popup.close();
    await page.close();
  });
});

describe('retargeting', () => {
  it('says an ad is likely retargeting when its advertiser\'s site had a pixel on an earlier visit', async () => {
    const shop = await h.ext.context.newPage();
    await shop.goto('https://acme-shoes.example/', { waitUntil: 'load' });
    await shop.waitForTimeout(300);
    await shop.close();
    // The shop's pixel is remembered in the background in a batch: give it its moment, then visit the news.
    await new Promise((r) => setTimeout(r, 2_500));
    const { page, tabId } = await open(h, '/why/profiled.html');
    await page.waitForFunction(() => document.documentElement.getAttribute('data-why-demo') === 'done', undefined, { timeout: 15_000 });
    const report = await settledReport(h, page, (r) => !!r?.ads[0]?.reasons.some((x) => x.kind === 'retargeting'), 15_000);
    const reason = report?.ads[0]?.reasons.find((x) => x.kind === 'retargeting');
    expect(reason).toMatchObject({ kind: 'retargeting', basis: 'observed', detail: 'acme-shoes.example' });
    expect(reason?.evidence[0]?.value).toMatch(/^Meta pixel on acme-shoes\.example, last seen \d{4}-\d{2}-\d{2}$/);
    // The settings page says how many sites are remembered, and forgets them on request.
    const settings = await h.ext.context.newPage();
    await settings.goto(`chrome-extension://${h.ext.extensionId}/src/ui/settings/index.html`);
    await settings.getByText('Sites remembered: 1').waitFor();
    await settings.getByRole('button', { name: 'Forget them' }).click();
    await settings.getByText('Sites remembered: 0').waitFor();
    const after = await settledReport(h, page, (r) => !r?.ads[0]?.reasons.some((x) => x.kind === 'retargeting'));
    expect(after?.ads[0]?.reasons.some((x) => x.kind === 'retargeting')).toBe(false);
    void tabId;
    await settings.close();
    await page.close();
  });
});

const XANDR = 'Xandr (Microsoft)';
const EXPECTED_COMPANIES: [string, string][] = [
  ['indexexchange', 'exchange'],
  ['magnite', 'ssp'],
  ['meta', 'platform'],
  ['microsoft', 'platform'],
  ['thetradedesk', 'dsp'],
  ['xandr', 'ssp'],
];
const EXPECTED_FLOWS: string[] = [
  'bid-request: 127.0.0.1 → Index Exchange [page-categories]',
  `bid-request: 127.0.0.1 → ${XANDR} [cross-site-ids, audience-segments, precise-location, consent-string, page-categories]`,
  'id-sync: Magnite → The Trade Desk [id]',
  'pixel: 127.0.0.1 → Meta [visit, event:PageView]',
  'pixel: 127.0.0.1 → Microsoft Advertising [visit, event:pageLoad]',
].sort();
