import { describe, expect, it } from 'vitest';
import { errorReport, visitBudgetMs } from '../../scripts/lib/crawl-run';
import { exitCodeFor } from '../../scripts/lib/crawl-stop';
import { reportErrors } from './schema-validator';

describe('a crawl\'s page visit', () => {
  it('reports a page it could not read as a valid report with an error, its message one short line', () => {
    const report = errorReport('https://a.example/', 'timeout', `page.goto: Timeout 1000ms exceeded.\n${'call log '.repeat(200)}`);
    expect(reportErrors(report)).toEqual([]);
    expect(report.error).toEqual({ code: 'timeout', message: 'page.goto: Timeout 1000ms exceeded.' });
    expect(errorReport('x', 'e', 'y'.repeat(2000)).error?.message).toHaveLength(500);
  });

  it('closes a page once it has had its load time, banner time, scrolling, wait and a margin', () => {
    expect(visitBudgetMs({ timeoutMs: 30_000, waitMs: 2_000 })).toBe(47_000);
    expect(visitBudgetMs({ timeoutMs: 30_000, waitMs: 2_000, scroll: true, consentWaitMs: 5_000 })).toBe(54_000);
  });

  it('exits with 128 and the signal\'s number when stopped', () => {
    expect([exitCodeFor('SIGINT'), exitCodeFor('SIGTERM'), exitCodeFor('SIGHUP')]).toEqual([130, 143, 129]);
  });
});
