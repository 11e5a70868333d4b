/**
 * A LogRecord (schema `why-this-ad/log-record/1`): one page visit as the research log keeps it,
 * as exports write it (one per NDJSON line) and as `npm run crawl` writes it. It wraps the
 * PageReport the popup showed with what the log needs: a stable id, the site, when it was logged,
 * how the page's address was redacted, and the raw signals behind the report, so that a better
 * engine can explain old records again. The JSON Schema is docs/log-record.schema.json.
 */
import type { FrameSnapshot } from '../tab-snapshot';
import type { PageReport } from '../../shared/page-report';

export const LOG_RECORD_SCHEMA = 'why-this-ad/log-record/1';

/** How the page's address is kept: as it was, cut to its origin, or as a salted hash. */
export type UrlRedaction = 'full' | 'origin' | 'hash';
export const URL_REDACTIONS: readonly UrlRedaction[] = ['full', 'origin', 'hash'];

/** The raw signals of a page, per frame (what the probe, the DOM scan and the creatives said). */
export interface LogSignals {
  frames: FrameSnapshot[];
}

/** What a crawl did on the page besides visiting it. */
export interface CrawlInfo {
  /** What the crawl was asked to answer to a consent banner. */
  consent: 'accept' | 'reject' | 'none';
  /**
   * What happened: `handled` (a banner was found and answered as asked), `found` (a banner was
   * found and left alone: consent none), `not-found`, or `failed` (found, but answering it failed).
   */
  banner: 'handled' | 'found' | 'not-found' | 'failed';
  /** The banner-automation rule (the consent tool) that matched, when one did. */
  cmp?: string;
  /** Wall-clock time of the visit. */
  durationMs: number;
}

export interface LogRecord {
  schema: typeof LOG_RECORD_SCHEMA;
  /**
   * Stable for one page visit: logging the same visit again replaces the record, and importing
   * a record already in the log skips it. At most MAX_ID_LENGTH characters of [A-Za-z0-9:_.-].
   */
  id: string;
  /** The page's registrable domain (core/site.ts), or '' when it has none. Kept under every redaction. */
  site: string;
  /** When the record was last written (ISO 8601). */
  loggedAt: string;
  redaction: UrlRedaction;
  where: 'browser' | 'crawl';
  /** The report, with its URLs redacted as `redaction` says. */
  report: PageReport;
  /** null when the person's log keeps none, or they were over MAX_SIGNALS_BYTES (then `signalsDropped`). */
  signals: LogSignals | null;
  signalsDropped?: boolean;
  crawl?: CrawlInfo;
}

export const MAX_ID_LENGTH = 128;
export const ID_PATTERN = /^[A-Za-z0-9:_.-]{1,128}$/;
/** Signals bigger than this (as JSON) are not kept with the record. */
export const MAX_SIGNALS_BYTES = 256 * 1024;

export interface RecordOptions {
  id: string;
  site: string;
  loggedAt: string;
  redaction: UrlRedaction;
  where: LogRecord['where'];
  signals: LogSignals | null;
  crawl?: CrawlInfo;
}

/**
 * Wraps a report as a record. Signals over MAX_SIGNALS_BYTES are left out (and said to be): a page
 * with a huge bid response must not make the log slow or full. Redaction is a separate step
 * (redact.ts), applied to the whole record.
 */
export function makeLogRecord(report: PageReport, options: RecordOptions): LogRecord {
  let signals = options.signals;
  let signalsDropped = false;
  if (signals && JSON.stringify(signals).length > MAX_SIGNALS_BYTES) {
    signals = null;
    signalsDropped = true;
  }
  return {
    schema: LOG_RECORD_SCHEMA,
    id: options.id,
    site: options.site,
    loggedAt: options.loggedAt,
    redaction: options.redaction,
    where: options.where,
    report,
    signals,
    ...(signalsDropped ? { signalsDropped } : {}),
    ...(options.crawl ? { crawl: options.crawl } : {}),
  };
}
