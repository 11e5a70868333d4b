/** The counts of a crawl as it goes (for the progress line) and the summary printed at its end. Pure. */
import type { LogRecord } from '../../src/core/log/record';
import type { ConsentAnswer } from './crawl-args';

export interface CrawlStats {
  /** Pages this run is to visit (after --shard and --resume). */
  total: number;
  /** Pages of the list already in the output (--resume). */
  skipped: number;
  /** Pages written. */
  done: number;
  /** Pages written with an error, by error code. */
  errors: Record<string, number>;
  /** Ads shown on the pages written. */
  ads: number;
  /** Banners found (whatever happened next), answered as asked, and found but not answered. */
  banners: { found: number; handled: number; failed: number };
  startedAt: number;
}

export function newStats(total: number, skipped: number, startedAt: number): CrawlStats {
  return { total, skipped, done: 0, errors: {}, ads: 0, banners: { found: 0, handled: 0, failed: 0 }, startedAt };
}

export function countRecord(stats: CrawlStats, record: LogRecord): void {
  stats.done++;
  const error = record.report.error;
  if (error) stats.errors[error.code] = (stats.errors[error.code] ?? 0) + 1;
  stats.ads += record.report.ads.filter((a) => a.status === 'shown').length;
  const banner = record.crawl?.banner;
  if (banner && banner !== 'not-found') stats.banners.found++;
  if (banner === 'handled') stats.banners.handled++;
  if (banner === 'failed') stats.banners.failed++;
}

export const errorCount = (stats: CrawlStats): number => Object.values(stats.errors).reduce((a, b) => a + b, 0);

/** 950 ms → "0.9s", 65 s → "1m 05s", 3725 s → "1h 02m". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '?';
  if (ms < 10_000) return `${(Math.floor(ms / 100) / 10).toFixed(1)}s`;
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h ${String(m % 60).padStart(2, '0')}m`;
}

/** Pages per minute, one decimal; 0 before a page is done or when no time has passed. */
export function pagesPerMinute(pages: number, ms: number): number {
  return pages > 0 && ms > 0 ? Math.round((pages / ms) * 60_000 * 10) / 10 : 0;
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

export interface SummaryOptions {
  consent: ConsentAnswer;
  now: number;
  /** Set when the run was stopped before its end (a signal). */
  interrupted?: boolean;
  /** Where the records went, for the resume note. */
  out?: string;
}

/** The summary, a few lines: pages, time and rate, ads, errors by code, banners. */
export function formatSummary(stats: CrawlStats, options: SummaryOptions): string[] {
  const elapsed = options.now - stats.startedAt;
  const errors = errorCount(stats);
  const rate = pagesPerMinute(stats.done, elapsed);
  const head = options.interrupted ? `Stopped: ${stats.done} of ${plural(stats.total, 'page')} written` : `Done: ${plural(stats.done, 'page')}`;
  const lines = [`${head} in ${formatDuration(elapsed)} (${rate} pages/min): ${stats.done - errors} visited, ${plural(errors, 'error')}.`];
  lines.push(`Ads shown: ${stats.ads}.`);
  if (errors) {
    const codes = Object.entries(stats.errors).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    lines.push(`Errors: ${codes.map(([code, n]) => `${code} ${n}`).join(', ')}.`);
  }
  const { found, handled, failed } = stats.banners;
  lines.push(
    options.consent === 'none'
      ? `Consent banners (--consent none, left alone): ${found} found.`
      : `Consent banners (--consent ${options.consent}): ${found} found, ${handled} handled, ${failed} failed.`,
  );
  if (stats.skipped) lines.push(`Resumed: ${plural(stats.skipped, 'page was', 'pages were')} already in ${options.out ?? 'the output'}.`);
  return lines;
}
