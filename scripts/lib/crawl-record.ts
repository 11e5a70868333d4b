/**
 * What a crawl writes for one URL: a LogRecord (the research log's schema, as its exports write
 * it) wrapping the page's report. The id is `crawl:<runId>:<key>`, the key the first 24 hex digits
 * of the SHA-256 of the URL as listed (not as redirected), so a resumed run recognises the URLs it
 * did and a record imported twice stays one record.
 */
import { createHash, randomBytes } from 'node:crypto';
import { ID_PATTERN, makeLogRecord, type CrawlInfo, type LogRecord } from '../../src/core/log/record';
import { siteOf } from '../../src/core/site';
import type { PageReport } from '../../src/shared/page-report';

export const ID_PREFIX = 'crawl';
/** What a run id looks like: a UTC time and a random part, e.g. 20260115T101500Z-1a2b3c. */
export const RUN_ID_PATTERN = /^[A-Za-z0-9_.-]{1,64}$/;

/** A new run's id: when it started, and 24 random bits so that two runs started at once differ. */
export function newRunId(now = new Date(), random: Buffer = randomBytes(3)): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return `${stamp}-${random.toString('hex')}`;
}

/** The part of a record id that names the URL. */
export function urlKey(url: string): string {
  return createHash('sha256').update(url, 'utf8').digest('hex').slice(0, 24);
}

export function recordId(runId: string, url: string): string {
  return `${ID_PREFIX}:${runId}:${urlKey(url)}`;
}

/** The run id and URL key of a crawl record's id, or null when the id is not one of ours. */
export function parseRecordId(id: string): { runId: string; key: string } | null {
  if (!ID_PATTERN.test(id)) return null;
  const match = /^crawl:([A-Za-z0-9_.-]{1,64}):([0-9a-f]{24})$/.exec(id);
  return match ? { runId: match[1] as string, key: match[2] as string } : null;
}

/** The record of one visit. The crawl keeps full URLs (it visits public pages a researcher listed). */
export function crawlRecord(runId: string, listedUrl: string, report: PageReport, crawl: CrawlInfo, now = new Date()): LogRecord {
  return makeLogRecord(report, {
    id: recordId(runId, listedUrl),
    site: siteOf(report.url) ?? siteOf(listedUrl) ?? '',
    loggedAt: now.toISOString(),
    redaction: 'full',
    where: 'crawl',
    // The crawl reads the report as the popup does; the raw signals stay in the browser.
    signals: null,
    crawl,
  });
}
