import { describe, expect, it } from 'vitest';
import { countRecord, formatDuration, formatSummary, newStats, pagesPerMinute } from '../../scripts/lib/crawl-summary';
import type { CrawlInfo, LogRecord } from '../../src/core/log/record';
import { PAGE_REPORT_SCHEMA, type PageReport } from '../../src/shared/page-report';

function record(statuses: string[], banner: CrawlInfo['banner'], error?: string): LogRecord {
  const report = {
    schema: PAGE_REPORT_SCHEMA,
    url: 'https://a.example/',
    observedAt: '2026-01-15T10:00:00.000Z',
    ads: statuses.map((status) => ({ status })),
    consent: { tcf: null, gpp: null, usp: null, gpc: null },
    companies: [],
    identifiers: [],
    dataFlows: [],
    flags: [],
    ...(error ? { error: { code: error, message: 'm' } } : {}),
  } as unknown as PageReport;
  return {
    schema: 'why-this-ad/log-record/1',
    id: 'crawl:r:000000000000000000000000',
    site: 'a.example',
    loggedAt: '2026-01-15T10:00:00.000Z',
    redaction: 'full',
    where: 'crawl',
    report,
    signals: null,
    crawl: { consent: 'accept', banner, durationMs: 1 },
  };
}

describe('crawl summary', () => {
  it('formats durations', () => {
    expect(formatDuration(0)).toBe('0.0s');
    expect(formatDuration(950)).toBe('0.9s');
    expect(formatDuration(9_999)).toBe('9.9s');
    expect(formatDuration(12_400)).toBe('12s');
    expect(formatDuration(65_000)).toBe('1m 05s');
    expect(formatDuration(3_725_000)).toBe('1h 02m');
    expect(formatDuration(-1)).toBe('?');
    expect(formatDuration(Number.NaN)).toBe('?');
  });

  it('computes pages per minute', () => {
    expect(pagesPerMinute(0, 1000)).toBe(0);
    expect(pagesPerMinute(10, 0)).toBe(0);
    expect(pagesPerMinute(200, 65_000)).toBe(184.6);
  });

  it('counts pages, shown ads, errors by code and banners', () => {
    const stats = newStats(6, 4, 0);
    countRecord(stats, record(['shown', 'shown', 'unfilled'], 'handled'));
    countRecord(stats, record(['collapsed'], 'failed'));
    countRecord(stats, record([], 'not-found', 'timeout'));
    countRecord(stats, record([], 'found', 'timeout'));
    countRecord(stats, record(['shown'], 'not-found', 'http-error'));
    expect(stats).toEqual({
      total: 6,
      skipped: 4,
      done: 5,
      errors: { timeout: 2, 'http-error': 1 },
      ads: 3,
      banners: { found: 3, handled: 1, failed: 1 },
      startedAt: 0,
    });
    expect(formatSummary(stats, { consent: 'accept', now: 65_000, out: 'out.ndjson' })).toEqual([
      'Done: 5 pages in 1m 05s (4.6 pages/min): 2 visited, 3 errors.',
      'Ads shown: 3.',
      'Errors: timeout 2, http-error 1.',
      'Consent banners (--consent accept): 3 found, 1 handled, 1 failed.',
      'Resumed: 4 pages were already in out.ndjson.',
    ]);
  });

  it('says when it was stopped, and what --consent none did', () => {
    const stats = newStats(10, 1, 1_000);
    countRecord(stats, record(['shown'], 'found'));
    expect(formatSummary(stats, { consent: 'none', now: 4_000, interrupted: true })).toEqual([
      'Stopped: 1 of 10 pages written in 3.0s (20 pages/min): 1 visited, 0 errors.',
      'Ads shown: 1.',
      'Consent banners (--consent none, left alone): 1 found.',
      'Resumed: 1 page was already in the output.',
    ]);
  });
});
