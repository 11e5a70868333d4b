/**
 * The crawl's progress on standard error: a one-line bar redrawn in place on a terminal, or, in a
 * log file or CI, a line every 10% or every 25 pages (whichever comes first). The formatting is
 * pure and unit-tested; `Progress` only decides when to write.
 */
import type { ProgressMode } from './crawl-args';
import { errorCount, formatDuration, type CrawlStats } from './crawl-summary';

/** How long until the rest is done at the rate so far; null before the first page. */
export function etaMs(stats: CrawlStats, now: number): number | null {
  if (stats.done === 0) return null;
  const left = Math.max(0, stats.total - stats.done);
  return ((now - stats.startedAt) / stats.done) * left;
}

/** "120/1000 12% · 3 errors · 240 ads · ETA 4m 10s" */
export function progressText(stats: CrawlStats, now: number): string {
  const percent = stats.total ? Math.floor((stats.done / stats.total) * 100) : 100;
  const eta = etaMs(stats, now);
  const errors = errorCount(stats);
  return [
    `${stats.done}/${stats.total} ${percent}%`,
    `${errors} ${errors === 1 ? 'error' : 'errors'}`,
    `${stats.ads} ads`,
    eta === null ? 'ETA ?' : `ETA ${formatDuration(eta)}`,
  ].join(' · ');
}

/** The bar and the text, cut to `columns` so that it never wraps (a wrapped line cannot be redrawn). */
export function progressBar(stats: CrawlStats, now: number, columns: number): string {
  const text = progressText(stats, now);
  const width = Math.max(0, Math.min(30, columns - text.length - 4));
  const filled = stats.total ? Math.round((stats.done / stats.total) * width) : width;
  const bar = width >= 5 ? `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ` : '';
  return `${bar}${text}`.slice(0, Math.max(1, columns - 1));
}

/** The most pages between two progress lines: a tenth of the run, at most 25, at least 1. */
export function lineStep(total: number): number {
  return Math.max(1, Math.min(25, Math.ceil(total / 10)));
}

/** Whether going from `before` to `after` pages done passes a tenth of the run, a multiple of 25, or the end. */
export function shouldWriteLine(before: number, after: number, total: number): boolean {
  if (after <= before || total <= 0) return false;
  if (after >= total) return before < total;
  const tenth = (done: number): number => Math.floor((done * 10) / total);
  return tenth(after) > tenth(before) || Math.floor(after / 25) > Math.floor(before / 25);
}

interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

const CLEAR_LINE = '\r\x1b[2K';

export class Progress {
  readonly mode: 'bar' | 'lines' | 'none';
  private shown = 0;
  private drawn = false;

  constructor(mode: ProgressMode, private readonly stream: ProgressStream, private readonly now: () => number = Date.now) {
    this.mode = mode === 'auto' ? (stream.isTTY ? 'bar' : 'lines') : mode;
  }

  /** Called after each page written. */
  update(stats: CrawlStats): void {
    if (this.mode === 'bar') {
      this.stream.write(`${CLEAR_LINE}${progressBar(stats, this.now(), this.stream.columns || 80)}`);
      this.drawn = true;
    } else if (this.mode === 'lines' && shouldWriteLine(this.shown, stats.done, stats.total)) {
      this.stream.write(`${progressText(stats, this.now())}\n`);
    }
    this.shown = stats.done;
  }

  /** A line of its own (a note, the summary): the bar is cleared first and not redrawn. */
  log(line: string): void {
    this.clear();
    this.stream.write(`${line}\n`);
  }

  clear(): void {
    if (this.drawn) this.stream.write(CLEAR_LINE);
    this.drawn = false;
  }
}
