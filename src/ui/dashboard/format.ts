/** Numbers, sizes and dates in the page's language. Pure (the language is passed in), unit-tested. */

/**
 * Formatters by language and options: making an Intl formatter costs far more than using one, and
 * the table formats two dates per row.
 */
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function numbers(language: string, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  const key = `n|${language}|${JSON.stringify(options)}`;
  let f = formatters.get(key) as Intl.NumberFormat | undefined;
  if (!f) formatters.set(key, (f = new Intl.NumberFormat(language, options)));
  return f;
}
function dates(language: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `d|${language}|${JSON.stringify(options)}`;
  let f = formatters.get(key) as Intl.DateTimeFormat | undefined;
  if (!f) formatters.set(key, (f = new Intl.DateTimeFormat(language, options)));
  return f;
}

const UNITS = ['B', 'kB', 'MB', 'GB', 'TB'] as const;

/** 1 kB = 1000 bytes, as browsers and operating systems report storage to people. */
export function formatBytes(bytes: number, language: string): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '?';
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${numbers(language, { maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(value)} ${UNITS[unit]}`;
}

export function formatNumber(n: number, language: string): string {
  return numbers(language).format(n);
}

export function formatDateTime(ms: number, language: string): string {
  if (!Number.isFinite(ms)) return '?';
  return dates(language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(ms));
}

/** A log day ('YYYY-MM-DD', UTC) in words, without shifting it into another time zone. */
export function formatDay(day: string, language: string): string {
  const ms = Date.parse(`${day}T00:00:00Z`);
  if (Number.isNaN(ms)) return day;
  return dates(language, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(ms));
}

/** 'YYYY-MM-DD' of a time, in UTC (the log's days). */
export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The export's file name: `why-this-ad-log-YYYY-MM-DD.<ext>` (the local date the person sees). */
export function exportFileName(now: Date, extension: string): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `why-this-ad-log-${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}.${extension}`;
}

/** A log day as a short axis label ("3 Mar"). */
export function formatShortDay(day: string, language: string): string {
  const ms = Date.parse(`${day}T00:00:00Z`);
  if (Number.isNaN(ms)) return day;
  return dates(language, { month: 'short', day: 'numeric', timeZone: 'UTC' }).format(new Date(ms));
}
