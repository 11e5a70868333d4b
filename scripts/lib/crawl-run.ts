/**
 * One page of a crawl: opens a tab in the Chromium with the extension, loads the URL, lets the
 * consent banner be answered, scrolls, waits, and reads the PageReport the popup would show. A URL
 * that fails gives a report with `error` set; the crawl goes on. A page that hangs past its whole
 * budget is closed and reported as a timeout, so its slot is free for the next URL.
 */
import type { Page } from 'playwright-core';
import type { CrawlInfo } from '../../src/core/log/record';
import type { PageReport } from '../../src/shared/page-report';
import { PAGE_REPORT_SCHEMA } from '../../src/shared/page-report';
import type { ConsentAnswer } from './crawl-args';
import type { BannerOutcome } from './crawl-banner';
import type { ConsentDriver } from './crawl-consent';
import { DEFAULT_SCROLL, scrollPage } from './crawl-scroll';
import { ask, tabIdOf, type ExtensionBrowser } from './extension-browser';

export interface VisitOptions {
  waitMs: number;
  /** How long the page may take to load. */
  timeoutMs: number;
  scroll?: boolean;
  /** How long to wait for the banner to be answered (consent accept or reject). */
  consentWaitMs?: number;
}

export interface PageVisit {
  report: PageReport;
  crawl: CrawlInfo;
}

/** Time for reading the report and closing the tab, on top of a visit's own waits. */
const SLACK_MS = 15_000;
/** How long closing a tab may take before the crawl goes on without waiting for it. */
const CLOSE_WAIT_MS = 5_000;

export function errorReport(url: string, code: string, message: string): PageReport {
  return {
    schema: PAGE_REPORT_SCHEMA,
    url,
    observedAt: new Date().toISOString(),
    ads: [],
    consent: { tcf: null, gpp: null, usp: null, gpc: null },
    companies: [],
    identifiers: [],
    dataFlows: [],
    flags: [],
    error: { code, message: message.split('\n')[0]?.slice(0, 500) ?? '' },
  };
}

function checkUrl(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? null : 'only http and https pages can be visited';
  } catch {
    return 'not a URL';
  }
}

let tabLock: Promise<unknown> = Promise.resolve();
/**
 * extension-browser.ts's tabIdOf brings the page to the front and asks which tab is active: two
 * pages doing that at once could each get the other's tab, so it is done one page at a time.
 */
function oneAtATime<T>(task: () => Promise<T>): Promise<T> {
  const run = tabLock.then(task, task);
  tabLock = run.catch(() => undefined);
  return run;
}

/**
 * The tab of a page: the one tab with its URL when there is exactly one (the usual case, the
 * list being without duplicates), else as tabIdOf finds it, one page at a time.
 */
async function tabOf(ext: ExtensionBrowser, page: Page, quick = true): Promise<number> {
  if (quick) {
    const url = page.url();
    const ids = await ext.control.evaluate(async (pageUrl) => (await chrome.tabs.query({})).filter((t) => t.url === pageUrl && t.id !== undefined).map((t) => t.id as number), url);
    if (ids.length === 1) return ids[0] as number;
  }
  return oneAtATime(() => tabIdOf(ext, page));
}

const withoutFragment = (url: string): string => url.replace(/#.*$/, '');

/**
 * The report of the page's tab, checked to be of the page the tab shows now: a report of another
 * page must never be written under this page's URL. When they differ (the extension not yet past
 * a late redirect, or a tab mistaken for another) the tab is found again, the slow and sure way,
 * and asked once more; null if it still differs.
 */
async function pageReport(ext: ExtensionBrowser, page: Page, tabId: number): Promise<PageReport | null | 'mismatch'> {
  let report = await ask<PageReport | null>(ext, 'ui:getReport', { tabId });
  if (!report || withoutFragment(report.url) === withoutFragment(page.url())) return report;
  await page.waitForTimeout(500);
  report = await ask<PageReport | null>(ext, 'ui:getReport', { tabId: await tabOf(ext, page, false) });
  return !report || withoutFragment(report.url) === withoutFragment(page.url()) ? report : 'mismatch';
}

/**
 * Pages of the crawl's tabs now open. Playwright hands out a new page for each newPage(); were it
 * ever to hand out one already in use, two URLs would share a tab (and one of them get the
 * other's report), so such a page is refused.
 */
const pagesInUse = new Set<Page>();

async function newPage(ext: ExtensionBrowser): Promise<Page> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const page = await ext.context.newPage();
    if (!pagesInUse.has(page)) {
      pagesInUse.add(page);
      return page;
    }
  }
  throw new Error('the browser gave no new tab');
}

/** The longest a visit may take before its tab is closed and it counts as a timeout. */
export function visitBudgetMs(options: VisitOptions): number {
  const scroll = options.scroll ? DEFAULT_SCROLL.durationMs + 1_000 : 0;
  return options.timeoutMs + (options.consentWaitMs ?? 0) + scroll + options.waitMs + SLACK_MS;
}

export async function visitPage(ext: ExtensionBrowser, url: string, options: VisitOptions, consent: ConsentDriver | null = null): Promise<PageVisit> {
  const started = Date.now();
  const answer: ConsentAnswer = consent?.answer ?? 'none';
  const info = (outcome: BannerOutcome): CrawlInfo => ({ consent: answer, ...outcome, durationMs: Date.now() - started });
  const invalid = checkUrl(url);
  if (invalid) return { report: errorReport(url, 'invalid-url', invalid), crawl: info({ banner: 'not-found' }) };

  const page = await newPage(ext);
  // Windows the page opens (pop-unders) are not part of the crawl, and would pile up over thousands of pages.
  page.on('popup', (popup) => void popup.close({ runBeforeUnload: false }).catch(() => undefined));
  const watch = consent?.watch(page) ?? null;
  const outcome = (): BannerOutcome => watch?.outcome ?? { banner: 'not-found' };
  const work = async (): Promise<PageReport> => {
    const response = await page.goto(url, { waitUntil: 'load', timeout: options.timeoutMs });
    if (response && response.status() >= 400) {
      return errorReport(url, 'http-error', `the server answered ${response.status()} ${response.statusText()}`);
    }
    const tabId = await tabOf(ext, page);
    if (watch && answer !== 'none') await watch.settle(options.consentWaitMs ?? 0);
    if (options.scroll) await scrollPage(page);
    await page.waitForTimeout(options.waitMs);
    const report = await pageReport(ext, page, tabId);
    if (report === 'mismatch') return errorReport(url, 'no-data', `the extension's report for this tab was of another page`);
    return report ?? errorReport(url, 'no-data', 'the extension saw nothing on this page (a page extensions may not read?)');
  };

  const budget = visitBudgetMs(options);
  let timer: NodeJS.Timeout | undefined;
  const overtime = new Promise<PageReport>((resolve) => {
    timer = setTimeout(() => resolve(errorReport(url, 'timeout', `the page was not done after ${Math.round(budget / 1000)} s`)), budget);
  });
  try {
    const report = await Promise.race([
      work().catch((error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        return errorReport(url, /timeout/i.test(message) ? 'timeout' : 'navigation-failed', message);
      }),
      overtime,
    ]);
    return { report, crawl: info(outcome()) };
  } finally {
    clearTimeout(timer);
    pagesInUse.delete(page);
    if (consent) consent.release(page);
    // Closing a hung page also ends whatever of `work` still waits on it; the slot is free either way.
    await Promise.race([page.close({ runBeforeUnload: false }).catch(() => undefined), new Promise((r) => setTimeout(r, CLOSE_WAIT_MS).unref())]);
  }
}

/** One page, read as the popup would read it (no banner answered, no scrolling): `npm start -- --headless`. */
export async function visit(ext: ExtensionBrowser, url: string, options: VisitOptions): Promise<PageReport> {
  return (await visitPage(ext, url, { ...options, scroll: false })).report;
}
