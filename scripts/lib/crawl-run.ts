/**
 * Visits URLs one after another in a Chromium with the extension and yields one PageReport per
 * URL. A URL that fails yields a report with `error` set; the run goes on.
 */
import type { PageReport } from '../../src/shared/page-report';
import { PAGE_REPORT_SCHEMA } from '../../src/shared/page-report';
import { reportOf, type ExtensionBrowser } from './extension-browser';

export interface VisitOptions {
  waitMs: number;
  timeoutMs: number;
}

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

export async function visit(ext: ExtensionBrowser, url: string, options: VisitOptions): Promise<PageReport> {
  const invalid = checkUrl(url);
  if (invalid) return errorReport(url, 'invalid-url', invalid);
  const page = await ext.context.newPage();
  try {
    const response = await page.goto(url, { waitUntil: 'load', timeout: options.timeoutMs });
    if (response && response.status() >= 400) {
      return errorReport(url, 'http-error', `the server answered ${response.status()} ${response.statusText()}`);
    }
    await page.waitForTimeout(options.waitMs);
    const report = await reportOf(ext, page);
    return report ?? errorReport(url, 'no-data', 'the extension saw nothing on this page (a page extensions may not read?)');
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const code = /timeout/i.test(message) ? 'timeout' : 'navigation-failed';
    return errorReport(url, code, message);
  } finally {
    await page.close().catch(() => undefined);
  }
}
