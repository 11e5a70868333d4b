import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { crawlRecord, newRunId, parseRecordId, recordId, RUN_ID_PATTERN, urlKey } from '../../scripts/lib/crawl-record';
import { ID_PATTERN, LOG_RECORD_SCHEMA } from '../../src/core/log/record';
import { PAGE_REPORT_SCHEMA, type PageReport } from '../../src/shared/page-report';

const report = (url: string): PageReport => ({
  schema: PAGE_REPORT_SCHEMA,
  url,
  observedAt: '2026-01-15T10:00:00.000Z',
  ads: [],
  consent: { tcf: null, gpp: null, usp: null, gpc: null },
  companies: [],
  identifiers: [],
  dataFlows: [],
  flags: [],
});

describe('crawl records', () => {
  it('makes run ids from the start time and a random part', () => {
    const id = newRunId(new Date('2026-01-15T10:15:00.123Z'), Buffer.from([0x1a, 0x2b, 0x3c]));
    expect(id).toBe('20260115T101500Z-1a2b3c');
    expect(id).toMatch(RUN_ID_PATTERN);
    expect(newRunId()).not.toBe(newRunId());
  });

  it('gives each (run, URL) one id: the URL key is the start of its SHA-256', () => {
    const url = 'https://news.example/a?b=1';
    expect(urlKey(url)).toBe(createHash('sha256').update(url).digest('hex').slice(0, 24));
    const id = recordId('20260115T101500Z-1a2b3c', url);
    expect(id).toBe(`crawl:20260115T101500Z-1a2b3c:${urlKey(url)}`);
    expect(id).toMatch(ID_PATTERN);
    expect(recordId('20260115T101500Z-1a2b3c', url)).toBe(id);
    expect(recordId('20260115T101500Z-1a2b3c', `${url}&c=2`)).not.toBe(id);
    expect(recordId('20260115T101501Z-1a2b3c', url)).not.toBe(id);
    expect(parseRecordId(id)).toEqual({ runId: '20260115T101500Z-1a2b3c', key: urlKey(url) });
  });

  it('does not take other ids for crawl ids', () => {
    for (const id of ['browser:1:abc', 'crawl:run', `crawl:run:${'a'.repeat(23)}`, `crawl:r u n:${'a'.repeat(24)}`, `crawl:run:${'A'.repeat(24)}`, 'x'.repeat(200)]) {
      expect(parseRecordId(id)).toBeNull();
    }
  });

  it('wraps the report as a LogRecord of the crawl, the site from the page reached', () => {
    const now = new Date('2026-01-15T10:00:05.000Z');
    const crawl = { consent: 'accept', banner: 'handled', cmp: 'why-this-ad-demo', durationMs: 1234 } as const;
    const record = crawlRecord('run-1', 'http://old.example/', report('https://www.news.example.co.uk/story'), crawl, now);
    expect(record).toEqual({
      schema: LOG_RECORD_SCHEMA,
      id: `crawl:run-1:${urlKey('http://old.example/')}`,
      site: 'example.co.uk',
      loggedAt: '2026-01-15T10:00:05.000Z',
      redaction: 'full',
      where: 'crawl',
      report: report('https://www.news.example.co.uk/story'),
      signals: null,
      crawl,
    });
    // A URL that is not one has no site.
    expect(crawlRecord('run-1', 'not-a-url', report('not-a-url'), { ...crawl, banner: 'not-found' }).site).toBe('');
  });
});
