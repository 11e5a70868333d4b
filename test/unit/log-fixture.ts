/**
 * A realistic LogRecord for the log's format tests: a page with a private address whose ad tech
 * copied that address everywhere it usually does (ortb2 site.page and site.ref, GPT targeting,
 * frame URLs, a creative's click URL with the page in `adurl`, JSON-escaped and percent-encoded),
 * explained by the real engine.
 */
import { buildReport } from '../../src/core/report';
import { makeLogRecord, type LogRecord } from '../../src/core/log/record';
import { emptySnapshot, withCreative, withFrame, withSignal, type TabSnapshot } from '../../src/core/tab-snapshot';
import type { JsonValue } from '../../src/shared/signals';

export const PAGE = 'https://news.example/private/diary?secret=abc123#entry-7';
export const PAGE_ENCODED = encodeURIComponent(PAGE);
/** Pieces of PAGE that redaction must remove from everywhere. */
export const PRIVATE_PIECES = ['/private/diary', 'private%2Fdiary', 'secret=abc123', 'secret%3Dabc123', 'abc123', 'entry-7'];

const WHY = 'https://adssettings.google.com/whythisad?source=display&reasons=AbC';

export function realisticRecord(id = 'b:lx2k.7.0123456789abcdef', page = PAGE): LogRecord {
  const encoded = encodeURIComponent(page);
  const withoutScheme = page.replace(/^https?:\/\//, '');
  let s: TabSnapshot = emptySnapshot(7, page, 'doc-1', 1_700_000_000_000);
  s = withFrame(s, {
    frameId: 0,
    parentFrameId: -1,
    url: page,
    ads: [
      { key: 'a1', status: 'shown', format: 'display', detectedBy: ['gpt', 'prebid'], width: 300, height: 250, elementId: 'div-gpt-ad-1', adUnitPath: '/1234/news/diary', frameSrc: `https://googleads.g.doubleclick.net/pagead/ads?client=ca-pub-1&url=${encoded}&ref=https%3A%2F%2Fsearch.example%2F%3Fq%3Dmy%2Bdiary` },
      { key: 'a2', status: 'unfilled', format: 'display', detectedBy: ['gpt'], width: 728, height: 90, elementId: 'div-gpt-ad-2' },
    ],
    probe: { gpc: true },
    updatedAt: 1,
  });
  s = withFrame(s, {
    frameId: 5,
    parentFrameId: 0,
    url: `https://tpc.googlesyndication.com/safeframe/1-0-40/html/container.html?n=0#xpc=sf-gdn-exp-1&p=${encodeURIComponent(encoded)}`,
    ads: [],
    probe: null,
    updatedAt: 2,
  });
  const prebid: JsonValue = [
    {
      global: 'pbjs',
      version: 'v11.36.0',
      winningBids: [
        {
          bidderCode: 'appnexus',
          adId: 'ad1',
          adUnitCode: 'div-gpt-ad-1',
          auctionId: 'a1',
          status: 'rendered',
          meta: { advertiserDomains: ['acme-shoes.example'], advertiserName: '=cmd|\' /C calc\'!A0', networkName: 'Demo DSP', dsa: { behalf: 'Acme Shoes, "B.V."', paid: 'Acme\nMedia', transparency: [{ domain: 'dsp.demo-dsp.example', dsaparams: [1, 2] }], adrender: 0 } },
          adUrl: `https://ib.adnxs.com/ab?e=x&referrer=${encoded}`,
        },
      ],
      eids: [{ source: 'pubcid.org', uids: [{ id: 'u-1', atype: 1 }] }],
      gvlMapping: null,
      auctions: [
        {
          auctionId: 'a1',
          bidderRequests: [
            {
              bidderCode: 'appnexus',
              refererInfo: { page, ref: 'https://search.example/?q=my+diary', topmostLocation: page, stack: [page] },
              ortb2: {
                site: { page, ref: 'https://search.example/?q=my+diary', domain: 'news.example', keywords: 'diary', ext: { data: { pageUrl: withoutScheme, json: JSON.stringify({ page }).replace(/\//g, '\\/') } } },
                user: { data: [{ name: 'dmp.example', ext: { segtax: 4 }, segment: [{ id: '49' }] }] },
                regs: { ext: { dsa: { dsarequired: 3 } } },
              },
            },
          ],
        },
      ],
    },
  ];
  s = withSignal(s, 0, 'prebid', prebid);
  s = withSignal(s, 0, 'gpt', {
    version: '2024',
    pageTargeting: { url: withoutScheme, [page]: 'the page as a key', path: new URL(page).pathname },
    slots: [{ path: '/1234/news/diary', elementId: 'div-gpt-ad-1', targeting: { hb_pb: '1.20', ref: page }, response: { creativeId: 7 }, render: null }],
    apstag: false,
  });
  s = withCreative(s, 5, {
    links: [
      { href: WHY, mark: 'abgl' },
      { href: `https://googleads.g.doubleclick.net/aclk?sa=L&ai=C1&adurl=https://www.acme-shoes.example/sale&nx=${encoded}` },
      { href: `https://ad.doubleclick.net/clk;1;2?https%3A%2F%2Fshop.example%2Fp&u=${encodeURIComponent(encoded)}` },
    ],
    hosts: ['tpc.googlesyndication.com'],
    name: 'google_ads_iframe_/1234/news/diary_0',
  });
  const report = buildReport(s, new Date('2026-11-29T10:00:00Z'));
  // What other parts of a report can hold of the address (a frame ad, evidence, a creative's link).
  const first = report.ads[0];
  if (first) {
    first.slot.frameUrl = `https://googleads.g.doubleclick.net/pagead/ads?client=ca-pub-1&url=${encoded}`;
    first.reasons[0]?.evidence.push({ source: 'prebid.bidderRequest.site.page', value: page });
    first.creativeLinks = [...(first.creativeLinks ?? []), { kind: 'disclosure', text: `https://ad.example/dsa?u=${encoded}` }];
  }
  report.consent.tcf = { tcString: 'CQ-fake', gdprApplies: true, cmpId: 31, purposes: { consented: [1, 2], refused: [3, 4] }, specialFeatures: [], vendorsConsented: 3, status: 'ok' };
  report.companies.push({ id: 'xandr', name: 'Xandr (Microsoft)', domain: 'adnxs.com', category: 'ssp', requests: 4, roles: ['ssp'], receives: ['consent-string'] });
  return makeLogRecord(report, { id, site: 'news.example', loggedAt: '2026-11-29T10:00:01.000Z', redaction: 'full', where: 'browser', signals: { frames: Object.values(s.frames) } });
}

export { WHY };
